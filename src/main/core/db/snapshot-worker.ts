import Database from 'better-sqlite3'
import { packEvidenceFacts, type PackEvidenceFacts, type PackEvidenceQuery } from '../compliance/assessment-queries'
import { encodeSnapshot, readSnapshot, type EncodedSnapshot, type SnapshotPlan } from './read-snapshot'

/** The worker's read-only connection, kept open between rebuilds of the same register. */
let open: { path: string; db: Database.Database } | undefined

function connection(path: string): Database.Database {
  if (open?.path !== path) {
    open?.db.close()
    const db = new Database(path, { readonly: true, fileMustExist: true })
    db.pragma('busy_timeout = 5000')
    open = { path, db }
  }
  return open.db
}

/** Runs in the task worker: a plan's whole-register reads from the register's database file. */
export function readSnapshotOf(path: string, plan: SnapshotPlan): EncodedSnapshot {
  return encodeSnapshot(readSnapshot(connection(path), plan))
}

/** Runs in the task worker: a pack's evidence facts for its readiness. */
export function readPackEvidenceOf(path: string, query: PackEvidenceQuery): PackEvidenceFacts {
  return packEvidenceFacts(connection(path), query)
}
