import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../testing/temp-dir'
import { migrate } from '../migrate'
import { MIGRATIONS } from './index'

const now = (): Date => new Date('2026-11-28T09:00:00Z')
const HASH = 'a'.repeat(64)

describe('migration 5: AWS exports', () => {
  let dir: ReturnType<typeof tempDir>
  let db: Database.Database
  beforeEach(() => {
    dir = tempDir()
    db = new Database(join(dir.path, 'register.sqlite'))
    db.pragma('foreign_keys = ON')
  })
  afterEach(() => {
    db.close()
    dir.cleanup()
  })

  const upgrade = (migrations = MIGRATIONS) =>
    migrate(db, {
      databasePath: join(dir.path, 'register.sqlite'),
      backupsDir: join(dir.path, 'backups'),
      now,
      migrations
    })

  /** A version-3 register with evidence, a child of it, links, accounts and a requirement. */
  async function version3(): Promise<void> {
    await upgrade(MIGRATIONS.slice(0, 3))
    db.exec(`
      INSERT INTO frameworks VALUES ('pci', 'PCI DSS', '4.0.1', 'PCI SSC', NULL, 'hash');
      INSERT INTO requirements (framework_id, ref, kind, title, assessable, position, depth)
        VALUES ('pci', '10.3.2', 'defined', 'Audit logs are protected', 1, 1, 3);
      INSERT INTO controls (id, title, statement, domain, status, responsibility, created_at, updated_at)
        VALUES ('LOG-03', 'Log protection', 'Logs are protected.', 'Logging', 'implemented', 'customer', 'now', 'now');
      INSERT INTO blobs VALUES ('${HASH}', 10, 'application/pdf', 'now');
      INSERT INTO evidence (id, title, kind, source, original_name, sha256, imported_at, imported_by, metadata, period_start, period_end)
        VALUES ('EV-0001', 'Wrapper', 'artifact-report', 'aws-artifact', 'w.pdf', '${HASH}', 'now', 'me', '{"a":1}', '2026-01-01', '2026-06-30');
      INSERT INTO evidence (id, title, kind, source, original_name, sha256, imported_at, imported_by, parent_id, removed_at)
        VALUES ('EV-0002', 'Report', 'artifact-report', 'internal', 'r.pdf', '${HASH}', 'now', 'me', 'EV-0001', 'later');
      INSERT INTO evidence_controls VALUES ('EV-0001', 'LOG-03', 'now');
      INSERT INTO evidence_accounts VALUES ('EV-0001', '605183429774');
    `)
  }

  const schemaOf = (type: string, table: string): string[] =>
    db
      .prepare(`SELECT name FROM sqlite_schema WHERE type = ? AND tbl_name = ? AND sql IS NOT NULL ORDER BY name`)
      .pluck()
      .all(type, table) as string[]

  it('keeps every record, link, index and reference, and accepts the unknown source', async () => {
    await version3()
    await upgrade(MIGRATIONS.slice(0, 4))
    const before = db.prepare(`SELECT * FROM evidence ORDER BY rowid`).all()
    const indexes = schemaOf('index', 'evidence')
    // Up to this migration alone: later ones add indexes of their own.
    await upgrade(MIGRATIONS.slice(0, 5))
    expect(db.pragma('user_version', { simple: true })).toBe(5)
    expect(db.prepare(`SELECT * FROM evidence ORDER BY rowid`).all()).toEqual(before)
    expect(schemaOf('index', 'evidence')).toEqual(indexes)
    expect(db.prepare(`SELECT count(*) FROM evidence_controls`).pluck().get()).toBe(1)
    expect(db.prepare(`SELECT count(*) FROM evidence_accounts`).pluck().get()).toBe(1)
    expect(db.pragma('foreign_key_check')).toEqual([])
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)

    const insert = (id: string, source: string) =>
      db
        .prepare(
          `INSERT INTO evidence (id, title, kind, source, original_name, sha256, imported_at, imported_by) VALUES (?, 't', 'other', ?, 'x', ?, 'now', 'me')`
        )
        .run(id, source, HASH)
    insert('EV-0003', 'unknown')
    expect(() => insert('EV-0004', 'somewhere')).toThrow(/CHECK constraint/)
    // References to the rebuilt table still hold: a child of a missing parent is refused.
    expect(() =>
      db
        .prepare(
          `INSERT INTO evidence (id, title, kind, source, original_name, sha256, imported_at, imported_by, parent_id) VALUES ('EV-0005', 't', 'other', 'unknown', 'x', ?, 'now', 'me', 'EV-0999')`
        )
        .run(HASH)
    ).toThrow(/FOREIGN KEY/)
    expect(() => db.prepare(`INSERT INTO evidence_controls VALUES ('EV-0999', 'LOG-03', 'now')`).run()).toThrow(
      /FOREIGN KEY/
    )
  })

  it('stores automated results only for requirements the register has', async () => {
    await version3()
    await upgrade()
    const insert = db.prepare(
      `INSERT INTO evidence_requirement_checks VALUES (?, ?, ?, ?, ?, 'Security Hub', '2025-05-30')`
    )
    insert.run('EV-0001', 'pci', '10.3.2', 40, 12)
    expect(() => insert.run('EV-0001', 'pci', '99.9', 1, 0)).toThrow(/FOREIGN KEY/)
    expect(() => insert.run('EV-0999', 'pci', '10.3.2', 1, 0)).toThrow(/FOREIGN KEY/)
    expect(() => db.prepare(`UPDATE evidence_requirement_checks SET failed = -1`).run()).toThrow(/CHECK constraint/)
  })
})
