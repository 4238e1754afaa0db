import type Database from 'better-sqlite3'
import type { FrameworkId } from '../../../shared/domain'
import type { AutomatedRequirementResult, ExportSummary } from '../../../shared/types'
import type { RequirementResult } from './exports/export-parser'

/**
 * The register's requirement a cited reference speaks for, or undefined. The register's PCI DSS
 * catalog is v4.0.1: only references to v4.0.1 (or v4.0, whose numbering v4.0.1 kept) are taken.
 * Security Hub's PCI DSS v3.2.1 standard cites "PCI DSS 3.4" or "PCI DSS v3.2.1/3.4"; v3.2.1 was
 * renumbered in v4.0, so such a reference is never matched to a v4.0.1 requirement by its number.
 */
export function registerRequirementOf(reference: string): { framework: FrameworkId; ref: string } | undefined {
  const pci = /^PCI DSS v4\.0(?:\.1)?\/([A-Z]?\d+(?:\.\d+)*)$/.exec(reference.trim())
  return pci ? { framework: 'pci', ref: pci[1]! } : undefined
}

/**
 * Stores an export's results per requirement of the register, in the import's transaction.
 * References the register has no requirement for are left out (they stay in the summary).
 */
export function recordRequirementChecks(
  db: Database.Database,
  evidenceId: string,
  results: RequirementResult[] | undefined,
  summary: ExportSummary | undefined
): number {
  if (!results?.length || !summary) return 0
  const exists = db.prepare(`SELECT 1 FROM requirements WHERE framework_id = ? AND ref = ?`).pluck()
  const merged = new Map<string, { framework: FrameworkId; ref: string; passed: number; failed: number }>()
  for (const result of results) {
    const requirement = registerRequirementOf(result.reference)
    if (!requirement || exists.get(requirement.framework, requirement.ref) === undefined) continue
    const key = `${requirement.framework}\u0000${requirement.ref}`
    const entry = merged.get(key) ?? { ...requirement, passed: 0, failed: 0 }
    // v4.0 and v4.0.1 references to one requirement are the same checks cited twice, not more checks.
    entry.passed = Math.max(entry.passed, result.passed)
    entry.failed = Math.max(entry.failed, result.failed)
    merged.set(key, entry)
  }
  const checkedAt = summary.dateRange?.to ?? summary.generatedAt?.slice(0, 10) ?? null
  const insert = db.prepare(
    `INSERT INTO evidence_requirement_checks (evidence_id, framework_id, ref, passed, failed, source, checked_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`
  )
  for (const entry of merged.values()) {
    insert.run(evidenceId, entry.framework, entry.ref, entry.passed, entry.failed, summary.service, checkedAt)
  }
  return merged.size
}

/**
 * Each requirement's automated results for a framework, from evidence still in the vault: the
 * tool, the day of its newest result, passed and failed checks, and the evidence they came from.
 * Newest first within a requirement.
 */
export function automatedResults(db: Database.Database, framework: FrameworkId): AutomatedRequirementResult[] {
  return db
    .prepare(
      `SELECT c.ref, c.evidence_id AS evidenceId, c.source, c.checked_at AS checkedAt, c.passed, c.failed
       FROM evidence_requirement_checks c JOIN evidence e ON e.id = c.evidence_id
       JOIN requirements r ON r.framework_id = c.framework_id AND r.ref = c.ref
       WHERE c.framework_id = ? AND e.removed_at IS NULL
       ORDER BY r.position, c.checked_at DESC, c.evidence_id DESC`
    )
    .all(framework) as AutomatedRequirementResult[]
}
