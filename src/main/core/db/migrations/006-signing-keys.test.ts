import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { registerMigration } from './001-register'
import { evidenceMigration } from './002-evidence'
import { packsMigration } from './003-packs'
import { signingKeysMigration } from './006-signing-keys'

describe('migration 6: signing keys', () => {
  it('knows the keys of packs exported before as the register’s own, by fingerprint', () => {
    const db = new Database(':memory:')
    for (const migration of [registerMigration, evidenceMigration, packsMigration]) migration.up(db)
    const insert = db.prepare(
      `INSERT INTO pack_exports (pack_name, exported_at, exported_by, pages, evidence_count, key_fingerprint)
       VALUES ('Pack', ?, 'maya', 10, 2, ?)`
    )
    insert.run('2026-03-01T00:00:00Z', 'a'.repeat(64))
    insert.run('2026-02-01T00:00:00Z', 'a'.repeat(64))
    insert.run('2026-04-01T00:00:00Z', 'b'.repeat(64))
    signingKeysMigration.up(db)
    expect(
      db.prepare(`SELECT fingerprint, algorithm, public_key_pem, trust, added_at FROM signing_keys`).all()
    ).toEqual([
      {
        fingerprint: 'a'.repeat(64),
        algorithm: 'Ed25519',
        public_key_pem: null,
        trust: 'own',
        added_at: '2026-02-01T00:00:00Z'
      },
      {
        fingerprint: 'b'.repeat(64),
        algorithm: 'Ed25519',
        public_key_pem: null,
        trust: 'own',
        added_at: '2026-04-01T00:00:00Z'
      }
    ])
  })

  it('refuses a trust that is neither own nor trusted', () => {
    const db = new Database(':memory:')
    for (const migration of [registerMigration, evidenceMigration, packsMigration, signingKeysMigration])
      migration.up(db)
    expect(() =>
      db
        .prepare(
          `INSERT INTO signing_keys (fingerprint, algorithm, trust, added_at, added_by) VALUES (?, 'Ed25519', 'maybe', 'now', 'me')`
        )
        .run('c'.repeat(64))
    ).toThrow(/CHECK constraint/)
  })
})
