import type Database from 'better-sqlite3'
import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import { canonicalJson } from '../../../shared/canonical-json'

/**
 * Writes the audit-log entries of a period as JSON Lines, one entry a line with exactly the fields
 * its hash covers (and the hash), oldest first: anyone can recompute every entry's SHA-256 over
 * its canonical JSON without `hash` and follow the chain through `prev_hash`. Rows are streamed.
 */
export async function writeAuditJsonLines(
  db: Database.Database,
  period: { from: string; to: string },
  path: string
): Promise<number> {
  const out = createWriteStream(path, { flags: 'wx', mode: 0o600 })
  let count = 0
  try {
    const rows = db
      .prepare(`SELECT * FROM audit_log WHERE at >= @from AND at < @to ORDER BY seq`)
      .iterate(period) as Iterable<Record<string, unknown>>
    for (const row of rows) {
      count++
      if (!out.write(`${canonicalJson(row)}\n`)) await once(out, 'drain')
    }
  } finally {
    out.end()
    await once(out, 'close')
  }
  return count
}
