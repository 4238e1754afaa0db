import type { Migration } from './types'

/**
 * Evidence packs: saved definitions (frameworks, scope, period, people, control choices), the
 * exports made from them, and the AWS accounts each evidence item speaks for (scope filters on it).
 */
export const packsMigration: Migration = {
  version: 3,
  name: 'packs',
  up(db) {
    db.exec(`
      -- The AWS accounts an evidence item covers; none means it speaks for the whole organisation.
      CREATE TABLE evidence_accounts (
        evidence_id TEXT NOT NULL REFERENCES evidence(id),
        account_id TEXT NOT NULL CHECK (length(account_id) = 12),
        PRIMARY KEY (evidence_id, account_id)
      ) STRICT, WITHOUT ROWID;

      -- Exports already in the vault name their accounts in their summary.
      INSERT OR IGNORE INTO evidence_accounts (evidence_id, account_id)
        SELECT e.id, account.value
        FROM evidence e, json_each(e.metadata, '$.exportSummary.accounts') AS account
        WHERE typeof(account.value) = 'text' AND length(account.value) = 12;

      CREATE TABLE packs (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        frameworks TEXT NOT NULL,
        scope TEXT NOT NULL,
        period_start TEXT NOT NULL,
        period_end TEXT NOT NULL,
        organisation TEXT NOT NULL,
        auditor TEXT NOT NULL DEFAULT '',
        preparer TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1,
        CHECK (period_start <= period_end)
      ) STRICT;

      -- Controls taken out of a pack, or added to it, with the reason the auditor reads.
      CREATE TABLE pack_controls (
        pack_id TEXT NOT NULL REFERENCES packs(id) ON DELETE CASCADE,
        control_id TEXT NOT NULL REFERENCES controls(id) ON DELETE CASCADE,
        included INTEGER NOT NULL CHECK (included IN (0, 1)),
        reason TEXT NOT NULL,
        PRIMARY KEY (pack_id, control_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE pack_exports (
        id INTEGER PRIMARY KEY,
        pack_id TEXT REFERENCES packs(id) ON DELETE SET NULL,
        pack_name TEXT NOT NULL,
        exported_at TEXT NOT NULL,
        exported_by TEXT NOT NULL,
        pdf_path TEXT,
        zip_path TEXT,
        pdf_sha256 TEXT,
        zip_sha256 TEXT,
        pages INTEGER NOT NULL,
        evidence_count INTEGER NOT NULL,
        key_fingerprint TEXT NOT NULL
      ) STRICT;
      CREATE INDEX pack_exports_by_pack ON pack_exports(pack_id, id);
    `)
  }
}
