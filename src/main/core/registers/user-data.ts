import type Database from 'better-sqlite3'

/** What loading the catalogs and the starter library writes into a new register's audit log. */
const STARTER_ACTIONS = ['catalog.load', 'control.create', 'requirement.scope']

/**
 * Whether a register holds anything of its user's: any change beyond the catalogs and the starter
 * library it was created with. Read from the audit log, which records every change; the starter
 * library's entries are its control.create entries and the not-applicable statements written right
 * after them.
 */
export function holdsUserData(db: Database.Database, starterNotApplicable: number): boolean {
  const placeholders = STARTER_ACTIONS.map(() => '?').join(', ')
  const other = db
    .prepare(`SELECT 1 FROM audit_log WHERE action NOT IN (${placeholders}) LIMIT 1`)
    .get(...STARTER_ACTIONS)
  if (other) return true
  const ownControls = db
    .prepare(
      `SELECT 1 FROM audit_log WHERE action = 'control.create' AND summary NOT LIKE '% from the starter library' LIMIT 1`
    )
    .get()
  if (ownControls) return true
  const libraryEnd = db.prepare(`SELECT max(seq) FROM audit_log WHERE action = 'control.create'`).pluck().get() as
    number | null
  const scopings = db
    .prepare(`SELECT count(*) FROM audit_log WHERE action = 'requirement.scope' AND seq > ?`)
    .pluck()
    .get(libraryEnd ?? 0) as number
  return scopings > starterNotApplicable
}
