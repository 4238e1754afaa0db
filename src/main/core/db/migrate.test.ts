import Database from 'better-sqlite3'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tempDir } from '../testing/temp-dir'
import { migrate } from './migrate'
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations'
import type { Migration } from './migrations/types'

const now = (): Date => new Date('2026-11-28T09:00:00Z')

describe('migrate', () => {
  let dir: ReturnType<typeof tempDir>
  let path: string
  beforeEach(() => {
    dir = tempDir()
    path = join(dir.path, 'register.sqlite')
  })
  afterEach(() => dir.cleanup())

  it('brings a new database to the latest version without taking a backup', async () => {
    const db = new Database(path)
    const report = await migrate(db, { databasePath: path, backupsDir: join(dir.path, 'backups'), now })
    expect(report).toEqual({ from: 0, to: LATEST_SCHEMA_VERSION })
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION)
    expect(existsSync(join(dir.path, 'backups'))).toBe(false)
    db.close()
  })

  it('copies the file before upgrading an existing register, and the copy is the old version', async () => {
    const first: Migration = { version: 1, name: 'one', up: (db) => db.exec('CREATE TABLE a (x TEXT)') }
    const second: Migration = { version: 2, name: 'two', up: (db) => db.exec('CREATE TABLE b (y TEXT)') }
    const db = new Database(path)
    await migrate(db, { databasePath: path, backupsDir: join(dir.path, 'backups'), now, migrations: [first] })
    db.prepare(`INSERT INTO a VALUES ('kept')`).run()

    const report = await migrate(db, {
      databasePath: path,
      backupsDir: join(dir.path, 'backups'),
      now,
      migrations: [first, second]
    })
    expect(report.from).toBe(1)
    expect(report.to).toBe(2)
    expect(report.backupPath).toBeDefined()
    const backup = new Database(report.backupPath!, { readonly: true })
    expect(backup.pragma('user_version', { simple: true })).toBe(1)
    expect(backup.prepare('SELECT x FROM a').pluck().all()).toEqual(['kept'])
    expect(backup.prepare(`SELECT count(*) FROM sqlite_schema WHERE name = 'b'`).pluck().get()).toBe(0)
    backup.close()
    expect(db.pragma('user_version', { simple: true })).toBe(2)
    db.close()
  })

  it('rolls back every pending migration when one fails', async () => {
    const good: Migration = { version: 1, name: 'good', up: (db) => db.exec('CREATE TABLE a (x TEXT)') }
    const bad: Migration = {
      version: 2,
      name: 'bad',
      up: (db) => {
        db.exec('CREATE TABLE b (y TEXT)')
        throw new Error('boom')
      }
    }
    const db = new Database(path)
    await expect(
      migrate(db, { databasePath: path, backupsDir: join(dir.path, 'backups'), now, migrations: [good, bad] })
    ).rejects.toThrow('boom')
    expect(db.pragma('user_version', { simple: true })).toBe(0)
    expect(db.prepare(`SELECT count(*) FROM sqlite_schema WHERE name IN ('a', 'b')`).pluck().get()).toBe(0)
    db.close()
  })

  it('refuses a register written by a newer version and leaves it byte for byte as it was', async () => {
    const db = new Database(path)
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`)
    db.close()
    const before = readFileSync(path)
    const reopened = new Database(path)
    await expect(
      migrate(reopened, { databasePath: path, backupsDir: join(dir.path, 'backups'), now })
    ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/newer version of Evidence Desk/) })
    reopened.close()
    expect(readFileSync(path).equals(before)).toBe(true)
    expect(existsSync(join(dir.path, 'backups')) && readdirSync(join(dir.path, 'backups')).length).toBeFalsy()
  })

  it('rebuilds a table with foreign keys off, and refuses to commit a rebuild that breaks a reference', async () => {
    const parentChild: Migration = {
      version: 1,
      name: 'tables',
      up: (db) =>
        db.exec(`CREATE TABLE parent (id TEXT PRIMARY KEY CHECK (id IN ('a')));
          CREATE TABLE child (parent_id TEXT NOT NULL REFERENCES parent(id));
          INSERT INTO parent VALUES ('a'); INSERT INTO child VALUES ('a');`)
    }
    const widen: Migration = {
      version: 2,
      name: 'widen',
      rebuildsTables: true,
      up: (db) =>
        db.exec(`CREATE TABLE parent_new (id TEXT PRIMARY KEY); INSERT INTO parent_new SELECT id FROM parent;
          DROP TABLE parent; ALTER TABLE parent_new RENAME TO parent; INSERT INTO parent VALUES ('b');`)
    }
    const orphan: Migration = {
      version: 3,
      name: 'orphan',
      rebuildsTables: true,
      up: (db) => db.exec(`DELETE FROM parent WHERE id = 'a'`)
    }
    const db = new Database(path)
    db.pragma('foreign_keys = ON')
    const options = { databasePath: path, backupsDir: join(dir.path, 'backups'), now }
    await migrate(db, { ...options, migrations: [parentChild, widen] })
    expect(db.prepare('SELECT id FROM parent ORDER BY id').pluck().all()).toEqual(['a', 'b'])
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    await expect(migrate(db, { ...options, migrations: [parentChild, widen, orphan] })).rejects.toMatchObject({
      code: 'INTEGRITY'
    })
    expect(db.pragma('user_version', { simple: true })).toBe(2)
    expect(db.prepare('SELECT id FROM parent ORDER BY id').pluck().all()).toEqual(['a', 'b'])
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    db.close()
  })

  it('numbers migrations 1, 2, 3... with no gaps', () => {
    expect(MIGRATIONS.map((migration) => migration.version)).toEqual(MIGRATIONS.map((_, index) => index + 1))
  })
})
