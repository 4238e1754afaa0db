import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { MIGRATIONS } from '.'
import { requestListColumnsMigration } from './009-request-list-columns'

describe('migration 9: request list columns', () => {
  it('keeps requests imported before it, with no cells, and a list layout per pack', () => {
    const db = new Database(':memory:')
    db.pragma('foreign_keys = ON')
    for (const migration of MIGRATIONS.filter((item) => item.version < 9)) migration.up(db)
    db.exec(`INSERT INTO packs (id, name, frameworks, scope, period_start, period_end, organisation, auditor, preparer,
      created_at, updated_at) VALUES ('PK-0001', 'P', '[]', '{}', '2026-01-01', '2026-12-31', 'O', 'A', 'B', 'now', 'now')`)
    db.exec(
      `INSERT INTO requests (pack_id, id, position, created_at, updated_at) VALUES ('PK-0001', 'R1', 0, 'now', 'now')`
    )
    requestListColumnsMigration.up(db)
    expect(MIGRATIONS).toContain(requestListColumnsMigration)
    expect(db.prepare(`SELECT cells FROM requests`).pluck().get()).toBe('[]')
    db.prepare(`INSERT INTO request_lists (pack_id, headings, imported_at) VALUES ('PK-0001', '["No."]', 'now')`).run()
    db.exec(`DELETE FROM packs`)
    expect(db.prepare(`SELECT count(*) FROM request_lists`).pluck().get()).toBe(0)
  })
})
