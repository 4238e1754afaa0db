import type Database from 'better-sqlite3'
import type { FrameworkId } from '../../../shared/domain'
import type { Stepwise } from '../util/time-slices'
import type { PackAuditEntry } from './pack-content'

/** Entries read in one step: a step reads at most this many, whatever the log's size. */
const WINDOW_ENTRIES = 2000

export interface PackAudit {
  entries: PackAuditEntry[]
  periodEntries: number
  head: { seq: number; hash: string } | null
}

export interface PackAuditOptions {
  from: string
  to: string
  controls: string[]
  evidence: string[]
  frameworks: FrameworkId[]
  packId: string | null
  limit: number
  /** The last entry to take (the last one in the attached log); the newest entry when not given. */
  upTo?: number
}

/**
 * The audit-log entries of a period that concern a pack: its controls, its frameworks' requirements
 * and catalogs, its evidence and the pack itself, oldest first; how many entries the period holds
 * in all; and the head of the register's chain. Everything is counted up to the same entry, so
 * the appendix, its count and the head agree with the log attached beside them.
 */
export function* packAuditEntrySteps(db: Database.Database, options: PackAuditOptions): Stepwise<PackAudit> {
  const last = options.upTo ?? (db.prepare(`SELECT coalesce(max(seq), 0) FROM audit_log`).pluck().get() as number)
  const controls = new Set(options.controls)
  const evidence = new Set(options.evidence)
  const frameworks = new Set<string>(options.frameworks)
  const concerns = (type: string, id: string): boolean => {
    switch (type) {
      case 'control':
        return controls.has(id)
      case 'evidence':
        return evidence.has(id)
      case 'requirement': {
        // "pci:1.2.1": the framework before the first colon.
        const colon = id.indexOf(':')
        return colon > 0 && frameworks.has(id.slice(0, colon))
      }
      case 'framework':
        return frameworks.has(id)
      case 'pack':
        return id === options.packId
      default:
        return false
    }
  }
  // A window of the chain by sequence number: each step reads a bounded stretch of it.
  const window = db.prepare(
    `SELECT seq, at, actor, action, entity_type AS entityType, entity_id AS entityId, summary, hash FROM audit_log
     WHERE seq > @after AND seq <= @until AND at >= @from AND at < @to ORDER BY seq`
  )
  const entries: PackAuditEntry[] = []
  let periodEntries = 0
  for (let after = 0; after < last; after += WINDOW_ENTRIES) {
    const rows = window.all({
      after,
      until: Math.min(after + WINDOW_ENTRIES, last),
      from: options.from,
      to: options.to
    }) as (PackAuditEntry & { entityType: string })[]
    periodEntries += rows.length
    for (const { entityType, ...entry } of rows) {
      if (entries.length < options.limit && concerns(entityType, entry.entityId)) entries.push(entry)
    }
    yield
  }
  const head = db.prepare(`SELECT seq, hash FROM audit_log WHERE seq = ?`).get(last) as
    { seq: number; hash: string } | undefined
  return { entries, periodEntries, head: head ?? null }
}
