import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { registerMigration } from './001-register'

function migrated(): Database.Database {
  const db = new Database(':memory:')
  db.pragma('foreign_keys = ON')
  registerMigration.up(db)
  return db
}

function addControl(db: Database.Database, id: string, values: Record<string, string> = {}): void {
  db.prepare(
    `INSERT INTO controls (id, title, statement, domain, status, responsibility, created_at, updated_at)
     VALUES (@id, @title, @statement, 'Identity', @status, @responsibility, 'now', 'now')`
  ).run({
    id,
    title: 'Least privilege roles',
    statement: 'Workloads assume IAM roles',
    status: 'planned',
    responsibility: 'customer',
    ...values
  })
}

describe('migration 1: the register', () => {
  it('creates the register tables', () => {
    const db = migrated()
    const tables = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`).pluck().all()
    expect(tables).toEqual(
      expect.arrayContaining([
        'audit_log',
        'aws_accounts',
        'control_requirements',
        'controls',
        'controls_fts',
        'frameworks',
        'meta',
        'requirement_scoping',
        'requirements'
      ])
    )
  })

  it('rejects statuses and responsibilities outside the vocabulary', () => {
    const db = migrated()
    expect(() => addControl(db, 'IAM-01', { status: 'done' })).toThrow(/CHECK constraint/)
    expect(() => addControl(db, 'IAM-02', { responsibility: 'vendor' })).toThrow(/CHECK constraint/)
  })

  it('keeps the full-text index in step with inserts, updates and deletes', () => {
    const db = migrated()
    addControl(db, 'IAM-01')
    const search = (text: string): unknown[] =>
      db
        .prepare(
          `SELECT c.id FROM controls_fts JOIN controls c ON c.rowid = controls_fts.rowid WHERE controls_fts MATCH ?`
        )
        .pluck()
        .all(text)
    expect(search('roles')).toEqual(['IAM-01'])
    db.prepare(`UPDATE controls SET statement = 'Guardrails by SCP' WHERE id = 'IAM-01'`).run()
    expect(search('roles')).toEqual(['IAM-01']) // still in the title
    expect(search('guardrails')).toEqual(['IAM-01'])
    expect(search('assume')).toEqual([])
    db.prepare(`DELETE FROM controls WHERE id = 'IAM-01'`).run()
    expect(search('roles')).toEqual([])
  })

  it('refuses a mapping to a requirement that does not exist', () => {
    const db = migrated()
    addControl(db, 'IAM-01')
    expect(() => db.prepare(`INSERT INTO control_requirements VALUES ('IAM-01', 999)`).run()).toThrow(/FOREIGN KEY/)
  })
})
