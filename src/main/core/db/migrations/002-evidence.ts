import type { Migration } from './types'

/** The evidence vault: stored files by content hash, evidence records, and their links to controls. */
export const evidenceMigration: Migration = {
  version: 2,
  name: 'evidence',
  up(db) {
    db.exec(`
      -- One row per distinct content in the vault (files are stored once, named by SHA-256).
      CREATE TABLE blobs (
        sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
        size INTEGER NOT NULL CHECK (size > 0),
        media_type TEXT NOT NULL,
        stored_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE evidence (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('artifact-report', 'agreement', 'policy', 'screenshot',
          'config-export', 'finding-export', 'other')),
        source TEXT NOT NULL CHECK (source IN ('aws-artifact', 'aws-service', 'internal', 'auditor')),
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
      CREATE INDEX evidence_by_sha256 ON evidence(sha256);
      CREATE INDEX evidence_by_parent ON evidence(parent_id);
      -- Lists and counts of active evidence by freshness read this index, not the table.
      CREATE INDEX evidence_active_by_review ON evidence(review_by) WHERE removed_at IS NULL;

      CREATE TABLE evidence_controls (
        evidence_id TEXT NOT NULL REFERENCES evidence(id),
        control_id TEXT NOT NULL REFERENCES controls(id) ON DELETE CASCADE,
        linked_at TEXT NOT NULL,
        PRIMARY KEY (evidence_id, control_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX evidence_controls_by_control ON evidence_controls(control_id, evidence_id);
    `)
  }
}
