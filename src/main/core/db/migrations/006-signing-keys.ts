import type { Migration } from './types'

/**
 * The keys a register knows: those it has signed packs with ('own') and those its user marked as
 * trusted ('trusted', a preparer's key received by another channel). Verification consults them.
 * Keys of packs exported before are known by their fingerprint alone.
 */
export const signingKeysMigration: Migration = {
  version: 6,
  name: 'signing-keys',
  up(db) {
    db.exec(`
      CREATE TABLE signing_keys (
        fingerprint TEXT PRIMARY KEY CHECK (length(fingerprint) = 64),
        algorithm TEXT NOT NULL,
        public_key_pem TEXT,
        trust TEXT NOT NULL CHECK (trust IN ('own', 'trusted')),
        label TEXT NOT NULL DEFAULT '',
        added_at TEXT NOT NULL,
        added_by TEXT NOT NULL
      ) STRICT;

      INSERT OR IGNORE INTO signing_keys (fingerprint, algorithm, trust, label, added_at, added_by)
        SELECT key_fingerprint, 'Ed25519', 'own', 'signed packs exported before', min(exported_at), exported_by
        FROM pack_exports WHERE length(key_fingerprint) = 64 GROUP BY key_fingerprint;
    `)
  }
}
