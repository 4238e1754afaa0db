import { spawn } from 'node:child_process'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tempDir } from '../main/core/testing/temp-dir'
import { runCli } from './testing/run-cli'

/*
 * Two processes writing at once, as two people running scripts against one register: each runs
 * `controls set` 500 times in a row. Every write must succeed and the audit chain must hold.
 */

const REPEAT = resolve(__dirname, 'testing/repeat-cli.ts')
let dir: ReturnType<typeof tempDir>
let dataDir: string

beforeAll(() => {
  dir = tempDir()
  dataDir = join(dir.path, 'register')
  expect(runCli(['--data-dir', dataDir, 'init']).code).toBe(0)
})
afterAll(() => dir.cleanup())

function writer(control: string, count: number): Promise<{ ok: number; failed: number; errors: string[] }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      REPEAT,
      String(count),
      '--data-dir',
      dataDir,
      'controls',
      'set',
      control,
      '--owner',
      `owner {i}`
    ],
    { env: { ...process.env, EVIDENCE_DESK_USER: `writer-${control}` } }
  )
  let stdout = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  return new Promise((resolvePromise, reject) => {
    child.on('error', reject)
    child.on('exit', () => resolvePromise(JSON.parse(stdout) as { ok: number; failed: number; errors: string[] }))
  })
}

describe('two processes writing at once', () => {
  it('both succeed, 1,000 writes of 1,000, and the audit chain holds', async () => {
    const before = runCli(['--data-dir', dataDir, 'audit', 'verify', '--json']).json<{ entries: number }>().entries
    const [first, second] = await Promise.all([writer('IAM-01', 500), writer('IAM-02', 500)])
    expect(first).toEqual({ ok: 500, failed: 0, errors: [] })
    expect(second).toEqual({ ok: 500, failed: 0, errors: [] })
    const verified = runCli(['--data-dir', dataDir, 'audit', 'verify', '--json'])
    expect(verified.code).toBe(0)
    expect(verified.json<{ ok: boolean; entries: number }>()).toEqual({ ok: true, entries: before + 1000 })
    const owners = runCli(['--data-dir', dataDir, 'controls', 'list', '--json']).json<{ id: string; owner: string }[]>()
    expect(owners.find((control) => control.id === 'IAM-01')!.owner).toBe('owner 499')
    expect(owners.find((control) => control.id === 'IAM-02')!.owner).toBe('owner 499')
  }, 180_000)
})
