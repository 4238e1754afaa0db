import type { Migration } from './types'

/**
 * Auditors' request lists (PBC lists), one per pack: each request as the auditor numbered it, what
 * it cites and asks, its status, who answers it, by when, the response note, and the controls,
 * requirements and evidence linked to it.
 */
export const requestListsMigration: Migration = {
  version: 7,
  name: 'request-lists',
  up(db) {
    db.exec(`
      CREATE TABLE requests (
        pack_id TEXT NOT NULL REFERENCES packs(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        position INTEGER NOT NULL,
        reference TEXT NOT NULL DEFAULT '',
        details TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'open'
          CHECK (status IN ('open', 'in-progress', 'provided', 'accepted', 'follow-up')),
        assignee TEXT NOT NULL DEFAULT '',
        due_date TEXT,
        note TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1,
        PRIMARY KEY (pack_id, id)
      ) STRICT;

      CREATE TABLE request_links (
        pack_id TEXT NOT NULL,
        request_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('control', 'requirement', 'evidence')),
        target TEXT NOT NULL,
        -- 1: linked from the reference the request cites; 0: linked by a person.
        suggested INTEGER NOT NULL CHECK (suggested IN (0, 1)),
        PRIMARY KEY (pack_id, request_id, kind, target),
        FOREIGN KEY (pack_id, request_id) REFERENCES requests(pack_id, id) ON DELETE CASCADE
      ) STRICT;
    `)
  }
}
