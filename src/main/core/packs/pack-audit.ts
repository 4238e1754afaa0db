import type Database from 'better-sqlite3'
import type { FrameworkId } from '../../../shared/domain'
import type { PackAuditEntry } from './pack-content'

/**
 * The audit-log entries of a period that concern a pack: its controls, its frameworks' requirements
 * and catalogs, its evidence and the pack itself, oldest first; how many entries the period holds
 * in all; and the head of the register's chain.
 */
export function packAuditEntries(
  db: Database.Database,
  options: {
    from: string
    to: string
    controls: string[]
    evidence: string[]
    frameworks: FrameworkId[]
    packId: string | null
    limit: number
  }
): { entries: PackAuditEntry[]; periodEntries: number; head: { seq: number; hash: string } | null } {
  const params = {
    from: options.from,
    to: options.to,
    controls: JSON.stringify(options.controls),
    evidence: JSON.stringify(options.evidence),
    frameworks: JSON.stringify(options.frameworks),
    pack: options.packId,
    limit: options.limit
  }
  const entries = db
    .prepare(
      `SELECT seq, at, actor, action, entity_id AS entityId, summary, hash FROM audit_log
       WHERE at >= @from AND at < @to AND (
         (entity_type = 'control' AND entity_id IN (SELECT value FROM json_each(@controls)))
         OR (entity_type = 'evidence' AND entity_id IN (SELECT value FROM json_each(@evidence)))
         OR (entity_type = 'requirement'
           AND substr(entity_id, 1, instr(entity_id, ':') - 1) IN (SELECT value FROM json_each(@frameworks)))
         OR (entity_type = 'framework' AND entity_id IN (SELECT value FROM json_each(@frameworks)))
         OR (entity_type = 'pack' AND entity_id = @pack))
       ORDER BY seq LIMIT @limit`
    )
    .all(params) as PackAuditEntry[]
  const periodEntries = db
    .prepare(`SELECT count(*) FROM audit_log WHERE at >= @from AND at < @to`)
    .pluck()
    .get({ from: options.from, to: options.to }) as number
  const head = db.prepare(`SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1`).get() as
    { seq: number; hash: string } | undefined
  return { entries, periodEntries, head: head ?? null }
}
