import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { registerMigration } from './001-register'
import { evidenceMigration } from './002-evidence'
import { packsMigration } from './003-packs'
import { organisationMigration } from './004-organisation-and-results'
import { nextId } from '../id-sequence'

/** A register as version 3 left it: a catalog, a control that does not apply, an account, evidence and a deleted pack. */
function version3(): Database.Database {
  const db = new Database(':memory:')
  db.pragma('foreign_keys = ON')
  for (const migration of [registerMigration, evidenceMigration, packsMigration]) migration.up(db)
  db.exec(`
    INSERT INTO frameworks VALUES ('pci', 'PCI DSS', '4.0.1', 'PCI SSC', NULL, 'hash');
    INSERT INTO requirements (id, framework_id, ref, kind, title, assessable, position, depth)
      VALUES (1, 'pci', '9.4.3', 'defined', 'Media sent outside', 1, 0, 0);
    INSERT INTO controls (id, title, statement, domain, status, responsibility, notes, created_at, updated_at)
      VALUES ('DAT-08', 'Paper media', '', 'Data', 'not-applicable', 'customer', 'No card data on paper.', 'now', 'now'),
             ('IAM-03', 'Roles', '', 'Identity', 'planned', 'customer', 'Working notes.', 'now', 'now');
    INSERT INTO control_requirements VALUES ('DAT-08', 1);
    INSERT INTO aws_accounts VALUES ('605183429774', 'Production', 'Workloads/Production', 'Card payments');
    INSERT INTO blobs VALUES ('${'a'.repeat(64)}', 10, 'application/pdf', 'now');
    INSERT INTO evidence (id, title, kind, source, original_name, sha256, imported_at, imported_by)
      VALUES ('EV-0007', 'Policy', 'policy', 'internal', 'p.pdf', '${'a'.repeat(64)}', 'now', 'me');
    INSERT INTO packs (id, name, frameworks, scope, period_start, period_end, organisation, created_at, updated_at)
      VALUES ('PK-0001', 'Kept', '["pci"]', '{"accounts":[],"organizationalUnits":[]}', '2026-01-01', '2026-12-31', 'Org', 'now', 'now');
    INSERT INTO audit_log (seq, at, actor, action, entity_type, entity_id, summary, prev_hash, hash)
      VALUES (1, 'now', 'me', 'pack.delete', 'pack', 'PK-0002', 'Deleted pack PK-0002', 'x', 'y');
  `)
  db.pragma('user_version = 3')
  return db
}

/** As migrate() applies a migration that rebuilds tables: foreign keys off, then checked. */
function migrated(): Database.Database {
  const db = version3()
  db.pragma('foreign_keys = OFF')
  db.transaction(() => organisationMigration.up(db))()
  db.pragma('foreign_keys = ON')
  return db
}

describe('migration 4: the organisation and the facts results are made of', () => {
  it('lets frameworks be other than the built-in three, keeping the catalog and its mappings', () => {
    const db = migrated()
    expect(organisationMigration.rebuildsTables).toBe(true)
    expect(db.pragma('foreign_key_check')).toEqual([])
    expect(db.prepare(`SELECT id, short_name, origin FROM frameworks`).all()).toEqual([
      { id: 'pci', short_name: 'PCI DSS', origin: 'builtin' }
    ])
    db.prepare(
      `INSERT INTO frameworks (id, name, short_name, version, publisher, origin, catalog_hash)
       VALUES ('nist-800-53', 'NIST SP 800-53', '800-53', '5.1.1', 'NIST', 'oscal', 'h')`
    ).run()
    expect(() =>
      db
        .prepare(
          `INSERT INTO requirements (framework_id, ref, kind, title, assessable, position, depth) VALUES ('sox', 'x', 'defined', 't', 1, 0, 0)`
        )
        .run()
    ).toThrow(/FOREIGN KEY/)
    expect(db.prepare(`SELECT count(*) FROM control_requirements`).pluck().get()).toBe(1)
  })

  it('takes the reason a control does not apply from its notes, and leaves others without one', () => {
    const db = migrated()
    expect(db.prepare(`SELECT id, not_applicable_reason, notes FROM controls ORDER BY id`).all()).toEqual([
      { id: 'DAT-08', not_applicable_reason: 'No card data on paper.', notes: 'No card data on paper.' },
      { id: 'IAM-03', not_applicable_reason: '', notes: 'Working notes.' }
    ])
  })

  it('starts id sequences past every id ever given, a deleted pack’s included', () => {
    const db = migrated()
    expect(nextId(db, 'evidence', 'EV')).toBe('EV-0008')
    expect(nextId(db, 'pack', 'PK')).toBe('PK-0003')
    expect(nextId(db, 'pack', 'PK')).toBe('PK-0004')
  })

  it('records the organizational units the accounts already name, and gives accounts an environment', () => {
    const db = migrated()
    expect(db.prepare(`SELECT name FROM organizational_units`).pluck().all()).toEqual(['Workloads/Production'])
    expect(db.prepare(`SELECT environment, retired_at FROM aws_accounts`).get()).toEqual({
      environment: '',
      retired_at: null
    })
    expect(() => db.prepare(`INSERT INTO people (name, created_at) VALUES ('ana ruiz', 'now')`).run()).not.toThrow()
    expect(() => db.prepare(`INSERT INTO people (name, created_at) VALUES ('Ana Ruiz', 'now')`).run()).toThrow(/UNIQUE/)
  })
})
