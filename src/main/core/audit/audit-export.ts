import type Database from 'better-sqlite3'
import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import { canonicalJson } from '../../../shared/canonical-json'

/** Entries read in one go. Between pages the connection is free for other calls. */
const PAGE_ROWS = 500

/**
 * Writes the audit-log entries of a period as JSON Lines, one entry a line with exactly the fields
 * its hash covers (and the hash), oldest first: anyone can recompute every entry's SHA-256 over
 * its canonical JSON without `hash` and follow the chain through `prev_hash`.
 *
 * Entries are read a page at a time rather than through one open cursor: a cursor held while the
 * file drains would keep the register's connection busy, and any change made meanwhile (an edit
 * on another screen) would fail. The log ends at the last entry there was when writing began,
 * whose sequence number is returned with the count.
 */
export async function writeAuditJsonLines(
  db: Database.Database,
  period: { from: string; to: string },
  path: string
): Promise<{ entries: number; lastSeq: number }> {
  const last = db.prepare(`SELECT coalesce(max(seq), 0) FROM audit_log`).pluck().get() as number
  const out = createWriteStream(path, { flags: 'wx', mode: 0o600 })
  let count = 0
  try {
    const page = db.prepare(
      `SELECT * FROM audit_log WHERE seq > @after AND seq <= @last AND at >= @from AND at < @to ORDER BY seq LIMIT ${PAGE_ROWS}`
    )
    for (let after = 0; ;) {
      const rows = page.all({ ...period, after, last }) as (Record<string, unknown> & { seq: number })[]
      for (const row of rows) {
        count++
        if (!out.write(`${canonicalJson(row)}\n`)) await once(out, 'drain')
      }
      if (rows.length < PAGE_ROWS) break
      after = rows[rows.length - 1]!.seq
    }
  } finally {
    out.end()
    await once(out, 'close')
  }
  return { entries: count, lastSeq: last }
}
