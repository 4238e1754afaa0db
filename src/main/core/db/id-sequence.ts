import type Database from 'better-sqlite3'

/**
 * The next number of a kind of record (evidence, packs, …), from a sequence that only goes up:
 * an id is never given out twice, so a deleted record's history never attaches to a new one.
 * Call it inside the transaction that inserts the record.
 */
export function nextSequence(db: Database.Database, kind: string): number {
  const row = db
    .prepare(
      `INSERT INTO id_sequences (kind, last) VALUES (?, 1)
       ON CONFLICT(kind) DO UPDATE SET last = last + 1 RETURNING last`
    )
    .get(kind) as { last: number }
  return row.last
}

/** An id such as EV-0012 or PK-0003: a prefix and the next number of its sequence, four digits at least. */
export function nextId(db: Database.Database, kind: string, prefix: string): string {
  return `${prefix}-${String(nextSequence(db, kind)).padStart(4, '0')}`
}
