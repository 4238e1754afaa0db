import type { Migration } from './types'

/**
 * The organisation and the facts results are made of:
 * - frameworks are no longer limited to the built-in three (catalogs can be imported), and carry
 *   a short name and where they came from;
 * - HIPAA addressable decisions, and a reason for a control that does not apply;
 * - the organisation's people, its AWS accounts' environment and retirement, its organizational units;
 * - a pack's scope statement;
 * - ids from sequences, so a deleted record's id (and its history) is never given to a new one.
 */
export const organisationMigration: Migration = {
  version: 4,
  name: 'organisation-and-results',
  rebuildsTables: true,
  up(db) {
    db.exec(`
      CREATE TABLE frameworks_new (
        id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 2 AND 40),
        name TEXT NOT NULL,
        short_name TEXT NOT NULL DEFAULT '',
        version TEXT NOT NULL,
        publisher TEXT NOT NULL,
        notice TEXT,
        origin TEXT NOT NULL DEFAULT 'builtin' CHECK (origin IN ('builtin', 'oscal')),
        catalog_hash TEXT NOT NULL
      ) STRICT;
      INSERT INTO frameworks_new (id, name, short_name, version, publisher, notice, origin, catalog_hash)
        SELECT id, name, CASE id WHEN 'hipaa' THEN 'HIPAA' WHEN 'gdpr' THEN 'GDPR' WHEN 'pci' THEN 'PCI DSS' ELSE upper(id) END,
          version, publisher, notice, 'builtin', catalog_hash FROM frameworks;
      DROP TABLE frameworks;
      ALTER TABLE frameworks_new RENAME TO frameworks;

      -- HIPAA: the documented decision for an addressable implementation specification.
      CREATE TABLE requirement_decisions (
        requirement_id INTEGER PRIMARY KEY REFERENCES requirements(id),
        decision TEXT NOT NULL CHECK (decision IN ('implemented', 'alternative', 'not-reasonable')),
        rationale TEXT NOT NULL,
        decided_at TEXT NOT NULL,
        decided_by TEXT NOT NULL
      ) STRICT;

      ALTER TABLE controls ADD COLUMN not_applicable_reason TEXT NOT NULL DEFAULT '';
      -- Until now the reason a control does not apply could only be written in its notes.
      UPDATE controls SET not_applicable_reason = notes WHERE status = 'not-applicable' AND notes <> '';

      CREATE TABLE people (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        role TEXT NOT NULL DEFAULT '',
        email TEXT NOT NULL DEFAULT '',
        retired_at TEXT,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE organizational_units (
        name TEXT PRIMARY KEY COLLATE NOCASE,
        aws_id TEXT,
        purpose TEXT NOT NULL DEFAULT ''
      ) STRICT;
      INSERT OR IGNORE INTO organizational_units (name)
        SELECT DISTINCT organizational_unit FROM aws_accounts WHERE organizational_unit <> '';

      ALTER TABLE aws_accounts ADD COLUMN environment TEXT NOT NULL DEFAULT '';
      ALTER TABLE aws_accounts ADD COLUMN retired_at TEXT;

      ALTER TABLE packs ADD COLUMN scope_statement TEXT NOT NULL DEFAULT '';

      CREATE TABLE id_sequences (
        kind TEXT PRIMARY KEY,
        last INTEGER NOT NULL
      ) STRICT;
      INSERT INTO id_sequences (kind, last)
        SELECT 'evidence', coalesce(max(CAST(substr(id, 4) AS INTEGER)), 0) FROM evidence;
      -- Deleted packs' ids were handed out again; their history in the audit log stays theirs.
      INSERT INTO id_sequences (kind, last)
        SELECT 'pack', max(coalesce((SELECT max(CAST(substr(id, 4) AS INTEGER)) FROM packs), 0),
          coalesce((SELECT max(CAST(substr(entity_id, 4) AS INTEGER)) FROM audit_log WHERE entity_type = 'pack'), 0));

      CREATE INDEX evidence_by_effective_date ON evidence(effective_date) WHERE removed_at IS NULL;
      CREATE INDEX evidence_by_period ON evidence(period_end, period_start) WHERE removed_at IS NULL;
    `)
  }
}
