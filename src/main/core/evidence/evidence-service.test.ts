import { createHash } from 'node:crypto'
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  unlinkSync,
  writeFileSync
} from 'node:fs'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { gzipSync } from 'node:zlib'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Register } from '../register'
import { generateSampleEvidence } from '../samples/sample-evidence'
import { openTempRegister } from '../testing/temp-register'
import { automatedResults } from './requirement-checks'
import { artifactWrapper, encryptedPdf, pdfClaimingMissingAttachment } from './testing/pdf-fixtures'

let register: Register
let dataDir: string
let cleanup: () => void
let files: string

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex')

function file(name: string, content: Buffer | string): string {
  const path = join(files, name)
  writeFileSync(path, content)
  return path
}

async function importOne(path: string, options = {}) {
  const result = await register.evidence.importFiles([path], options)
  if (result.failed.length) throw Object.assign(new Error(result.failed[0]!.message), { code: result.failed[0]!.code })
  return result.imported[0]!
}

beforeEach(async () => {
  ;({ register, dataDir, cleanup } = await openTempRegister())
  files = join(dataDir, '..', `${dataDir.split('/').at(-1)}-files`)
  mkdirSync(files, { recursive: true })
})
afterEach(() => {
  cleanup()
  rmSync(files, { recursive: true, force: true })
})

describe('importing a file', () => {
  it('copies it into the content-addressed vault, read-only, and records it; the original is untouched', async () => {
    const content = Buffer.from('Quarterly access review, Q3.\nAll 14 users reviewed.\n')
    const path = file('access-review.txt', content)
    const before = statSync(path)
    const item = await importOne(path, { controls: ['IAM-05'], effectiveDate: '2026-10-02' })

    expect(item).toMatchObject({
      id: 'EV-0001',
      sha256: sha256(content),
      size: content.length,
      kind: 'other',
      title: 'access-review'
    })
    const stored = join(dataDir, 'vault', 'objects', item.sha256.slice(0, 2), item.sha256)
    expect(readFileSync(stored).equals(content)).toBe(true)
    expect(statSync(stored).mode & 0o222).toBe(0)
    expect(readFileSync(path).equals(content)).toBe(true)
    expect(statSync(path).mtimeMs).toBe(before.mtimeMs)

    const detail = register.evidence.get(item.id)
    expect(detail).toMatchObject({
      originalName: 'access-review.txt',
      mediaType: 'text/plain',
      effectiveDate: '2026-10-02',
      reviewBy: '2027-10-02',
      importedBy: 'test.user',
      controls: ['IAM-05'],
      freshness: 'fresh'
    })
    expect(register.audit.list({ entityType: 'evidence', entityId: item.id })[0]).toMatchObject({
      action: 'evidence.import'
    })
    expect(register.audit.verify().ok).toBe(true)
  })

  it('judges the media type from the content, not the name', async () => {
    const { inner } = await artifactWrapper()
    const item = await importOne(file('looks-like-text.txt', inner))
    expect(register.evidence.get(item.id).mediaType).toBe('application/pdf')
  })

  it('stores the same content once, and says so when it is attached again', async () => {
    const first = await importOne(file('policy.txt', 'Information security policy v3'))
    const again = await importOne(file('policy-copy.txt', 'Information security policy v3'), { controls: ['POL-01'] })
    expect(again).toMatchObject({ id: first.id, duplicateOf: first.id })
    expect(register.evidence.list().total).toBe(1)
    expect(register.db.prepare(`SELECT count(*) FROM blobs`).pluck().get()).toBe(1)
    expect(register.evidence.get(first.id).controls).toEqual(['POL-01'])
  })
})

describe('AWS Artifact downloads', () => {
  it('extracts the embedded report as its own evidence, linked to the wrapper, both hashed and kept', async () => {
    const { wrapper, inner } = await artifactWrapper()
    const item = await importOne(file('AWS-SOC2.pdf', wrapper))
    expect(item.kind).toBe('artifact-report')
    expect(item.extracted).toEqual([{ id: 'EV-0002', sha256: sha256(inner), name: 'SOC2-report.pdf' }])
    const child = register.evidence.get('EV-0002')
    expect(child).toMatchObject({
      parentId: item.id,
      kind: 'artifact-report',
      source: 'aws-artifact',
      size: inner.length
    })
    expect(readFileSync(join(dataDir, 'vault', 'objects', child.sha256.slice(0, 2), child.sha256)).equals(inner)).toBe(
      true
    )
    expect(register.evidence.get(item.id).children.map((c) => c.id)).toEqual(['EV-0002'])
  })

  it('offers what it read for confirmation instead of applying it', async () => {
    const { wrapper } = await artifactWrapper()
    const item = await importOne(file('AWS-SOC2.pdf', wrapper))
    expect(item.detected).toMatchObject({
      reportType: 'SOC 2 Type 2 report',
      periodStart: '2025-10-01',
      periodEnd: '2026-03-31',
      issuer: 'Example Assurance LLP'
    })
    const record = register.evidence.get(item.id)
    expect(record).toMatchObject({ title: 'AWS-SOC2', periodStart: null, periodEnd: null })
    expect(record.metadata.detectedConfirmed).toBeUndefined()

    const confirmed = await importOne(file('AWS-SOC2-again.pdf', Buffer.concat([wrapper, Buffer.from('\n')])), {
      acceptDetected: true
    })
    expect(register.evidence.get(confirmed.id)).toMatchObject({
      periodStart: '2025-10-01',
      periodEnd: '2026-03-31',
      reviewBy: '2027-03-31',
      sourceDetail: 'Example Assurance LLP',
      metadata: expect.objectContaining({ detectedConfirmed: true })
    })
  })

  it('stores an encrypted PDF with a note that its contents could not be read', async () => {
    const item = await importOne(file('protected.pdf', await encryptedPdf()))
    expect(item.notes.join(' ')).toMatch(/encrypted; its contents could not be read/)
    expect(register.evidence.get(item.id).metadata.pdf?.encrypted).toBe(true)
  })

  it('stores corrupt and truncated PDFs with a note', async () => {
    const { wrapper } = await artifactWrapper()
    const garbage = await importOne(
      file('corrupt.pdf', Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2000, 0x41)]))
    )
    expect(garbage.notes.join(' ')).toMatch(/could not be read/)
    const truncated = await importOne(file('truncated.pdf', wrapper.subarray(0, Math.floor(wrapper.length / 2))))
    expect(register.evidence.get(truncated.id).size).toBe(Math.floor(wrapper.length / 2))
    expect(truncated.extracted).toEqual([])
  })

  it('notes an attachment a PDF lists but does not contain', async () => {
    const item = await importOne(file('liar.pdf', await pdfClaimingMissingAttachment()))
    expect(item.notes).toContain('The PDF lists an attachment "missing-report.pdf" but does not contain it.')
    expect(item.extracted).toEqual([])
  })
})

describe('AWS service exports', () => {
  it('recognises and summarises each export the sample organisation has', async () => {
    const samples = await generateSampleEvidence('2026-11-28')
    const summaries: Record<string, unknown> = {}
    for (const sample of samples.filter((s) => /\.(json|csv)$/.test(s.name))) {
      const item = await importOne(file(sample.name, sample.bytes))
      summaries[sample.name] = register.evidence.get(item.id).metadata.exportSummary
    }
    expect(summaries['guardduty-findings.json']).toMatchObject({
      format: 'guardduty-findings',
      records: 5,
      counts: { Low: 2, Medium: 1, High: 2 },
      accounts: ['318204657913', '472915036288', '605183429774'],
      dateRange: { from: '2026-11-05', to: '2026-11-25' }
    })
    expect(summaries['inspector-findings.json']).toMatchObject({
      format: 'inspector-findings',
      counts: { Critical: 1, High: 1, Medium: 1, Low: 1 }
    })
    expect(summaries['iam-credential-report.csv']).toMatchObject({
      format: 'iam-credential-report',
      counts: { 'Root user': 1, Users: 2 },
      accounts: ['605183429774'],
      checks: [
        expect.objectContaining({ id: 'root-mfa', result: 'pass' }),
        expect.objectContaining({ id: 'root-access-keys', result: 'pass' }),
        expect.objectContaining({ id: 'console-users-mfa', result: 'pass' }),
        expect.objectContaining({ id: 'access-keys-90-days', result: 'pass' })
      ]
    })
    expect(summaries['organizations-scps.json']).toMatchObject({
      format: 'organizations-scps',
      records: 4,
      counts: { 'Customer managed': 3, 'AWS managed': 1 }
    })
    expect(summaries['kms-key-policy-payments.json']).toMatchObject({
      format: 'kms-key-policy',
      counts: { 'Allow statements': 2, 'Deny statements': 1 }
    })
    expect(summaries['waf-web-acl-storefront.json']).toMatchObject({
      format: 'waf-web-acls',
      counts: { 'Managed rule groups': 2, 'Custom rules': 1 }
    })
    expect(summaries['config-compliance.json']).toMatchObject({
      format: 'config-compliance',
      findings: expect.objectContaining({ total: 5, open: 1, passed: 4 })
    })
  })

  it('takes an export’s own dates as its period and files it as an AWS service export', async () => {
    const guardDuty = (await generateSampleEvidence('2026-11-28')).find((s) => s.name === 'guardduty-findings.json')!
    const item = await importOne(file('findings.json', guardDuty.bytes))
    expect(register.evidence.get(item.id)).toMatchObject({
      kind: 'finding-export',
      source: 'aws-service',
      sourceDetail: 'GuardDuty',
      periodStart: '2026-11-05',
      periodEnd: '2026-11-25',
      reviewBy: '2027-02-25'
    })
  })

  it('stores other JSON and CSV as plain evidence, noted as not an AWS export, of unknown source', async () => {
    const item = await importOne(file('inventory.json', JSON.stringify({ laptops: 42 })))
    expect(register.evidence.get(item.id)).toMatchObject({
      kind: 'other',
      mediaType: 'application/json',
      source: 'unknown'
    })
    expect(register.evidence.get(item.id).metadata.exportSummary).toBeUndefined()
    expect(item.notes).toEqual(['The file was stored as it is: not recognised as an AWS export.'])
    const chosen = await importOne(
      file('sales.csv', 'store,day,total\nHarbor,2026-11-02,1200\nPier,2026-11-02,900\n'),
      {
        source: 'internal'
      }
    )
    expect(register.evidence.get(chosen.id)).toMatchObject({ mediaType: 'text/csv', source: 'internal' })
    expect(chosen.notes.join(' ')).toMatch(/not recognised as an AWS export/)
    const prose = await importOne(file('notes.txt', 'Reviewed, approved.\n'))
    expect(prose.notes).toEqual([])
  })

  it('opens gzip and UTF-16 exports, and stores results per register requirement from v4.0.1 references only', async () => {
    const fixtures = join(__dirname, 'exports', 'fixtures')
    const findings = readFileSync(join(fixtures, 'securityhub-findings.json'))
    const item = await importOne(file('findings.json.gz', gzipSync(findings)))
    expect(register.evidence.get(item.id)).toMatchObject({
      kind: 'finding-export',
      source: 'aws-service',
      mediaType: 'application/gzip',
      sourceDetail: 'Security Hub'
    })
    // Only "PCI DSS v4.0.1/10.3.2" names a requirement of the register's PCI DSS v4.0.1; the v3.2.1
    // references (PCI DSS 3.4, PCI DSS v3.2.1/3.4, PCI DSS 1.2.1) are never matched by number.
    expect(register.db.prepare(`SELECT * FROM evidence_requirement_checks`).all()).toEqual([
      {
        evidence_id: item.id,
        framework_id: 'pci',
        ref: '10.3.2',
        passed: 0,
        failed: 1,
        source: 'Security Hub',
        checked_at: '2025-05-30'
      }
    ])
    expect(automatedResults(register.db, 'pci')).toEqual([
      { ref: '10.3.2', evidenceId: item.id, source: 'Security Hub', checkedAt: '2025-05-30', passed: 0, failed: 1 }
    ])
    expect(automatedResults(register.db, 'hipaa')).toEqual([])
    register.evidence.remove(item.id)
    expect(automatedResults(register.db, 'pci')).toEqual([])

    const report = readFileSync(join(fixtures, 'iam-credential-report.csv'), 'utf8')
    const utf16 = await importOne(
      file('report.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(report, 'utf16le')]))
    )
    expect(register.evidence.get(utf16.id)).toMatchObject({
      mediaType: 'text/csv',
      metadata: { exportSummary: expect.objectContaining({ format: 'iam-credential-report', records: 9 }) }
    })
  })
})

describe('bad input', () => {
  const failure = async (path: string) => (await register.evidence.importFiles([path])).failed[0]

  it('refuses empty files, folders, missing paths and links, storing nothing', async () => {
    expect(await failure(file('empty.txt', ''))).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/is empty \(0 bytes\)/)
    })
    mkdirSync(join(files, 'a-folder'))
    expect(await failure(join(files, 'a-folder'))).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/is a folder/)
    })
    expect(await failure(join(files, 'nope.pdf'))).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/does not exist/)
    })
    const target = file('real.txt', 'real')
    symlinkSync(target, join(files, 'link.txt'))
    expect(await failure(join(files, 'link.txt'))).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining(`symbolic link to ${target}`)
    })
    expect(register.evidence.list({ includeRemoved: true }).total).toBe(0)
    expect(register.db.prepare(`SELECT count(*) FROM blobs`).pluck().get()).toBe(0)
  })

  it('refuses an empty upload and leaves no file behind', async () => {
    await expect(register.evidence.importStream(Readable.from([]), 'empty.pdf', 0)).rejects.toMatchObject({
      code: 'VALIDATION'
    })
    expect(readdirSync(join(dataDir, 'vault', 'tmp'))).toEqual([])
  })

  it('keeps odd names as names: path parts, "..", control characters and any script', async () => {
    const upload = (name: string) =>
      register.evidence.importStream(Readable.from([Buffer.from(`content of ${name}`)]), name, 20)
    expect(register.evidence.get((await upload('../../etc/passwd')).id).originalName).toBe('passwd')
    expect(register.evidence.get((await upload('..')).id).originalName).toBe('unnamed file')
    expect(register.evidence.get((await upload('rep\u0007ort\u001b.pdf')).id).originalName).toBe(
      'rep\ufffdort\ufffd.pdf'
    )
    expect(register.evidence.get((await upload('報告書 — Отчёт.pdf')).id).originalName).toBe('報告書 — Отчёт.pdf')
    expect(readdirSync(join(dataDir, 'vault'))).toEqual(expect.arrayContaining(['objects', 'tmp']))
    expect(existsSync(join(dataDir, 'etc'))).toBe(false)
  })

  it('names an unknown control before copying anything', async () => {
    await expect(register.evidence.importFiles([file('x.txt', 'x')], { controls: ['NOPE-01'] })).rejects.toMatchObject({
      code: 'NOT_FOUND'
    })
    expect(register.db.prepare(`SELECT count(*) FROM blobs`).pluck().get()).toBe(0)
  })

  it('can be cancelled mid-copy, leaving no record and no file', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 7)
    // A slow source (a large file on a slow disk): 64 MiB arriving over about a second.
    const source = Readable.from(
      (async function* () {
        for (let index = 0; index < 64; index++) {
          await new Promise((resolve) => setTimeout(resolve, 15))
          yield chunk
        }
      })()
    )
    const stop = register.jobs.onProgress((progress) => {
      if (progress.done > 2 * 1024 * 1024) register.jobs.cancel('cancel-test-job')
    })
    await expect(
      register.evidence.importStream(source, 'big.bin', 64 * chunk.length, {}, 'cancel-test-job')
    ).rejects.toMatchObject({
      name: 'CancelledError'
    })
    stop()
    expect(register.evidence.list().total).toBe(0)
    expect(readdirSync(join(dataDir, 'vault', 'tmp'))).toEqual([])
    expect(existsSync(join(dataDir, 'vault', 'objects'))).toBe(false)
  })
})

describe('freshness, links and removal', () => {
  it('is fresh, expiring within the window, expired after the review-by date, and the window is a setting', async () => {
    // The test clock reads 2026-11-28.
    await importOne(file('a.txt', 'a'), { reviewBy: '2027-06-01' })
    await importOne(file('b.txt', 'b'), { reviewBy: '2026-12-10' })
    await importOne(file('c.txt', 'c'), { reviewBy: '2026-11-27' })
    const freshness = () =>
      Object.fromEntries(register.evidence.list().items.map((item) => [item.originalName, item.freshness]))
    expect(freshness()).toEqual({ 'a.txt': 'fresh', 'b.txt': 'expiring', 'c.txt': 'expired' })
    expect(register.evidence.freshnessCounts()).toEqual({ fresh: 1, expiring: 1, expired: 1 })
    expect(register.evidence.list({ freshness: 'expiring' }).items.map((item) => item.originalName)).toEqual(['b.txt'])
    register.settings.setExpiringDays(7)
    expect(freshness()['b.txt']).toBe('fresh')
  })

  it('shows each control’s evidence state and filters controls without fresh evidence', async () => {
    await importOne(file('fresh.txt', 'fresh'), { controls: ['IAM-01'], reviewBy: '2027-06-01' })
    await importOne(file('old.txt', 'old'), { controls: ['IAM-02'], reviewBy: '2026-01-01' })
    const state = (id: string) => register.controls.list().find((control) => control.id === id)!.evidence
    expect([state('IAM-01'), state('IAM-02'), state('IAM-03')]).toEqual(['fresh', 'expired', 'none'])
    const stale = register.controls.list({ evidence: 'stale' }).map((control) => control.id)
    expect(stale).toContain('IAM-02')
    expect(stale).toContain('IAM-03')
    expect(stale).not.toContain('IAM-01')
    expect(register.controls.list({ evidence: 'fresh' }).map((control) => control.id)).toEqual(['IAM-01'])
  })

  it('links a report to every AWS-inherited control of a framework in one step', async () => {
    const item = await importOne(file('soc2.txt', 'SOC 2'))
    const result = register.evidence.linkInherited(item.id, 'hipaa')
    const inherited = register.controls.list({ framework: 'hipaa', responsibility: 'aws' }).map((control) => control.id)
    expect(result.linked).toEqual(inherited)
    expect(register.evidence.get(item.id).controls).toEqual(inherited)
    expect(register.evidence.linkInherited(item.id, 'hipaa')).toEqual({ linked: [], alreadyLinked: inherited.length })
  })

  it('removes softly: hidden from lists, file and history kept, and restorable', async () => {
    const item = await importOne(file('draft.txt', 'draft policy'), { controls: ['POL-01'] })
    register.evidence.remove(item.id, 'superseded by v2')
    expect(register.evidence.list().total).toBe(0)
    expect(register.evidence.list({ includeRemoved: true }).items[0]).toMatchObject({ id: item.id, removed: true })
    expect(existsSync(join(dataDir, 'vault', 'objects', item.sha256.slice(0, 2), item.sha256))).toBe(true)
    expect(register.controls.list().find((control) => control.id === 'POL-01')!.evidence).toBe('none')
    register.evidence.restore(item.id)
    expect(register.evidence.list().total).toBe(1)
    expect(register.audit.list({ entityType: 'evidence', entityId: item.id }).map((entry) => entry.action)).toEqual([
      'evidence.restore',
      'evidence.remove',
      'evidence.import'
    ])
  })

  it('edits records with the period checked and the change audited', async () => {
    const item = await importOne(file('r.txt', 'report'))
    expect(() => register.evidence.update(item.id, { periodStart: '2026-06-01', periodEnd: '2026-01-01' })).toThrow(
      expect.objectContaining({ code: 'VALIDATION' })
    )
    const updated = register.evidence.update(item.id, {
      title: 'Pen test report',
      periodStart: '2026-01-01',
      periodEnd: '2026-06-30'
    })
    expect(updated).toMatchObject({ title: 'Pen test report', version: 2 })
    expect(register.audit.list({ limit: 1 })[0]).toMatchObject({
      action: 'evidence.update',
      before: { title: 'r' },
      after: { title: 'Pen test report' }
    })
  })
})

describe('verifying the vault', () => {
  it('re-hashes every file and names the missing and the altered', async () => {
    const kept = await importOne(file('kept.txt', 'kept'))
    const altered = await importOne(file('altered.txt', 'original bytes'))
    const missing = await importOne(file('missing.txt', 'will disappear'))
    expect(await register.evidence.verify()).toEqual({ ok: true, checked: 3, problems: [], unreferenced: [] })

    const pathOf = (hash: string) => join(dataDir, 'vault', 'objects', hash.slice(0, 2), hash)
    chmodSync(pathOf(altered.sha256), 0o644)
    writeFileSync(pathOf(altered.sha256), 'changed bytes')
    unlinkSync(pathOf(missing.sha256))
    const result = await register.evidence.verify()
    expect(result.ok).toBe(false)
    expect(result.problems).toEqual(
      expect.arrayContaining([
        { sha256: altered.sha256, evidence: [altered.id], problem: 'altered' },
        { sha256: missing.sha256, evidence: [missing.id], problem: 'missing' }
      ])
    )
    expect(result.problems.some((problem) => problem.evidence.includes(kept.id))).toBe(false)
  })
})
