import type Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { canonicalJson } from '../../../shared/canonical-json'
import type { AuditEntry, AuditQuery, AuditVerification } from '../../../shared/types'

const GENESIS_HASH = '0'.repeat(64)
const HEAD_KEY = 'audit.head'

export interface AuditChange {
  action: string
  entityType: string
  entityId: string
  summary: string
  before?: unknown
  after?: unknown
}

interface AuditRow {
  seq: number
  at: string
  actor: string
  action: string
  entity_type: string
  entity_id: string
  summary: string
  before: string | null
  after: string | null
  prev_hash: string
  hash: string
}

/** The hash of one entry: its stored content and the hash of the entry before it. */
function entryHash(row: Omit<AuditRow, 'hash'>): string {
  return createHash('sha256').update(canonicalJson(row)).digest('hex')
}

/**
 * The register's change history. Entries are only ever appended, each inside the transaction
 * of the change it records, and each carries the SHA-256 of its content and of its predecessor,
 * so an edited, removed or reordered entry breaks the chain. The newest entry's hash is also
 * kept in `meta`, so removing entries from the end is detected too.
 */
export class AuditLog {
  private readonly insert: Database.Statement
  private readonly lastEntry: Database.Statement
  private readonly setHead: Database.Statement

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date,
    private readonly actor: () => string
  ) {
    this.insert = db.prepare(
      `INSERT INTO audit_log (seq, at, actor, action, entity_type, entity_id, summary, before, after, prev_hash, hash)
       VALUES (@seq, @at, @actor, @action, @entity_type, @entity_id, @summary, @before, @after, @prev_hash, @hash)`
    )
    this.lastEntry = db.prepare(`SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1`)
    this.setHead = db.prepare(
      `INSERT INTO meta (key, value) VALUES ('${HEAD_KEY}', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`
    )
  }

  /** Appends one entry. Call it inside the transaction that makes the change. */
  append(change: AuditChange): AuditEntry {
    const last = this.lastEntry.get() as { seq: number; hash: string } | undefined
    const content: Omit<AuditRow, 'hash'> = {
      seq: (last?.seq ?? 0) + 1,
      at: this.now().toISOString(),
      actor: this.actor(),
      action: change.action,
      entity_type: change.entityType,
      entity_id: change.entityId,
      summary: change.summary,
      before: change.before === undefined ? null : canonicalJson(change.before),
      after: change.after === undefined ? null : canonicalJson(change.after),
      prev_hash: last?.hash ?? GENESIS_HASH
    }
    const row: AuditRow = { ...content, hash: entryHash(content) }
    this.insert.run(row)
    this.setHead.run(`${row.seq}:${row.hash}`)
    return toEntry(row)
  }

  list(query: AuditQuery = {}): AuditEntry[] {
    const where: string[] = []
    const params: Record<string, unknown> = { limit: query.limit ?? 500 }
    if (query.entityType) {
      where.push('entity_type = @entityType')
      params.entityType = query.entityType
    }
    if (query.entityId) {
      where.push('entity_id = @entityId')
      params.entityId = query.entityId
    }
    if (query.actor) {
      where.push('actor = @actor')
      params.actor = query.actor
    }
    if (query.beforeSeq) {
      where.push('seq < @beforeSeq')
      params.beforeSeq = query.beforeSeq
    }
    if (query.from) {
      where.push('at >= @from')
      params.from = query.from
    }
    if (query.to) {
      where.push('at < @to')
      params.to = query.to
    }
    const sql = `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
                 ORDER BY seq ${query.order === 'asc' ? 'ASC' : 'DESC'} LIMIT @limit`
    return (this.db.prepare(sql).all(params) as AuditRow[]).map(toEntry)
  }

  actors(): string[] {
    return (this.db.prepare(`SELECT DISTINCT actor FROM audit_log ORDER BY actor`).all() as { actor: string }[]).map(
      (row) => row.actor
    )
  }

  count(): number {
    return (this.db.prepare(`SELECT count(*) AS n FROM audit_log`).get() as { n: number }).n
  }

  /** Walks the whole chain and names the first entry that does not hold. */
  verify(): AuditVerification {
    let expectedPrev = GENESIS_HASH
    let expectedSeq = 1
    let entries = 0
    let lastHead: string | undefined
    for (const row of this.db.prepare(`SELECT * FROM audit_log ORDER BY seq`).iterate() as Iterable<AuditRow>) {
      entries++
      if (row.seq !== expectedSeq) {
        return broken(entries - 1, expectedSeq, `entry ${expectedSeq} is missing (the next entry is ${row.seq})`)
      }
      if (row.prev_hash !== expectedPrev) {
        return broken(entries - 1, row.seq, `entry ${row.seq} does not follow the entry before it`)
      }
      const { hash, ...content } = row
      if (entryHash(content) !== hash) {
        return broken(entries - 1, row.seq, `entry ${row.seq} was altered after it was written`)
      }
      expectedPrev = hash
      expectedSeq = row.seq + 1
      lastHead = `${row.seq}:${hash}`
    }
    const head = this.db.prepare(`SELECT value FROM meta WHERE key = ?`).get(HEAD_KEY) as { value: string } | undefined
    if ((head?.value ?? undefined) !== lastHead) {
      const headSeq = Number(head?.value.split(':')[0] ?? 0)
      return broken(
        entries,
        headSeq > entries ? entries + 1 : Math.max(entries, 1),
        headSeq > entries
          ? `entries after ${entries} were removed (the log recorded ${headSeq})`
          : `the newest entry does not match the recorded head of the log`
      )
    }
    return { ok: true, entries }
  }
}

function broken(verified: number, seq: number, reason: string): AuditVerification {
  return { ok: false, entries: verified, firstBroken: { seq, reason } }
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    summary: row.summary,
    before: row.before === null ? null : (JSON.parse(row.before) as unknown),
    after: row.after === null ? null : (JSON.parse(row.after) as unknown),
    prevHash: row.prev_hash,
    hash: row.hash
  }
}
