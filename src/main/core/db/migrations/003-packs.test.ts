import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { registerMigration } from './001-register'
import { evidenceMigration } from './002-evidence'
import { packsMigration } from './003-packs'

describe('migration 3: packs', () => {
  it('records the accounts that exports already in the vault cover', () => {
    const db = new Database(':memory:')
    db.pragma('foreign_keys = ON')
    registerMigration.up(db)
    evidenceMigration.up(db)
    db.prepare(`INSERT INTO blobs VALUES (?, 10, 'application/json', 'now')`).run('a'.repeat(64))
    const metadata = { exportSummary: { accounts: ['605183429774', '318204657913'], format: 'guardduty-findings' } }
    db.prepare(
      `INSERT INTO evidence (id, title, kind, source, original_name, sha256, imported_at, imported_by, metadata)
       VALUES ('EV-0001', 'Findings', 'finding-export', 'aws-service', 'f.json', ?, 'now', 'me', ?)`
    ).run('a'.repeat(64), JSON.stringify(metadata))
    db.prepare(
      `INSERT INTO evidence (id, title, kind, source, original_name, sha256, imported_at, imported_by)
       VALUES ('EV-0002', 'Policy', 'policy', 'internal', 'p.pdf', ?, 'now', 'me')`
    ).run('a'.repeat(64))

    packsMigration.up(db)
    expect(db.prepare(`SELECT evidence_id, account_id FROM evidence_accounts ORDER BY account_id`).all()).toEqual([
      { evidence_id: 'EV-0001', account_id: '318204657913' },
      { evidence_id: 'EV-0001', account_id: '605183429774' }
    ])
  })

  it('refuses a pack whose period ends before it starts', () => {
    const db = new Database(':memory:')
    registerMigration.up(db)
    evidenceMigration.up(db)
    packsMigration.up(db)
    expect(() =>
      db
        .prepare(
          `INSERT INTO packs (id, name, frameworks, scope, period_start, period_end, organisation, created_at, updated_at)
           VALUES ('PK-0001', 'x', '[]', '{}', '2026-12-31', '2026-01-01', 'Org', 'now', 'now')`
        )
        .run()
    ).toThrow(/CHECK constraint/)
  })
})
