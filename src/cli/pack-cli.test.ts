import { appendFileSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PackVerification } from '../shared/types'
import { flipByte, readZipEntries, sha256File, tool, writeZip } from '../main/core/packs/testing/pack-test-tools'
import { tempDir } from '../main/core/testing/temp-dir'
import { EXIT } from './exit-codes'
import { runCli } from './testing/run-cli'

let dir: ReturnType<typeof tempDir>
let dataDir: string
let out: string
const cli = (...args: string[]) => runCli(['--data-dir', dataDir, ...args])

/** The pack built once for the tests that only read it. */
let built: { pdf: string; zip: string; sha256: string; pages: number; evidence: number }

function expectOneLineError(run: ReturnType<typeof runCli>, code: number, pattern: RegExp): void {
  expect(run.code).toBe(code)
  const lines = run.stderr.trim().split('\n')
  expect(lines).toHaveLength(1)
  expect(lines[0]).toMatch(pattern)
  expect(run.stderr).not.toMatch(/\bat .+:\d+:\d+/)
}

/** The names of the files attached to a PDF, as poppler lists them. */
function attachments(pdf: string): string[] {
  const run = tool('pdfdetach', ['-list', pdf])
  expect(run.code).toBe(0)
  return run.stdout
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.replace(/^\d+: /, ''))
}

beforeAll(() => {
  dir = tempDir()
  dataDir = join(dir.path, 'register')
  out = join(dir.path, 'out')
  mkdirSync(out)
  expect(cli('init', '--sample').code).toBe(0)
  const run = cli(
    'pack',
    'build',
    '--framework',
    'pci',
    '--out',
    join(out, 'pci.pdf'),
    '--zip',
    join(out, 'pci.zip'),
    '--json'
  )
  expect(run.stderr).not.toMatch(/error/i)
  expect(run.code).toBe(0)
  built = run.json()
}, 60_000)
afterAll(() => dir.cleanup())

describe('pack build', () => {
  it('prints the documented JSON: the files, the PDF’s real SHA-256, its pages and evidence count', () => {
    expect(Object.keys(built).sort()).toEqual(['evidence', 'pages', 'pdf', 'sha256', 'zip'])
    expect(built.pdf).toBe(join(out, 'pci.pdf'))
    expect(built.zip).toBe(join(out, 'pci.zip'))
    expect(built.sha256).toBe(sha256File(built.pdf))
    expect(Number(/^Pages:\s+(\d+)$/m.exec(tool('pdfinfo', [built.pdf]).stdout)?.[1])).toBe(built.pages)
    // The evidence, the period's audit log, and the signature's manifest, signature and key.
    expect(attachments(built.pdf)).toHaveLength(built.evidence + 4)
    expect(built.evidence).toBeGreaterThan(5)
    expect(readdirSync(out).sort()).toEqual(['pci.pdf', 'pci.zip'])
  })

  it('writes progress to stderr and only the result to stdout', () => {
    const run = cli('pack', 'build', '--framework', 'gdpr', '--out', join(out, 'gdpr.pdf'), '--json')
    expect(run.code).toBe(0)
    expect(run.stderr).toMatch(/^Exporting .*: \d+%$/m)
    expect(run.stderr).toMatch(/: 100%$/m)
    expect(run.stdout).not.toMatch(/Exporting|%/)
    expect(() => JSON.parse(run.stdout)).not.toThrow()
    expect(run.json<{ zip: string | null }>().zip).toBeNull()
  })

  it('prints the file, the SHA-256 and the key fingerprint for people', () => {
    const run = cli('pack', 'build', '--framework', 'hipaa', '--out', join(out, 'hipaa.pdf'))
    expect(run.code).toBe(0)
    const sha = sha256File(join(out, 'hipaa.pdf'))
    expect(run.stdout).toContain(`PDF: ${join(out, 'hipaa.pdf')} (`)
    expect(run.stdout).toContain(`SHA-256 ${sha}`)
    expect(run.stdout).toMatch(/^Signing key fingerprint: ([0-9a-f]{4} ){15}[0-9a-f]{4}$/m)
  })

  it('keeps to the --scope given: evidence of other accounts is left out', () => {
    const all = attachments(built.pdf)
    expect(all.some((name) => name.endsWith('organizations-scps.json'))).toBe(true)
    const run = cli(
      'pack',
      'build',
      '--framework',
      'pci',
      '--scope',
      'Production',
      '--out',
      join(out, 'prod.pdf'),
      '--json'
    )
    expect(run.code).toBe(0)
    const scoped = attachments(join(out, 'prod.pdf'))
    // The service control policies were exported from the Accounting account only.
    expect(scoped.some((name) => name.endsWith('organizations-scps.json'))).toBe(false)
    expect(scoped.some((name) => name.endsWith('iam-credential-report.csv'))).toBe(true)
    expect(run.json<{ evidence: number }>().evidence).toBe(scoped.length - 4)
  })

  it('keeps to the --period-start and --period-end given', () => {
    const run = cli(
      'pack',
      'build',
      '--framework',
      'pci',
      '--period-start',
      '2020-01-01',
      '--period-end',
      '2020-12-31',
      '--out',
      join(out, 'old.pdf'),
      '--json'
    )
    expect(run.code).toBe(0)
    expect(run.json<{ evidence: number }>().evidence).toBe(0)
    const verified = runCli(['pack', 'verify', join(out, 'old.pdf'), '--json']).json<PackVerification>()
    expect(verified.pack).toMatchObject({ periodStart: '2020-01-01', periodEnd: '2020-12-31' })
  })

  it('refuses an unknown --scope with a usage error on one line, and writes nothing', () => {
    const run = cli('pack', 'build', '--framework', 'pci', '--scope', 'Nowhere', '--out', join(out, 'nowhere.pdf'))
    expectOneLineError(run, EXIT.usage, /Unknown scope "Nowhere".*Accounting, Development, Production/)
    expect(run.stdout).toBe('')
    expect(existsSync(join(out, 'nowhere.pdf'))).toBe(false)
  })

  it('refuses an audit period that ends before it starts', () => {
    const run = cli(
      'pack',
      'build',
      '--framework',
      'pci',
      '--period-start',
      '2026-06-01',
      '--period-end',
      '2026-01-01',
      '--out',
      join(out, 'backwards.pdf')
    )
    expectOneLineError(run, EXIT.usage, /period must start on or before its end/)
    expect(existsSync(join(out, 'backwards.pdf'))).toBe(false)
  })
})

describe('pack verify', () => {
  it('says an intact PDF and ZIP are intact (exit 0), without opening or creating a register', () => {
    const nowhere = join(dir.path, 'no-register-here')
    for (const file of [built.pdf, built.zip]) {
      const run = runCli(['pack', 'verify', file], { env: { EVIDENCE_DESK_DATA_DIR: nowhere } })
      expect(run.code).toBe(EXIT.ok)
      expect(run.stdout.split('\n')[0]).toBe('VALID')
      expect(run.stdout).toMatch(/^Intact: the signature holds and all \d+ hashes match/m)
      expect(run.stdout).toMatch(/^Signer: ([0-9a-f]{4} ){15}[0-9a-f]{4}$/m)
      expect(run.stdout).toMatch(/^No register was consulted/m)
    }
    expect(existsSync(nowhere)).toBe(false)
  })

  it('exits 3 on a tampered PDF and names what differs', () => {
    const copy = join(dir.path, 'tampered.pdf')
    copyFileSync(built.pdf, copy)
    appendFileSync(copy, 'tail')
    const run = runCli(['pack', 'verify', copy])
    expect(run.code).toBe(EXIT.integrity)
    expect(run.stdout.split('\n')[0]).toBe('NOT VALID — do not rely on this pack')
    expect(run.stdout).toContain('  Added: document: 4 bytes were added after the signature.')
    expect(run.stdout).not.toMatch(/^Intact/m)
    expect(run.stderr.trim()).toBe('evidence-desk: The pack does not verify: 1 problem found.')
  })

  it('exits 3 on a ZIP with one evidence file changed, naming the file, and --json is parseable', async () => {
    const entries = await readZipEntries(built.zip)
    const target = entries.find((entry) => entry.name.startsWith('evidence/'))!
    const copy = join(dir.path, 'tampered.zip')
    await writeZip(
      copy,
      entries.map((entry) => (entry === target ? { ...entry, data: flipByte(entry.data, 0) } : entry))
    )
    const text = runCli(['pack', 'verify', copy])
    expect(text.code).toBe(EXIT.integrity)
    expect(text.stdout).toContain(`  Changed: ${target.name}: Its SHA-256 is now`)
    // Hashes are shortened for people, whole in the JSON; the requirements the file supports are named.
    expect(text.stdout).not.toMatch(/[0-9a-f]{64}/)
    expect(text.stdout).toMatch(/Evidence for (PCI DSS|HIPAA)/)

    const json = runCli(['pack', 'verify', copy, '--json'])
    expect(json.code).toBe(EXIT.integrity)
    const result = json.json<PackVerification>()
    expect(result).toMatchObject({ ok: false, kind: 'zip' })
    expect(result.problems).toContainEqual(expect.objectContaining({ kind: 'changed', item: target.name }))
    expect(json.stderr).toMatch(/The pack does not verify: \d+ problems? found\./)
  })

  it('prints parseable JSON for an intact pack', () => {
    const run = runCli(['pack', 'verify', built.zip, '--json'])
    expect(run.code).toBe(EXIT.ok)
    expect(run.json<PackVerification>()).toMatchObject({ ok: true, kind: 'zip', problems: [] })
  })

  it('exits 2 when the file does not exist, and 1 when it is a folder', () => {
    expectOneLineError(
      runCli(['pack', 'verify', join(dir.path, 'missing.pdf')]),
      EXIT.notFound,
      /missing\.pdf does not exist/
    )
    expectOneLineError(runCli(['pack', 'verify', out]), EXIT.usage, /is not a file/)
  })

  it('exits 3 on a file that is not a pack', () => {
    const run = runCli(['pack', 'verify', join(dataDir, 'register.sqlite')])
    expect(run.code).toBe(EXIT.integrity)
    expect(run.stdout).toContain('  Not a pack: file: This is neither a PDF nor a ZIP made by Evidence Desk.')
  })
})

describe('demo', () => {
  it('creates the sample register and its PCI DSS pack, PDF and ZIP, and both verify', () => {
    const folder = join(dir.path, 'demo')
    const run = runCli(['demo', '--out', folder])
    expect(run.code).toBe(0)
    const pdf = join(folder, 'harbor-bean-pci-dss-pack.pdf')
    const zip = join(folder, 'harbor-bean-pci-dss-pack.zip')
    expect(run.stdout).toContain(`Pack PDF:  ${pdf}`)
    expect(run.stdout).toContain(`Pack ZIP:  ${zip}`)
    expect(readdirSync(folder).sort()).toEqual([
      'harbor-bean-pci-dss-pack.pdf',
      'harbor-bean-pci-dss-pack.zip',
      'register'
    ])
    expect(tool('qpdf', ['--check', pdf]).code).toBe(0)
    for (const file of [pdf, zip]) {
      const verified = runCli(['pack', 'verify', file, '--json'])
      expect(verified.code).toBe(EXIT.ok)
      expect(verified.json<PackVerification>()).toMatchObject({
        ok: true,
        pack: { name: 'PCI DSS assessment (sample)' },
        problems: []
      })
    }
    const inZip = readFileSync(zip)
    expect(inZip.subarray(0, 2).toString('latin1')).toBe('PK')
  }, 90_000)
})
