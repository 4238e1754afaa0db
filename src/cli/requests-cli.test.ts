import { execFileSync } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { RequestExportResult } from '../shared/spreadsheets'
import type { PackVerification } from '../shared/types'
import { Register } from '../main/core/register'
import { tempDir } from '../main/core/testing/temp-dir'
import { EXIT } from './exit-codes'
import { runCli } from './testing/run-cli'

// Real files read by other programs take their time on a busy machine.
vi.setConfig({ testTimeout: 600_000, hookTimeout: 300_000 })

let dir: ReturnType<typeof tempDir>
let dataDir: string
const cli = (...args: string[]) => runCli(['--data-dir', dataDir, ...args])

beforeAll(async () => {
  dir = tempDir()
  dataDir = join(dir.path, 'register')
  expect(cli('init', '--json').code).toBe(0)
  // Packs are defined in the app; the request list belongs to one.
  const register = await Register.open({ dataDir, actor: 'cli.tester' })
  register.packs.create({
    name: 'PCI DSS 2026',
    frameworks: ['pci'],
    scope: { accounts: [], organizationalUnits: [] },
    periodStart: '2026-01-01',
    periodEnd: '2026-12-31',
    organisation: 'Example',
    auditor: 'QSA',
    preparer: 'cli.tester'
  })
  register.close()
}, 120_000)
afterAll(() => dir.cleanup())

describe('requests export on the command line', () => {
  it('writes the responses as a ZIP, prints the JSON the contract gives, and pack verify accepts it', () => {
    const list = join(dir.path, 'pbc.csv')
    writeFileSync(list, 'Request ID,Reference,Details\r\nR-1,IAM-01,Access reviews\r\nR-2,,Network diagram\r\n')
    expect(cli('requests', 'import', list, '--pack', 'PK-0001', '--json').json()).toMatchObject({ created: 2 })
    expect(cli('requests', 'set', 'R-1', '--pack', 'PK-0001', '--status', 'provided', '--note', 'Done').code).toBe(0)

    const out = join(dir.path, 'responses.zip')
    const run = cli('requests', 'export', '--pack', 'pk-0001', '--out', out, '--json')
    expect(run.code).toBe(EXIT.ok)
    expect(run.json<RequestExportResult>()).toEqual({
      path: out,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      size: expect.any(Number),
      requests: 2,
      evidenceFiles: 0,
      keyFingerprint: expect.stringMatching(/^[0-9a-f]{64}$/)
    })
    const verified = cli('pack', 'verify', out, '--json')
    expect(verified.code).toBe(EXIT.ok)
    expect(verified.json<PackVerification>()).toMatchObject({ ok: true, kind: 'zip', problems: [] })

    // A response changed after signing: exit 3, naming it.
    const tampered = join(dir.path, 'tampered.zip')
    execFileSync('/usr/bin/python3', [
      '-c',
      `import sys, zipfile
src = zipfile.ZipFile(sys.argv[1]); dst = zipfile.ZipFile(sys.argv[2], 'w')
for info in src.infolist():
    data = src.read(info.filename)
    dst.writestr(info, data + b' ' if info.filename == 'requests/R-1/response R-1.pdf' else data)
dst.close()`,
      out,
      tampered
    ])
    const failed = cli('pack', 'verify', tampered, '--json')
    expect(failed.code).toBe(EXIT.integrity)
    expect(failed.json<PackVerification>().problems).toContainEqual(
      expect.objectContaining({ kind: 'changed', item: 'requests/R-1/response R-1.pdf' })
    )
  })

  it('an unknown pack is refused on one line, saying how to find the packs; nothing is written', () => {
    const none = join(dir.path, 'none.zip')
    const run = cli('requests', 'export', '--pack', 'PK-0099', '--out', none)
    expect(run.code).toBe(EXIT.notFound)
    expect(run.stderr.trim()).toMatch(/^evidence-desk: There is no pack PK-0099\./)
    expect(existsSync(none)).toBe(false)
  })
})
