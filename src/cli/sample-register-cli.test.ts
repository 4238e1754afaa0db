import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tempDir } from '../main/core/testing/temp-dir'
import { runCli } from './testing/run-cli'

let dir: ReturnType<typeof tempDir>
let dataDir: string
const cli = (args: string[]) => runCli(['--data-dir', dataDir, ...args])
const registerHash = (): string =>
  createHash('sha256')
    .update(readFileSync(join(dataDir, 'register.sqlite')))
    .digest('hex')

beforeAll(() => {
  dir = tempDir()
  dataDir = join(dir.path, 'register')
  expect(cli(['init']).code).toBe(0)
  expect(cli(['org', 'set', '--name', 'Northwind Health']).code).toBe(0)
}, 120_000)
afterAll(() => dir.cleanup())

describe('init --sample', () => {
  it('refuses a register that holds the user’s data, changing nothing', () => {
    const hash = registerHash()
    const log = cli(['audit', 'log', '--json']).stdout
    const refused = cli(['init', '--sample'])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/holds your own data.*another --data-dir/)
    expect(registerHash()).toBe(hash)
    expect(cli(['audit', 'log', '--json']).stdout).toBe(log)
    expect(cli(['audit', 'verify']).code).toBe(0)
    expect(cli(['org', 'show', '--json']).json()).toMatchObject({ name: 'Northwind Health', sample: false })
  }, 180_000)
})

describe('controls export', () => {
  it("writes one control's record as a PDF: statement, mappings, evidence with its SHA-256, history", () => {
    const file = join(dir.path, 'mfa-policy.txt')
    writeFileSync(file, 'Every workforce login uses phishing-resistant MFA.\n')
    const added = cli(['evidence', 'add', file, '--control', 'IAM-01', '--title', 'MFA policy', '--json'])
    expect(added.code).toBe(0)
    const { sha256 } = added.json<{ sha256: string }>()
    expect(cli(['controls', 'set', 'IAM-01', '--owner', 'Dana Ruiz', '--status', 'implemented']).code).toBe(0)

    const out = join(dir.path, 'IAM-01.pdf')
    const exported = cli(['controls', 'export', 'iam-01', '--out', out, '--json'])
    expect(exported.code).toBe(0)
    const result = exported.json<{ control: string; path: string; pages: number; sha256: string }>()
    expect(result).toMatchObject({ control: 'IAM-01', path: out })
    expect(createHash('sha256').update(readFileSync(out)).digest('hex')).toBe(result.sha256)

    expect(runTool('qpdf', ['--check', out]).code).toBe(0)
    const info = runTool('pdfinfo', [out]).stdout
    expect(info).toMatch(new RegExp(`Pages:\\s+${result.pages}\\b`))
    expect(info).toMatch(/Title:\s+IAM-01 Workforce identity and MFA: control record/)
    const text = runTool('pdftotext', ['-layout', out, '-']).stdout.replace(/\s+/g, ' ')
    expect(text).toContain('IAM-01 Workforce identity and MFA')
    expect(text).toContain('Control record of Northwind Health')
    expect(text).toMatch(/Statement Workforce access to AWS is through IAM Identity Center/)
    expect(text).toMatch(/Responsibility and rationale Customer/)
    expect(text).toMatch(/HIPAA 164\.312\(a\)\(1\) Access Control/)
    expect(text).toMatch(/PCI DSS 8\.4\.2 MFA for all CDE access/)
    expect(text).toContain('MFA policy')
    expect(text.replace(/ /g, '')).toContain(sha256)
    expect(text).toMatch(/History \(\d+ entries\)/)
    expect(text).toContain('from the starter library')
    expect(text).toMatch(/cli\.tester Updated IAM-01/)
    expect(text).toContain('Owner Dana Ruiz')
  }, 180_000)

  it('exits 2 for an unknown control and 1 for a malformed id, writing nothing', () => {
    const out = join(dir.path, 'none.pdf')
    expect(cli(['controls', 'export', 'NOPE-99', '--out', out]).code).toBe(2)
    expect(cli(['controls', 'export', 'not an id', '--out', out]).code).toBe(1)
    expect(existsSync(out)).toBe(false)
  }, 120_000)
})

function runTool(command: string, args: string[]): { code: number | null; stdout: string } {
  const result = spawnSync(command, args, { encoding: 'utf8' })
  return { code: result.status, stdout: result.stdout }
}
