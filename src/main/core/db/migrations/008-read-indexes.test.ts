import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { MIGRATIONS } from '.'
import { readIndexesMigration } from './008-read-indexes'

const plan = (db: Database.Database, sql: string): string =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((row) => row.detail).join('\n')

describe('migration 8: read indexes', () => {
  const db = new Database(':memory:')
  for (const migration of MIGRATIONS) migration.up(db)

  it('is registered, and running it again changes nothing', () => {
    expect(MIGRATIONS).toContain(readIndexesMigration)
    const before = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name`).pluck().all()
    readIndexesMigration.up(db)
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name`).pluck().all()).toEqual(
      before
    )
  })

  it('joins evidence to controls from the index alone, and finds evidence by account', () => {
    expect(
      plan(
        db,
        `SELECT ec.control_id, max(e.review_by) FROM evidence_controls ec JOIN evidence e ON e.id = ec.evidence_id
         WHERE e.removed_at IS NULL GROUP BY ec.control_id`
      )
    ).toContain('USING COVERING INDEX evidence_dates_by_id')
    expect(plan(db, `SELECT evidence_id FROM evidence_accounts WHERE account_id = '123456789012'`)).toContain(
      'evidence_accounts_by_account'
    )
  })
})
