import { chmodSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CollectorImportResult, CollectorScriptResult } from '../shared/types'
import { tempDir } from '../main/core/testing/temp-dir'
import { EXIT } from './exit-codes'
import { runCli } from './testing/run-cli'

const FAKE_AWS = join(__dirname, '..', 'main', 'core', 'collector', 'testing', 'fake-aws.mjs')
let dir: ReturnType<typeof tempDir>
let dataDir: string
const cli = (...args: string[]) => runCli(['--data-dir', dataDir, ...args])

beforeAll(() => {
  dir = tempDir()
  dataDir = join(dir.path, 'register')
  expect(cli('init', '--sample').code).toBe(0)
})
afterAll(() => dir.cleanup())

describe('collector on the command line', () => {
  it('writes the script for a scope, and imports what it gathered in one step', () => {
    const script = join(dir.path, 'collect.sh')
    const written = cli(
      'collector',
      'script',
      '--scope',
      'Production',
      '--region',
      'us-east-1',
      '--out',
      script,
      '--json'
    )
    expect(written.code, written.stderr).toBe(0)
    expect(written.json<CollectorScriptResult>()).toEqual({
      path: script,
      shell: 'bash',
      accounts: ['605183429774'],
      regions: ['us-east-1']
    })
    const bin = join(dir.path, 'bin')
    mkdirSync(bin)
    writeFileSync(join(bin, 'aws'), `#!/bin/sh\nexec "${process.execPath}" "${FAKE_AWS}" "$@"\n`)
    chmodSync(join(bin, 'aws'), 0o755)
    const run = spawnSync('bash', [script], {
      cwd: dir.path,
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, FAKE_AWS_ACCOUNT: '605183429774' },
      encoding: 'utf8'
    })
    expect(run.status, run.stderr).toBe(0)
    const zip = readdirSync(dir.path).find((name) => name.endsWith('.zip'))!
    const imported = cli('collector', 'import', join(dir.path, zip), '--json')
    expect(imported.code, imported.stderr).toBe(0)
    const result = imported.json<CollectorImportResult>()
    expect(result.files.length).toBeGreaterThan(10)
    expect(result.files.every((file) => file.account === '605183429774' && !file.error)).toBe(true)
    const shown = cli('evidence', 'show', result.files[0]!.item!.id, '--json').json<{ accounts: string[] }>()
    expect(shown.accounts).toEqual(['605183429774'])
  })

  it('refuses unknown shells, Regions and scopes with one line and exit 1', () => {
    for (const args of [
      ['--shell', 'zsh'],
      ['--region', 'moon-base-1x'],
      ['--scope', 'Nowhere']
    ]) {
      const run = cli('collector', 'script', ...args, '--out', join(dir.path, 'x.sh'))
      expect(run.code).toBe(EXIT.usage)
      expect(run.stderr.trim().split('\n')).toHaveLength(1)
    }
  })
})
