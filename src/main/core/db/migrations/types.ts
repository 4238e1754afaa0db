import type { Database } from 'better-sqlite3'

/** One schema change. Applied inside the migration transaction; never edited once released. */
export interface Migration {
  version: number
  name: string
  /**
   * The migration rebuilds tables (the only way SQLite changes a CHECK constraint or a column's
   * type): foreign keys are switched off while it runs, and every reference is checked before
   * the transaction commits.
   */
  rebuildsTables?: boolean
  up(db: Database): void
}
