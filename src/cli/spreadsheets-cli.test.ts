import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { tempDir } from '../main/core/testing/temp-dir'
import { runCli } from './testing/run-cli'

// Real files read and written by other programs (openpyxl, LibreOffice) take their time on a busy machine.
vi.setConfig({ testTimeout: 600_000, hookTimeout: 300_000 })

let dir: ReturnType<typeof tempDir>
let dataDir: string
const cli = (...args: string[]) => runCli(['--data-dir', dataDir, ...args])

beforeAll(() => {
  dir = tempDir()
  dataDir = join(dir.path, 'register')
  expect(cli('init', '--json').code).toBe(0)
}, 60_000)
afterAll(() => dir.cleanup())

describe('export and import controls on the command line', () => {
  it('exports the register and imports it back: all unchanged, in the JSON the contract gives', () => {
    const file = join(dir.path, 'register.xlsx')
    const exported = cli('export', 'register', '--format', 'xlsx', '--out', file, '--json')
    expect(exported.code).toBe(0)
    expect(exported.json()).toMatchObject({ path: file, format: 'xlsx', kind: 'register', sheets: ['Register'] })
    const rows = exported.json<{ rows: number }>().rows
    const dryRun = cli('import', 'controls', file, '--dry-run', '--json')
    expect(dryRun.code).toBe(0)
    expect(dryRun.json()).toMatchObject({ created: 0, updated: 0, unchanged: rows, errors: [] })
  })

  it('a file with errors: exit 1, each error with its row and column, nothing written', () => {
    const file = join(dir.path, 'bad.csv')
    writeFileSync(file, 'Ref;Title;Status\r\nIAM-01;Identity;Half done\r\n')
    const run = cli('import', 'controls', file, '--map', 'Ref=id', '--json')
    expect(run.code).toBe(1)
    expect(run.json()).toMatchObject({
      created: 0,
      updated: 0,
      errors: [{ row: 2, column: 'Status', message: expect.stringMatching(/"Half done" is not a status/) }]
    })
    expect(run.stderr).toMatch(/1 error in the file; nothing was imported/)
  })

  it('bad usage is exit 1 with one line', () => {
    const run = cli('export', 'everything', '--out', join(dir.path, 'x.xlsx'))
    expect(run.code).toBe(1)
    expect(run.stderr.trim()).toMatch(
      /^evidence-desk: Unknown export "everything"\. Use one of: register, soa, matrix, evidence, audit\.$/
    )
  })
})
