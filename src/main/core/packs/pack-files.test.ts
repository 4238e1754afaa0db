import { generateKeyPairSync } from 'node:crypto'
import { appendFileSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PackDefinition, PackExportResult, PackVerification } from '../../../shared/types'
import { samplePdf } from '../samples/sample-pdf'
import type { Register } from '../register'
import { storedMember, writeRawZip } from '../testing/hostile-files'
import { openSampleRegister } from '../testing/temp-register'
import { canonicalJson } from '../../../shared/canonical-json'
import type { PackContent } from './pack-content'
import { manifestBytes, signManifest, type PdfManifest } from './signature/manifest'
import { incrementalUpdate, signatureUpdate } from './signature/pdf-signature'
import { bufferSource, XrefReader } from './signature/xref-reader'
import { type PDFArray, type PDFDict, PDFName, type PDFRef } from 'pdf-lib'
import { fingerprintOf } from './signing-keys'
import { flipByte, readZipEntries, sha256, sha256File, tool, writeZip, type ZipEntry } from './testing/pack-test-tools'
import { verifyPackFile } from './verify/verify-pack'

/*
 * One pack of the sample organisation (PCI DSS and HIPAA, one control taken out) is exported
 * once; the tests read it with the tools an auditor has (qpdf, poppler, sha256sum, unzip) and
 * check that every change made to a copy of it is found and named.
 */

let register: Register
let dataDir: string
let cleanup: () => void
let pack: PackDefinition
let result: PackExportResult
let content: PackContent
let pdfPath: string
let zipPath: string
let work: string
let excludedControl: string
const EXCLUSION_REASON = 'Assessed in the separate logging review by the same QSA'

let copies = 0
/** A path for a tampered copy of a pack. */
const copyPath = (name: string) => join(work, `${++copies}-${name}`)

function problemsOf(verification: PackVerification) {
  return verification.problems.map(({ kind, item }) => ({ kind, item }))
}

beforeAll(async () => {
  ;({ register, dataDir, cleanup } = await openSampleRegister())
  work = join(dataDir, 'work')
  mkdirSync(work)
  pack = register.packs.create({
    name: 'Harbor Bean 2026: PCI DSS & HIPAA',
    frameworks: ['pci', 'hipaa'],
    scope: { accounts: [], organizationalUnits: [] },
    periodStart: '2025-12-01',
    periodEnd: '2026-11-30',
    organisation: 'Harbor Bean Coffee Co.',
    auditor: 'Example QSA LLC',
    preparer: 'Maya Chen'
  })
  const screenshot = register.evidence
    .listAll()
    .map((item) => register.evidence.get(item.id))
    .find((item) => item.originalName === 'cloudtrail-organization-trail.png')!
  excludedControl = screenshot.controls[0]!
  pack = register.packs.setControl(pack.id, excludedControl, false, EXCLUSION_REASON)
  content = register.packs.assemble(register.packs.requestOf(pack))
  result = await register.packs.exportSaved(pack.id, { pdf: true, zip: true })
  pdfPath = result.pdf!
  zipPath = result.zip!
}, 60_000)
afterAll(() => cleanup())

const auditLogName = 'audit-log 2025-12-01 to 2026-11-30.jsonl'

describe('the export', () => {
  it('writes the PDF and the ZIP into the data folder’s exports, named after the pack', () => {
    expect(pdfPath.startsWith(join(dataDir, 'exports'))).toBe(true)
    expect(basename(pdfPath)).toMatch(/^Harbor Bean 2026_ PCI DSS & HIPAA \d{4}-\d\d-\d\d-\d\d-\d\d-\d\d\.pdf$/)
    expect(zipPath).toBe(pdfPath.replace(/\.pdf$/, '.zip'))
    expect(readdirSync(join(dataDir, 'exports')).sort()).toEqual([basename(pdfPath), basename(zipPath)].sort())
    expect(result.sha256).toBe(sha256File(pdfPath))
    expect(result.evidence).toBe(content.evidence.length)
    expect(result.evidence).toBeGreaterThan(5)
  })

  it('is recorded with the pack and in the audit log', () => {
    const saved = register.packs.get(pack.id)
    expect(saved.exports).toEqual([
      {
        id: expect.any(Number),
        exportedAt: expect.any(String),
        exportedBy: 'test.user',
        pdfPath,
        zipPath,
        pdfSha256: sha256File(pdfPath),
        zipSha256: sha256File(zipPath),
        pages: result.pages,
        evidence: result.evidence,
        keyFingerprint: result.keyFingerprint
      }
    ])
    const entry = register.audit.list({ entityType: 'pack', entityId: pack.id, limit: 1 })[0]
    expect(entry).toMatchObject({
      action: 'pack.export',
      actor: 'test.user',
      summary: expect.stringContaining(`${result.pages} pages, ${result.evidence} evidence files`),
      after: expect.objectContaining({
        pdf: pdfPath,
        zip: zipPath,
        pdfSha256: result.sha256,
        zipSha256: sha256File(zipPath),
        keyFingerprint: result.keyFingerprint
      })
    })
    expect(register.audit.verify().ok).toBe(true)
    expect(register.packs.isExportPath(pdfPath)).toBe(true)
    expect(register.packs.isExportPath(zipPath)).toBe(true)
    expect(register.packs.isExportPath(join(dataDir, 'register.sqlite'))).toBe(false)
  })

  it('is signed with the data folder’s key', () => {
    const publicPem = readFileSync(join(dataDir, 'keys', 'pack-signing.pub'), 'utf8')
    expect(result.keyFingerprint).toBe(fingerprintOf(publicPem))
  })
})

describe('the PDF, read with qpdf and poppler', () => {
  let text: string
  beforeAll(() => {
    const run = tool('pdftotext', ['-layout', pdfPath, '-'])
    expect(run.code).toBe(0)
    text = run.stdout
  })

  it('passes qpdf --check', () => {
    const run = tool('qpdf', ['--check', pdfPath])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('No syntax or stream encoding errors found')
  })

  it('has as many pages as the export says', () => {
    const run = tool('pdfinfo', [pdfPath])
    expect(run.code).toBe(0)
    expect(Number(/^Pages:\s+(\d+)$/m.exec(run.stdout)?.[1])).toBe(result.pages)
    expect(result.pages).toBeGreaterThan(20)
  })

  it('shows every control of the pack and every requirement of both frameworks', () => {
    const controls = Object.keys(content.controls)
    expect(controls.length).toBeGreaterThan(30)
    for (const id of controls) expect(text, id).toMatch(new RegExp(`\\b${id}\\b`))
    for (const framework of ['pci', 'hipaa'] as const) {
      const refs = register.frameworks.tree(framework).map((node) => node.ref)
      const escaped = (ref: string) => ref.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      const missing = refs.filter((ref) => !new RegExp(`(^|\\s)${escaped(ref)}(\\s|$)`, 'm').test(text))
      expect(missing, framework).toEqual([])
    }
    expect(text).toMatch(/(^|\s)1\.2\.1(\s|$)/m)
    expect(text).toMatch(/(^|\s)164\.312\(b\)(\s|$)/m)
  })

  it('prints the SHA-256 of every evidence file, and the signing key fingerprint', () => {
    const flat = text.replace(/\s+/g, '')
    for (const item of content.evidence) {
      const record = register.evidence.get(item.id)
      expect(flat, item.id).toContain(`SHA-256${record.sha256}`)
      expect(flat, item.id).toContain(`Attachedas${item.fileName.replace(/\s+/g, '')}`)
    }
    expect(flat).toContain(result.keyFingerprint)
  })

  it('names the control taken out and why, in its own section', () => {
    const section = text.slice(text.lastIndexOf('Controls taken out or added'))
    expect(section).toContain(excludedControl)
    expect(section.replace(/\s+/g, ' ')).toContain(`Taken out of this pack: ${EXCLUSION_REASON}`)
  })

  it('lists every evidence file as an attachment, with the signature’s three files', () => {
    const run = tool('pdfdetach', ['-list', pdfPath])
    expect(run.code).toBe(0)
    const [count, ...lines] = run.stdout.trim().split('\n')
    const names = lines.map((line) => line.replace(/^\d+: /, ''))
    expect(count).toBe(`${content.evidence.length + 4} embedded files`)
    expect(names.sort()).toEqual(
      [
        ...content.evidence.map((item) => item.fileName),
        auditLogName,
        'evidence-desk-manifest.json',
        'evidence-desk-manifest.sig',
        'evidence-desk-signing-key.pem'
      ].sort()
    )
  })

  it('gives back each attached evidence file byte for byte as the vault holds it', () => {
    const out = join(work, 'detached')
    mkdirSync(out)
    const run = tool('pdfdetach', ['-saveall', '-o', out, pdfPath])
    expect(run.code).toBe(0)
    for (const item of content.evidence) {
      const record = register.evidence.get(item.id)
      const detached = readFileSync(join(out, item.fileName))
      expect(detached.length, item.id).toBe(record.size)
      expect(sha256(detached), item.id).toBe(record.sha256)
      expect(detached.equals(readFileSync(register.vault.pathOf(record.sha256))), item.id).toBe(true)
    }
    const manifest = JSON.parse(readFileSync(join(out, 'evidence-desk-manifest.json'), 'utf8')) as PdfManifest
    const log = readFileSync(join(out, auditLogName))
    expect(manifest.evidence.map((entry) => [entry.name, entry.sha256])).toEqual([
      ...content.evidence.map((item) => [item.fileName, item.sha256]),
      [auditLogName, sha256(log)]
    ])
    expect(readFileSync(join(out, 'evidence-desk-signing-key.pem'), 'utf8')).toBe(
      readFileSync(join(dataDir, 'keys', 'pack-signing.pub'), 'utf8')
    )
  })

  it('attaches the period’s audit log as JSON Lines whose chain anyone can recompute', () => {
    const out = join(work, 'audit-log')
    mkdirSync(out)
    expect(tool('pdfdetach', ['-saveall', '-o', out, pdfPath]).code).toBe(0)
    const lines = readFileSync(join(out, auditLogName), 'utf8').trim().split('\n')
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>)
    const inPeriod = register.audit
      .list({ order: 'asc', limit: 5000 })
      // Recorded when the export was done: the only entry of the period after the log was written.
      .filter((entry) => entry.at >= pack.periodStart && entry.at < '2026-12-01' && entry.action !== 'pack.export')
    expect(entries.map((entry) => entry.seq)).toEqual(inPeriod.map((entry) => entry.seq))
    let previous: string | null = null
    for (const entry of entries) {
      const { hash, ...rest } = entry
      expect(sha256(Buffer.from(canonicalJson(rest)))).toBe(hash)
      if (previous !== null) expect(entry.prev_hash).toBe(previous)
      previous = hash as string
    }
  })

  it('carries a manifest signature that openssl accepts', () => {
    const out = join(work, 'openssl')
    mkdirSync(out)
    expect(tool('pdfdetach', ['-saveall', '-o', out, pdfPath]).code).toBe(0)
    writeFileSync(
      join(out, 'signature.bin'),
      Buffer.from(readFileSync(join(out, 'evidence-desk-manifest.sig'), 'utf8'), 'base64')
    )
    const verify = (manifest: string) =>
      tool('openssl', [
        'pkeyutl',
        '-verify',
        '-pubin',
        '-inkey',
        join(out, 'evidence-desk-signing-key.pem'),
        '-rawin',
        '-in',
        manifest,
        '-sigfile',
        join(out, 'signature.bin')
      ])
    expect(verify(join(out, 'evidence-desk-manifest.json')).code).toBe(0)
    writeFileSync(join(out, 'changed.json'), flipByte(readFileSync(join(out, 'evidence-desk-manifest.json')), 40))
    expect(verify(join(out, 'changed.json')).code).not.toBe(0)
  })
})

describe('the ZIP', () => {
  let entries: ZipEntry[]
  let folder: string
  beforeAll(async () => {
    entries = await readZipEntries(zipPath)
    folder = join(work, 'unzipped')
    mkdirSync(folder)
    expect(tool('unzip', ['-q', zipPath, '-d', folder]).code).toBe(0)
  })

  it('holds pack.pdf (the exported PDF), the manifest, its signature, the key and SHA256SUMS', () => {
    const names = entries.map((entry) => entry.name)
    for (const name of ['pack.pdf', 'manifest.json', 'manifest.sig', 'signing-key.pem', 'SHA256SUMS']) {
      expect(names).toContain(name)
    }
    expect(entries.find((entry) => entry.name === 'pack.pdf')!.data.equals(readFileSync(pdfPath))).toBe(true)
    expect(entries.find((entry) => entry.name === 'signing-key.pem')!.data.toString()).toBe(
      readFileSync(join(dataDir, 'keys', 'pack-signing.pub'), 'utf8')
    )
  })

  it('holds every evidence file in a folder per framework and requirement group, byte for byte', () => {
    const byName = new Map(entries.map((entry) => [entry.name, entry.data]))
    const evidenceMembers = entries.filter((entry) => entry.name.startsWith('evidence/'))
    const frameworkFolders = new Set(evidenceMembers.map((entry) => entry.name.split('/')[1]))
    expect([...frameworkFolders].sort()).toEqual(
      [register.frameworks.get('hipaa').name, register.frameworks.get('pci').name].sort()
    )
    let expected = 0
    for (const item of content.evidence) {
      const stored = readFileSync(register.vault.pathOf(register.evidence.get(item.id).sha256))
      expect(item.folders.length, item.id).toBeGreaterThan(0)
      for (const group of item.folders) {
        const data = byName.get(`evidence/${group}/${item.fileName}`)
        expect(data, `${group}/${item.fileName}`).toBeDefined()
        expect(data!.equals(stored), item.id).toBe(true)
        expected++
      }
    }
    expect(evidenceMembers).toHaveLength(expected)
  })

  it('names requirement folders so they sort as the standard does (01, 02 … 10, 11, 12)', () => {
    const groups = [
      ...new Set(
        entries
          .filter((entry) => entry.name.startsWith(`evidence/${register.frameworks.get('pci').name}/`))
          .map((entry) => entry.name.split('/')[2]!)
      )
    ]
    expect(groups.length).toBeGreaterThan(3)
    for (const group of groups) expect(group).toMatch(/^(\d\d|A\d) /)
    const numbers = groups.map((group) => group.slice(0, 2)).filter((prefix) => /^\d\d$/.test(prefix))
    expect([...numbers].sort()).toEqual([...numbers].sort((a, b) => Number(a) - Number(b)))
  })

  it('holds index.csv, the evidence cross-reference, which a spreadsheet reader reads back whole', () => {
    const run = tool('/usr/bin/python3', [
      '-c',
      'import csv, json, sys; print(json.dumps(list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))))',
      join(folder, 'index.csv')
    ])
    expect(run.stderr).toBe('')
    const rows = JSON.parse(run.stdout) as Record<string, string>[]
    expect(rows.map((row) => [row.id, row.reference, row.sha256, row.size])).toEqual(
      content.evidence.map((item) => [item.id, item.docRef, item.sha256, String(item.size)])
    )
    for (const row of rows) {
      const item = content.evidence.find((candidate) => candidate.id === row.id)!
      expect(row.controls).toBe(item.controls.join('; '))
      expect(row.freshness).toBe(item.freshness)
      for (const path of row.files!.split('; ')) expect(entries.some((entry) => entry.name === path)).toBe(true)
    }
    const readme = readFileSync(join(folder, 'README.txt'), 'utf8')
    expect(readme).toContain('evidence-desk pack verify')
    expect(readme).toContain('index.csv')
    expect(readme).toContain('sha256sum -c SHA256SUMS" alone proves only')
  })

  it('has a SHA256SUMS that sha256sum -c accepts in the unzipped folder, listing every other member', () => {
    const run = tool('sha256sum', ['-c', 'SHA256SUMS'], { cwd: folder })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const checked = run.stdout
      .trim()
      .split('\n')
      .map((line) => line.replace(/: OK$/, ''))
    expect(checked.sort()).toEqual(
      entries
        .map((entry) => entry.name)
        .filter((name) => name !== 'SHA256SUMS')
        .sort()
    )

    // And the same tool notices a changed file.
    const changed = entries.find((entry) => entry.name.startsWith('evidence/'))!.name
    writeFileSync(join(folder, changed), flipByte(readFileSync(join(folder, changed)), 0))
    const after = tool('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], { cwd: folder })
    expect(after.code).not.toBe(0)
    expect(after.stdout).toContain(`${changed}: FAILED`)
  })

  it('has a signed manifest that lists every member it covers with its size and hash', () => {
    const manifestData = entries.find((entry) => entry.name === 'manifest.json')!.data
    const manifest = JSON.parse(manifestData.toString()) as { files: { path: string; size: number; sha256: string }[] }
    const covered = entries.filter((entry) => !['manifest.json', 'manifest.sig', 'SHA256SUMS'].includes(entry.name))
    expect(manifest.files.map((file) => file.path).sort()).toEqual(covered.map((entry) => entry.name).sort())
    for (const entry of covered) {
      const evidenceId = entry.name.startsWith('evidence/') ? /(EV-\d+) /.exec(entry.name)![1] : undefined
      expect(manifest.files.find((file) => file.path === entry.name)).toEqual({
        path: entry.name,
        size: entry.data.length,
        sha256: sha256(entry.data),
        ...(evidenceId ? { evidenceId } : {})
      })
    }
  })
})

// ---------------------------------------------------------------------------------------------

describe('verifying the PDF', () => {
  it('finds the intact PDF intact, with what it says about itself and the key’s fingerprint', async () => {
    const verification = await verifyPackFile(pdfPath)
    expect(verification).toEqual({
      ok: true,
      kind: 'pdf',
      pack: {
        name: pack.name,
        organisation: pack.organisation,
        frameworks: [
          `${register.frameworks.get('pci').name} ${register.frameworks.get('pci').version}`,
          `${register.frameworks.get('hipaa').name} ${register.frameworks.get('hipaa').version}`
        ],
        periodStart: pack.periodStart,
        periodEnd: pack.periodEnd,
        generatedAt: expect.any(String)
      },
      keyFingerprint: result.keyFingerprint,
      checked: result.evidence + 3,
      problems: [],
      intact: true,
      pdfSignature: {
        valid: true,
        signer: 'O=Harbor Bean Coffee Co., CN=Harbor Bean Coffee Co. evidence packs',
        certificateSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        coversWholeFile: true
      },
      appendedAfterSigning: null
    })
  })

  it('carries one standard PDF signature that pdfsig finds valid, covering the whole document', () => {
    const run = tool('pdfsig', [pdfPath])
    expect(run.code).toBe(0)
    expect(run.stdout.match(/^Signature #\d+:/gm)).toHaveLength(1)
    expect(run.stdout).toMatch(/Signature Type: adbe\.pkcs7\.detached/)
    expect(run.stdout).toMatch(/Signing Hash Algorithm: SHA-256/)
    expect(run.stdout).toMatch(/Total document signed/)
    expect(run.stdout).toMatch(/Signature Validation: Signature is Valid\./)
    expect(run.stdout).toMatch(
      /Signer full Distinguished Name: CN=Harbor Bean Coffee Co\. evidence packs,O=Harbor Bean Coffee Co\./
    )
    const ranges = /Signed Ranges: \[0 - (\d+)\], \[(\d+) - (\d+)\]/.exec(run.stdout)!
    expect(Number(ranges[3])).toBe(readFileSync(pdfPath).length)
  })

  it('prints tool-free steps that work on the exported pack exactly as printed, and warns about sha256sum -c', () => {
    const text = tool('pdftotext', ['-layout', pdfPath, '-']).stdout
    const lines = text.split('\n').map((line) => line.trim())
    const printed = (start: string, count = 1): string => {
      const at = lines.findIndex((line) => line.startsWith(start))
      expect(at, start).toBeGreaterThan(-1)
      return lines.slice(at, at + count).join('\n')
    }
    const script = [
      printed('pdfdetach -saveall'),
      printed('base64 -d'),
      printed('openssl pkeyutl -verify', 3),
      printed('openssl pkey -pubin')
    ].join('\n')
    const folder = join(work, 'tool-free')
    mkdirSync(folder)
    copyFileSync(pdfPath, join(folder, 'pack.pdf'))
    const run = tool('sh', ['-e', '-c', script], { cwd: folder })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Signature Verified Successfully')
    expect(run.stdout).toContain(`${result.keyFingerprint}  -`)
    expect(printed('--expect-fingerprint')).toBe(`--expect-fingerprint ${result.keyFingerprint}`)
    expect(printed('pdfsig pack.pdf')).toBe('pdfsig pack.pdf')
    const words = text.replace(/\s+/g, ' ')
    expect(words.includes('On its own it proves nothing: whoever changes a file can rewrite the list too.')).toBe(true)
  })

  it('has a CMS signature openssl accepts over the byte ranges it names', () => {
    const bytes = readFileSync(pdfPath)
    const range = /\/ByteRange \[0 (\d+) (\d+) (\d+)\s*\]/.exec(bytes.toString('latin1'))!
    const [start, end, length] = [Number(range[1]), Number(range[2]), Number(range[3])]
    const signed = Buffer.concat([bytes.subarray(0, start), bytes.subarray(end, end + length)])
    const padded = Buffer.from(bytes.subarray(start + 1, end - 1).toString('latin1'), 'hex')
    // The DER is zero-padded to the room kept for it: its own length says where it ends.
    expect(padded.subarray(0, 2).toString('hex')).toBe('3082')
    const der = padded.subarray(0, 4 + padded.readUInt16BE(2))
    writeFileSync(join(work, 'signed-ranges.bin'), signed)
    writeFileSync(join(work, 'signature.der'), der)
    const run = tool('openssl', [
      'cms',
      '-verify',
      '-binary',
      '-inform',
      'DER',
      '-in',
      join(work, 'signature.der'),
      '-content',
      join(work, 'signed-ranges.bin'),
      '-noverify',
      '-out',
      '/dev/null'
    ])
    expect(run.stderr).toMatch(/Verification successful/)
  })

  it('finds a byte changed in the signed body of the document', async () => {
    const bytes = readFileSync(pdfPath)
    // A byte inside the cover page's content stream, found with qpdf (the attached PDFs have pages too).
    const pages = tool('qpdf', ['--show-pages', pdfPath]).stdout
    const contents = Number(/^page 1: .*\n\s+content:\n\s+(\d+) 0 R/m.exec(pages)?.[1])
    const xref = tool('qpdf', ['--show-xref', pdfPath]).stdout
    const objectAt = Number(new RegExp(`^${contents}/0: uncompressed; offset = (\\d+)$`, 'm').exec(xref)?.[1])
    expect(objectAt).toBeGreaterThan(0)
    const stream = bytes.indexOf('stream\n', objectAt)
    expect(bytes.subarray(objectAt, stream).toString('latin1')).toMatch(new RegExp(`^${contents} 0 obj`))
    const path = copyPath('body.pdf')
    writeFileSync(path, flipByte(bytes, stream + 20))
    const verification = await verifyPackFile(path)
    expect(verification.ok).toBe(false)
    // The standard PDF signature covers the body too, so it no longer holds either.
    expect(problemsOf(verification)).toEqual([
      { kind: 'changed', item: 'document' },
      { kind: 'signature', item: 'PDF signature' }
    ])
    expect(verification.problems[0]!.detail).toMatch(/changed after signing/)
  })

  it('finds a byte changed inside an attached evidence file, and names the file', async () => {
    const bytes = readFileSync(pdfPath)
    // PDFs are attached as they are (not compressed again), so their bytes are in the pack as stored.
    const attached = content.evidence.find((item) => {
      if (item.mediaType !== 'application/pdf') return false
      const stored = readFileSync(item.path)
      const at = bytes.indexOf(stored)
      return at > 0 && bytes.indexOf(stored, at + 1) === -1
    })!
    expect(attached).toBeDefined()
    const stored = readFileSync(attached.path)
    const offset = bytes.indexOf(stored) + Math.floor(stored.length / 2)
    const path = copyPath('attachment.pdf')
    writeFileSync(path, flipByte(bytes, offset))
    const verification = await verifyPackFile(path)
    expect(verification.ok).toBe(false)
    expect(problemsOf(verification)).toContainEqual({ kind: 'changed', item: attached.fileName })
    expect(problemsOf(verification)).toContainEqual({ kind: 'changed', item: 'document' })
    const named = verification.problems.find((problem) => problem.item === attached.fileName)!
    // Shortened in words, in full in the JSON, with the requirements the file is evidence for.
    expect(named.detail).toContain(`not ${attached.sha256.slice(0, 16)}… as signed`)
    expect(named.expectedSha256).toBe(attached.sha256)
    expect(named.actualSha256).toMatch(/^[0-9a-f]{64}$/)
    expect(named.requirements?.length).toBeGreaterThan(0)
    // Every other attachment is still as signed.
    const others = verification.problems.filter(
      (problem) => problem.item !== attached.fileName && problem.item !== 'document' && problem.item !== 'PDF signature'
    )
    expect(others).toEqual([])
  })

  it('finds bytes appended after the signature and says how many', async () => {
    const path = copyPath('appended.pdf')
    copyFileSync(pdfPath, path)
    appendFileSync(path, '\n% added later\n')
    const verification = await verifyPackFile(path)
    expect(verification.ok).toBe(false)
    expect(problemsOf(verification)).toEqual([{ kind: 'added', item: 'document' }])
    expect(verification.problems[0]!.detail).toBe(`${'\n% added later\n'.length} bytes were added after the signature.`)
  })

  it('says the signed revision is intact when an auditor saves annotations after signing, and names other changes', async () => {
    const bytes = readFileSync(pdfPath)
    const pdf = await XrefReader.open(bufferSource(bytes))
    const catalog = (await pdf.resolve(pdf.trailer.get(PDFName.of('Root')))) as PDFDict
    const pages = (await pdf.resolve(catalog.get(PDFName.of('Pages')))) as PDFDict
    const pageRef = ((await pdf.resolve(pages.get(PDFName.of('Kids')))) as PDFArray).get(0) as PDFRef
    const page = (await pdf.resolve(pageRef)) as PDFDict
    const note = pdf.largestObjectNumber + 1
    const others = page
      .entries()
      .filter(([key]) => key !== PDFName.of('Annots'))
      .map(([key, value]) => `${key.toString()} ${value.toString()}`)
    const annotations = (page.get(PDFName.of('Annots')) as PDFArray).asArray().map((item) => item.toString())
    // An incremental update as a reader writes one when an auditor adds a comment and saves.
    const save = (pageExtra: string) =>
      incrementalUpdate(
        pdf,
        bytes.length,
        new Map([
          [
            pageRef.objectNumber,
            Buffer.from(
              `${pageRef.objectNumber} 0 obj\n<<\n${others.join('\n')}${pageExtra}\n/Annots [${[...annotations, `${note} 0 R`].join(' ')}]\n>>\nendobj\n`,
              'latin1'
            )
          ],
          [
            note,
            Buffer.from(
              `${note} 0 obj\n<< /Type /Annot /Subtype /Text /Rect [72 720 92 740] /F 4 /Contents (Checked against the ROC) /P ${pageRef.toString()} >>\nendobj\n`,
              'latin1'
            )
          ]
        ]),
        note + 1
      )
    const annotated = copyPath('annotated.pdf')
    writeFileSync(annotated, Buffer.concat([bytes, save('')]))
    expect(tool('qpdf', ['--check', annotated]).code).toBe(0)
    const pdfsig = tool('pdfsig', [annotated]).stdout
    expect(pdfsig).toMatch(/Signature is Valid/)
    expect(pdfsig).not.toMatch(/Total document signed/)
    const verification = await verifyPackFile(annotated)
    expect(verification).toMatchObject({ ok: true, intact: true, problems: [] })
    expect(verification.appendedAfterSigning).toEqual({ bytes: save('').length, changes: ['annotations'] })

    const rotated = copyPath('rotated.pdf')
    writeFileSync(rotated, Buffer.concat([bytes, save('\n/Rotate 90')]))
    const changed = await verifyPackFile(rotated)
    expect(changed.ok).toBe(false)
    expect(changed.appendedAfterSigning?.changes).toEqual(['annotations', 'page content'])
    expect(changed.problems).toEqual([
      expect.objectContaining({
        kind: 'added',
        item: 'document',
        detail: expect.stringMatching(/^Changes were saved after signing: annotations, page content\./)
      })
    ])
  })

  it('finds a change in the signature section after the signed body', async () => {
    const bytes = readFileSync(pdfPath)
    const offset = bytes.lastIndexOf('/Desc (Signed manifest of this evidence pack)') + 8
    expect(offset).toBeGreaterThan(8)
    const path = copyPath('section.pdf')
    writeFileSync(path, flipByte(bytes, offset))
    const verification = await verifyPackFile(path)
    expect(verification.ok).toBe(false)
    expect(problemsOf(verification)).toEqual([
      { kind: 'changed', item: 'signature section' },
      { kind: 'signature', item: 'PDF signature' }
    ])
  })

  it('says when the standard PDF signature the manifest names was cut off', async () => {
    const bytes = readFileSync(pdfPath)
    const path = copyPath('no-cms.pdf')
    writeFileSync(
      path,
      bytes.subarray(0, bytes.lastIndexOf('%%EOF', bytes.lastIndexOf('%%EOF') - 1) + '%%EOF\n'.length)
    )
    const verification = await verifyPackFile(path)
    expect(verification.ok).toBe(false)
    expect(problemsOf(verification)).toEqual([{ kind: 'signature', item: 'PDF signature' }])
  })

  it('says a PDF whose signature was cut off carries none', async () => {
    const bytes = readFileSync(pdfPath)
    const path = copyPath('unsigned.pdf')
    // Everything before the two updates: the body as it was written, before it was signed.
    const last = bytes.lastIndexOf('%%EOF')
    const bodyEnd = bytes.lastIndexOf('%%EOF', bytes.lastIndexOf('%%EOF', last - 1) - 1) + '%%EOF\n'.length
    writeFileSync(path, bytes.subarray(0, bodyEnd))
    const verification = await verifyPackFile(path)
    expect(verification).toMatchObject({ ok: false, pack: null, keyFingerprint: null })
    expect(problemsOf(verification)).toEqual([{ kind: 'structure', item: 'signature' }])
  })

  it('finds a PDF re-signed with another key intact, but shows that other key’s fingerprint', async () => {
    const bytes = readFileSync(pdfPath)
    const out = join(work, 'resign')
    mkdirSync(out)
    expect(tool('pdfdetach', ['-saveall', '-o', out, pdfPath]).code).toBe(0)
    const original = JSON.parse(readFileSync(join(out, 'evidence-desk-manifest.json'), 'utf8')) as PdfManifest
    const body = bytes.subarray(0, original.pdf.bodyLength)

    const other = generateKeyPairSync('ed25519')
    const otherPublic = other.publicKey.export({ type: 'spki', format: 'pem' }).toString()
    const otherPrivate = other.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
    const resign = async (claimedFingerprint: string) => {
      // A forger re-signs the body with a key of their own (and drops the standard signature).
      const manifest = manifestBytes({
        ...original,
        signing: { algorithm: 'Ed25519', publicKeyFingerprint: claimedFingerprint }
      })
      const update = await signatureUpdate(bufferSource(body), {
        manifest,
        signature: signManifest(manifest, otherPrivate),
        publicKeyPem: otherPublic,
        date: new Date(original.pack.generatedAt)
      })
      const path = copyPath('resigned.pdf')
      writeFileSync(path, Buffer.concat([body, update]))
      return verifyPackFile(path)
    }

    const honest = await resign(fingerprintOf(otherPublic))
    expect(honest).toMatchObject({ ok: true, problems: [], keyFingerprint: fingerprintOf(otherPublic) })
    expect(honest.keyFingerprint).not.toBe(result.keyFingerprint)

    // Claiming the original key in the manifest while signing with another is caught.
    const pretending = await resign(result.keyFingerprint)
    expect(pretending.ok).toBe(false)
    expect(problemsOf(pretending)).toEqual([{ kind: 'signature', item: 'public key' }])
    expect(pretending.keyFingerprint).toBe(fingerprintOf(otherPublic))
  })

  it('says a PDF or file that is not a pack is not one', async () => {
    const plain = copyPath('plain.pdf')
    writeFileSync(plain, await samplePdf({ title: 'Not a pack', lines: ['Hello'], created: new Date('2026-01-01') }))
    expect(problemsOf(await verifyPackFile(plain))).toEqual([{ kind: 'structure', item: 'signature' }])
    const text = copyPath('notes.txt')
    writeFileSync(text, 'Just some notes.\n')
    expect(problemsOf(await verifyPackFile(text))).toEqual([{ kind: 'structure', item: 'file' }])
  })
})

describe('verifying the ZIP', () => {
  let entries: ZipEntry[]
  let evidenceMember: string
  beforeAll(async () => {
    entries = await readZipEntries(zipPath)
    evidenceMember = entries.find((entry) => entry.name.startsWith('evidence/'))!.name
  })

  /** Writes a copy of the ZIP with its members changed, and verifies it. */
  async function verifyRewritten(change: (entries: ZipEntry[]) => ZipEntry[]): Promise<PackVerification> {
    const path = copyPath('pack.zip')
    await writeZip(path, change(entries.map((entry) => ({ ...entry }))))
    return verifyPackFile(path)
  }
  const flipMember = (name: string) => (list: ZipEntry[]) =>
    list.map((entry) =>
      entry.name === name ? { name, data: flipByte(entry.data, Math.floor(entry.data.length / 2)) } : entry
    )

  it('finds the intact ZIP intact, and its pack.pdf checked as a signed PDF too', async () => {
    const verification = await verifyPackFile(zipPath)
    expect(verification).toMatchObject({
      ok: true,
      kind: 'zip',
      keyFingerprint: result.keyFingerprint,
      pack: { name: pack.name, periodStart: pack.periodStart, periodEnd: pack.periodEnd },
      problems: []
    })
    expect(verification.checked).toBe(entries.length)
  })

  it('finds a ZIP rewritten with the same members intact (the rewriting alone changes nothing)', async () => {
    const verification = await verifyRewritten((list) => list)
    expect(verification).toMatchObject({ ok: true, problems: [] })
  })

  it.each([
    ['pack.pdf', 'pack.pdf', [{ kind: 'changed', item: 'pack.pdf' }]],
    ['an evidence file', 'EVIDENCE', [{ kind: 'changed', item: 'EVIDENCE' }]],
    ['signing-key.pem', 'signing-key.pem', [{ kind: 'changed', item: 'signing-key.pem' }]],
    ['manifest.sig', 'manifest.sig', [{ kind: 'signature', item: 'manifest' }]],
    ['SHA256SUMS', 'SHA256SUMS', [{ kind: 'changed', item: 'SHA256SUMS' }]]
  ])('finds one byte changed in %s and names it', async (_label, member, expected) => {
    const name = member === 'EVIDENCE' ? evidenceMember : member
    const verification = await verifyRewritten(flipMember(name))
    expect(verification.ok).toBe(false)
    for (const problem of expected) {
      expect(problemsOf(verification)).toContainEqual({
        ...problem,
        item: problem.item === 'EVIDENCE' ? name : problem.item
      })
    }
  })

  it('finds a changed hash in manifest.json: the signature no longer holds', async () => {
    const verification = await verifyRewritten((list) =>
      list.map((entry) => {
        if (entry.name !== 'manifest.json') return entry
        const text = entry.data.toString()
        const at = text.indexOf('"sha256":"') + '"sha256":"'.length
        const digit = text[at] === '0' ? '1' : '0'
        return { ...entry, data: Buffer.from(`${text.slice(0, at)}${digit}${text.slice(at + 1)}`) }
      })
    )
    expect(verification.ok).toBe(false)
    expect(problemsOf(verification)).toContainEqual({ kind: 'signature', item: 'manifest' })
  })

  it('finds a byte changed in any one member, whichever it is', async () => {
    const missed: string[] = []
    for (const { name } of entries) {
      const verification = await verifyRewritten(flipMember(name))
      const signatureFile = name === 'manifest.json' || name === 'manifest.sig'
      const named = verification.problems.some(
        (problem) => problem.item === name || (signatureFile && ['signature', 'structure'].includes(problem.kind))
      )
      if (verification.ok || !named) missed.push(name)
    }
    expect(missed).toEqual([])
  }, 120_000)

  it('finds a member removed and names it', async () => {
    const verification = await verifyRewritten((list) => list.filter((entry) => entry.name !== evidenceMember))
    expect(verification.ok).toBe(false)
    expect(problemsOf(verification)).toContainEqual({ kind: 'removed', item: evidenceMember })
    expect(verification.problems.find((problem) => problem.item === evidenceMember)!.detail).toMatch(/missing/)
  })

  it('finds a member added and names it', async () => {
    const added = `evidence/${register.frameworks.get('pci').name}/EV-9999 extra.txt`
    const verification = await verifyRewritten((list) => [...list, { name: added, data: Buffer.from('slipped in') }])
    expect(verification.ok).toBe(false)
    expect(problemsOf(verification)).toEqual([{ kind: 'added', item: added }])
  })

  it('finds a member whose name appears twice, whichever copy comes first', async () => {
    const original = entries.find((entry) => entry.name === evidenceMember)!
    const forged = { name: evidenceMember, data: Buffer.from('a forged copy under the same name') }
    for (const order of [
      [original, forged],
      [forged, original]
    ]) {
      const verification = await verifyRewritten((list) => [
        ...list.filter((entry) => entry.name !== evidenceMember),
        ...order
      ])
      expect(verification.ok).toBe(false)
      expect(verification.problems).toContainEqual(
        expect.objectContaining({
          kind: 'changed',
          item: evidenceMember,
          detail: expect.stringContaining('more than once')
        })
      )
    }
  })

  it('finds a comment added to the ZIP, and a member hidden from its central directory', async () => {
    const members = entries.map((entry) => storedMember(entry.name, entry.data))
    const commented = copyPath('commented.zip')
    await writeRawZip(commented, members, 'Verified by the auditor: all fine')
    expect((await verifyPackFile(commented)).problems).toEqual([
      expect.objectContaining({ kind: 'added', item: 'archive comment' })
    ])
    const hidden = copyPath('hidden.zip')
    await writeRawZip(hidden, [
      ...members.slice(0, 2),
      { ...storedMember('evidence/secret.exe', Buffer.from('MZ')), hidden: true },
      ...members.slice(2)
    ])
    const verification = await verifyPackFile(hidden)
    expect(verification.ok).toBe(false)
    expect(verification.problems).toEqual([
      expect.objectContaining({
        kind: 'added',
        item: 'archive',
        detail: expect.stringMatching(/^\d+ bytes of the ZIP belong to no listed member/)
      })
    ])
    // The same members written plainly verify: neither check is set off by the way the ZIP was written.
    const plain = copyPath('plain.zip')
    await writeRawZip(plain, members)
    expect(await verifyPackFile(plain)).toMatchObject({ ok: true, problems: [] })
  })

  it('finds a member swapped for another evidence file of the same pack', async () => {
    const others = entries.filter((entry) => entry.name.startsWith('evidence/'))
    const different = others.find((entry) => sha256(entry.data) !== sha256(others[0]!.data))!
    const verification = await verifyRewritten((list) =>
      list.map((entry) => (entry.name === others[0]!.name ? { ...entry, data: different.data } : entry))
    )
    expect(problemsOf(verification)).toContainEqual({ kind: 'changed', item: others[0]!.name })
  })
})

describe('verifying through the register (in the worker)', () => {
  it('verifies the intact PDF and ZIP, and a tampered copy is not ok', async () => {
    await expect(register.packs.verify(pdfPath)).resolves.toMatchObject({
      ok: true,
      kind: 'pdf',
      keyFingerprint: result.keyFingerprint
    })
    await expect(register.packs.verify(zipPath)).resolves.toMatchObject({
      ok: true,
      kind: 'zip',
      keyFingerprint: result.keyFingerprint
    })
    const path = copyPath('appended.pdf')
    copyFileSync(pdfPath, path)
    appendFileSync(path, 'x')
    const verification = await register.packs.verify(path)
    expect(verification.ok).toBe(false)
    expect(problemsOf(verification)).toEqual([{ kind: 'added', item: 'document' }])
  })

  it('says when the file does not exist or is a folder', async () => {
    await expect(register.packs.verify(join(work, 'no-such.pdf'))).rejects.toThrow(
      expect.objectContaining({ code: 'NOT_FOUND', message: expect.stringContaining('no-such.pdf does not exist') })
    )
    await expect(register.packs.verify(work)).rejects.toThrow(expect.objectContaining({ code: 'VALIDATION' }))
  })
})

describe('a ZIP whose evidence file is gone from the vault while it is written', () => {
  it('fails naming the file, and leaves no partial ZIP behind', async () => {
    const { writePackZip } = await import('./zip/write-pack-zip')
    const gone = join(work, 'gone-from-the-vault.pdf')
    const index = content.evidence.findIndex((item) => item.folders.length > 0)
    expect(index).toBeGreaterThanOrEqual(0)
    const broken: PackContent = {
      ...content,
      evidence: content.evidence.map((item, i) => (i === index ? { ...item, path: gone } : item))
    }
    const target = copyPath('broken.zip')
    const { privateKey } = generateKeyPairSync('ed25519')
    await expect(
      writePackZip(broken, {
        pdfPath,
        zipPath: target,
        privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        onProgress: () => undefined
      })
    ).rejects.toThrow(/gone-from-the-vault\.pdf/)
    expect(existsSync(target)).toBe(false)
  })
})
