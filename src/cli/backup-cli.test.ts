import { chmodSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BackupInfo, BackupVerification } from '../shared/types'
import { AUTOMATIC_KEEP } from '../main/core/backup/backup-service'
import { Register } from '../main/core/register'
import { tempDir } from '../main/core/testing/temp-dir'
import { EXIT } from './exit-codes'
import { runCli } from './testing/run-cli'

let dir: ReturnType<typeof tempDir>
let dataDir: string
let backups: string
const cli = (...args: string[]) => runCli(['--data-dir', dataDir, ...args])
const mode = (path: string) => statSync(path).mode & 0o777

beforeAll(() => {
  dir = tempDir()
  dataDir = join(dir.path, 'register')
  backups = join(dir.path, 'backups')
  expect(cli('init', '--sample').code).toBe(0)
  expect(cli('pack', 'build', '--framework', 'gdpr', '--out', join(dir.path, 'pack.pdf')).code).toBe(0)
}, 90_000)
afterAll(() => dir.cleanup())

describe('the data folder', () => {
  it('is readable by its owner only: the register, the vault, the keys', () => {
    expect(mode(dataDir)).toBe(0o700)
    expect(mode(join(dataDir, 'register.sqlite'))).toBe(0o600)
    expect(mode(join(dataDir, 'vault'))).toBe(0o700)
    expect(mode(join(dataDir, 'vault', 'objects'))).toBe(0o700)
    expect(mode(join(dataDir, 'keys'))).toBe(0o700)
    expect(mode(join(dataDir, 'keys', 'pack-signing.key'))).toBe(0o600)
    expect(mode(join(dataDir, 'keys', 'pdf-signing.key'))).toBe(0o600)
  })
})

describe('backup create, verify and restore', () => {
  let first: BackupInfo
  it('backs up the register, its keys and every vault file, and the backup verifies', () => {
    const run = cli('backup', 'create', '--out', backups, '--json')
    expect(run.code).toBe(0)
    first = run.json<BackupInfo>()
    expect(first.objects).toBeGreaterThan(5)
    expect(mode(first.path)).toBe(0o700)
    expect(mode(join(first.path, 'register.sqlite'))).toBe(0o600)
    const verified = runCli(['backup', 'verify', first.path, '--json'])
    expect(verified.code).toBe(0)
    expect(verified.json<BackupVerification>()).toMatchObject({ ok: true, objects: first.objects, problems: [] })
  })

  it('is incremental: a second backup copies no vault file the folder already holds', () => {
    const objects = join(backups, 'objects')
    const before = readdirSync(objects).flatMap((prefix) =>
      readdirSync(join(objects, prefix)).map((name) => [name, statSync(join(objects, prefix, name)).ino])
    )
    const second = cli('backup', 'create', '--out', backups, '--json').json<BackupInfo>()
    expect(second.path).not.toBe(first.path)
    const after = readdirSync(objects).flatMap((prefix) =>
      readdirSync(join(objects, prefix)).map((name) => [name, statSync(join(objects, prefix, name)).ino])
    )
    expect(after).toEqual(before)
  })

  it('restores into a new data folder that then opens and verifies, and never over a register', () => {
    const restored = join(dir.path, 'restored')
    const run = runCli(['--data-dir', restored, 'backup', 'restore', first.path])
    expect(run.code).toBe(0)
    expect(runCli(['--data-dir', restored, 'evidence', 'verify']).stdout).toMatch(/^Vault intact: \d+ files verified\./)
    expect(runCli(['--data-dir', restored, 'audit', 'verify']).code).toBe(0)
    expect(runCli(['--data-dir', restored, 'controls', 'list', '--json']).json<unknown[]>().length).toBeGreaterThan(50)
    expect(mode(join(restored, 'register.sqlite'))).toBe(0o600)

    const again = runCli(['--data-dir', restored, 'backup', 'restore', first.path])
    expect(again.code).toBe(EXIT.usage)
    expect(again.stderr).toMatch(/already holds a register; a backup is only restored into a new data folder/)
  })

  it('finds a vault file changed in the backup, and does not restore from it', () => {
    const objects = join(backups, 'objects')
    const prefix = readdirSync(objects)[0]!
    const file = join(objects, prefix, readdirSync(join(objects, prefix))[0]!)
    chmodSync(file, 0o600)
    writeFileSync(file, 'tampered')
    const run = runCli(['backup', 'verify', first.path])
    expect(run.code).toBe(EXIT.integrity)
    expect(run.stdout).toMatch(/was changed in the backup/)
    const restore = runCli(['--data-dir', join(dir.path, 'from-tampered'), 'backup', 'restore', first.path])
    expect(restore.code).toBe(EXIT.integrity)
  })
})

describe('the daily automatic backup', () => {
  it('is made once a day and keeps the last seven', async () => {
    let now = Date.parse('2027-01-01T08:00:00Z')
    const register = await Register.open({ dataDir, actor: 'app', now: () => new Date(now) })
    try {
      expect(await register.backups.backUpIfDue()).toMatchObject({ automatic: true })
      expect(await register.backups.backUpIfDue()).toBeNull()
      for (let day = 1; day <= 9; day++) {
        now += 24 * 60 * 60 * 1000
        expect(await register.backups.backUpIfDue()).not.toBeNull()
      }
      const folder = join(dataDir, 'backups', 'automatic')
      expect(readdirSync(folder).filter((name) => name.startsWith('evidence-desk-'))).toHaveLength(AUTOMATIC_KEEP)
      expect(register.backups.last()).toMatchObject({ automatic: true, createdAt: new Date(now).toISOString() })
    } finally {
      register.close()
    }
  }, 60_000)
})
