import type Database from 'better-sqlite3'

const RETRIES = 5
const pause = new Int32Array(new SharedArrayBuffer(4))

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown }).code
  return code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT' || code === 'SQLITE_LOCKED'
}

/**
 * Runs `work` as one write transaction. It begins IMMEDIATE, taking the write lock at once: a
 * second process writing at the same time then waits for it (the connection's busy timeout)
 * instead of failing when its read lock cannot be upgraded, as a deferred transaction would.
 * A transaction still refused as busy is tried again a few times. Called inside another
 * transaction, it becomes a savepoint of that one.
 */
export function writeTransaction<T>(db: Database.Database, work: () => T): T {
  const transaction = db.transaction(work)
  if (db.inTransaction) return transaction()
  for (let attempt = 0; ; attempt++) {
    try {
      return transaction.immediate()
    } catch (error) {
      if (!isBusy(error) || attempt >= RETRIES) throw error
      Atomics.wait(pause, 0, 0, 20 * (attempt + 1))
    }
  }
}
