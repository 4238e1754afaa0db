import type { Migration } from './types'

/**
 * AWS exports as evidence: an `unknown` source (what the user did not say and the file does not
 * prove is never recorded as internal), and the automated results exports give per requirement.
 *
 * SQLite changes a CHECK constraint only by rebuilding the table: the evidence table is rebuilt by
 * the documented twelve steps (new table, copy, drop, rename, indexes), with foreign keys off
 * while it runs and every reference checked before the migration commits (rebuildsTables).
 */
export const awsExportsMigration: Migration = {
  version: 5,
  name: 'aws-exports',
  rebuildsTables: true,
  up(db) {
    db.exec(`
      CREATE TABLE evidence_rebuilt (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('artifact-report', 'agreement', 'policy', 'screenshot',
          'config-export', 'finding-export', 'other')),
        source TEXT NOT NULL CHECK (source IN ('aws-artifact', 'aws-service', 'internal', 'auditor', 'unknown')),
        source_detail TEXT NOT NULL DEFAULT '',
        original_name TEXT NOT NULL,
        sha256 TEXT NOT NULL REFERENCES blobs(sha256),
        imported_at TEXT NOT NULL,
        imported_by TEXT NOT NULL,
        effective_date TEXT,
        period_start TEXT,
        period_end TEXT,
        review_by TEXT,
        notes TEXT NOT NULL DEFAULT '',
        parent_id TEXT REFERENCES evidence(id),
        metadata TEXT NOT NULL DEFAULT '{}',
        removed_at TEXT,
        removed_by TEXT,
        version INTEGER NOT NULL DEFAULT 1,
        CHECK (period_start IS NULL OR period_end IS NULL OR period_start <= period_end)
      ) STRICT;
      INSERT INTO evidence_rebuilt (id, title, kind, source, source_detail, original_name, sha256, imported_at,
          imported_by, effective_date, period_start, period_end, review_by, notes, parent_id, metadata, removed_at,
          removed_by, version)
        SELECT id, title, kind, source, source_detail, original_name, sha256, imported_at, imported_by,
          effective_date, period_start, period_end, review_by, notes, parent_id, metadata, removed_at, removed_by,
          version
        FROM evidence ORDER BY rowid;
      DROP TABLE evidence;
      ALTER TABLE evidence_rebuilt RENAME TO evidence;
      CREATE INDEX evidence_by_sha256 ON evidence(sha256);
      CREATE INDEX evidence_by_parent ON evidence(parent_id);
      CREATE INDEX evidence_active_by_review ON evidence(review_by) WHERE removed_at IS NULL;
      CREATE INDEX evidence_by_effective_date ON evidence(effective_date) WHERE removed_at IS NULL;
      CREATE INDEX evidence_by_period ON evidence(period_end, period_start) WHERE removed_at IS NULL;

      -- Automated test results an export gave for one requirement of a framework in the register
      -- (a Security Hub control citing PCI DSS v4.0.1 10.3.2): passed and failed checks, by whom, when.
      CREATE TABLE evidence_requirement_checks (
        evidence_id TEXT NOT NULL REFERENCES evidence(id),
        framework_id TEXT NOT NULL,
        ref TEXT NOT NULL,
        passed INTEGER NOT NULL CHECK (passed >= 0),
        failed INTEGER NOT NULL CHECK (failed >= 0),
        source TEXT NOT NULL,
        checked_at TEXT,
        PRIMARY KEY (evidence_id, framework_id, ref),
        FOREIGN KEY (framework_id, ref) REFERENCES requirements(framework_id, ref)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX evidence_requirement_checks_by_requirement ON evidence_requirement_checks(framework_id, ref);
    `)
  }
}
