import Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { canonicalJson } from '../../../shared/canonical-json'
import { registerMigration } from '../db/migrations/001-register'
import { changesDuring } from '../testing/event-loop-turns'
import { steppingClock, tempDir } from '../testing/temp-dir'
import { writeAuditJsonLines } from './audit-export'
import { AuditLog } from './audit-log'

describe('writing a period’s audit log as JSON Lines', () => {
  let db: Database.Database
  let audit: AuditLog
  let folder: { path: string; cleanup: () => void }

  /** Entries of about two kilobytes each, one a minute. */
  function append(count: number, note = 'x'.repeat(1000)): void {
    db.transaction(() => {
      for (let index = 0; index < count; index++) {
        audit.append({
          action: 'control.update',
          entityType: 'control',
          entityId: `IAM-${index}`,
          summary: `Updated IAM-${index}`,
          before: { note },
          after: { note: `${note}!` }
        })
      }
    })()
  }

  beforeEach(() => {
    folder = tempDir()
    db = new Database(join(folder.path, 'register.sqlite'))
    registerMigration.up(db)
    audit = new AuditLog(db, steppingClock('2026-11-28T09:00:00.000Z', 60_000), () => 'dana')
  })
  afterEach(() => {
    db.close()
    folder.cleanup()
  })

  function lines(path: string): Record<string, unknown>[] {
    return readFileSync(path, 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
  }

  it('writes the period’s entries oldest first, each line hashing to its own hash and chaining to the one before', async () => {
    append(1800)
    // 28 November from 09:00 one a minute: the period ending at midnight holds the first 900 entries.
    const path = join(folder.path, 'log.jsonl')
    const written = await writeAuditJsonLines(db, { from: '2026-11-28', to: '2026-11-29' }, path)
    const entries = lines(path)
    expect(written).toEqual({ entries: 900, lastSeq: 1800 })
    expect(entries.length).toBe(900)
    expect(entries.map((entry) => entry.seq)).toEqual(Array.from({ length: 900 }, (_, index) => index + 1))
    let previous = '0'.repeat(64)
    for (const { hash, ...content } of entries) {
      expect(content.prev_hash).toBe(previous)
      expect(createHash('sha256').update(canonicalJson(content)).digest('hex')).toBe(hash)
      previous = hash as string
    }
  })

  it('leaves the register free for changes while the file is written, and ends at the entry that was last when it began', async () => {
    append(3000)
    const path = join(folder.path, 'log.jsonl')
    // A change on every turn of the event loop, as an edit on another screen would arrive.
    const {
      value: written,
      changes,
      failure
    } = await changesDuring(
      () => writeAuditJsonLines(db, { from: '2026-01-01', to: '2027-12-31' }, path),
      () => append(1, 'made while the log was written')
    )
    expect(failure).toBeNull()
    expect(changes).toBeGreaterThan(0)
    expect(written).toEqual({ entries: 3000, lastSeq: 3000 })
    expect(lines(path).at(-1)!.seq).toBe(3000)
    expect(audit.verify().ok).toBe(true)
  })
})
