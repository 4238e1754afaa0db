import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { registerMigration } from './001-register'
import { evidenceMigration } from './002-evidence'

function migrated(): Database.Database {
  const db = new Database(':memory:')
  db.pragma('foreign_keys = ON')
  registerMigration.up(db)
  evidenceMigration.up(db)
  db.prepare(`INSERT INTO blobs VALUES (?, 10, 'application/pdf', 'now')`).run('a'.repeat(64))
  return db
}

const insert = (db: Database.Database, values: Record<string, unknown>): void => {
  db.prepare(
    `INSERT INTO evidence (id, title, kind, source, original_name, sha256, imported_at, imported_by, period_start, period_end)
     VALUES (@id, 'Report', @kind, 'internal', 'report.pdf', @sha256, 'now', 'me', @periodStart, @periodEnd)`
  ).run({ id: 'EV-0001', kind: 'policy', sha256: 'a'.repeat(64), periodStart: null, periodEnd: null, ...values })
}

describe('migration 2: the evidence vault', () => {
  it('creates the vault tables on top of the register', () => {
    const db = migrated()
    const tables = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table'`).pluck().all()
    expect(tables).toEqual(expect.arrayContaining(['blobs', 'evidence', 'evidence_controls']))
  })

  it('accepts a valid record and refuses unknown kinds, missing content and reversed periods', () => {
    const db = migrated()
    insert(db, {})
    expect(() => insert(db, { id: 'EV-0002', kind: 'memo' })).toThrow(/CHECK constraint/)
    expect(() => insert(db, { id: 'EV-0003', sha256: 'b'.repeat(64) })).toThrow(/FOREIGN KEY/)
    expect(() => insert(db, { id: 'EV-0004', periodStart: '2026-02-01', periodEnd: '2026-01-01' })).toThrow(
      /CHECK constraint/
    )
  })

  it('keeps links only to controls that exist', () => {
    const db = migrated()
    insert(db, {})
    expect(() => db.prepare(`INSERT INTO evidence_controls VALUES ('EV-0001', 'IAM-99', 'now')`).run()).toThrow(
      /FOREIGN KEY/
    )
  })
})
