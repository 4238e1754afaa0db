import type { Migration } from './types'

/**
 * The auditor's own columns of a request list, kept as imported: the headings of the list (one
 * row per pack) and each request's cells, so the responses go back in the auditor's layout with
 * the status, response and evidence added beside them.
 */
export const requestListColumnsMigration: Migration = {
  version: 9,
  name: 'request-list-columns',
  up(db) {
    db.exec(`
      CREATE TABLE request_lists (
        pack_id TEXT PRIMARY KEY REFERENCES packs(id) ON DELETE CASCADE,
        -- JSON array of the list's headings, in the file's order.
        headings TEXT NOT NULL DEFAULT '[]',
        file_name TEXT NOT NULL DEFAULT '',
        imported_at TEXT NOT NULL
      ) STRICT;
      -- JSON array of the request's cells, in the order of its list's headings.
      ALTER TABLE requests ADD COLUMN cells TEXT NOT NULL DEFAULT '[]';
    `)
  }
}
