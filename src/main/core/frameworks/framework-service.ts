import type Database from 'better-sqlite3'
import { ADDRESSABLE_DECISION_LABELS, type AddressableDecision } from '../../../shared/compliance/results'
import type { AuditPeriod } from '../../../shared/compliance/period'
import { BUILTIN_SHORT_NAMES, isBuiltinFramework, type FrameworkId } from '../../../shared/domain'
import type { ControlPage, FrameworkName, FrameworkSummary, PackScope, RequirementNode } from '../../../shared/types'
import type { AuditLog } from '../audit/audit-log'
import type { ComplianceService } from '../compliance/compliance-service'
import { writeTransaction } from '../db/write-transaction'
import { AppError, notFound } from '../errors'

/** A framework as a sentence names it: its short name (HIPAA, PCI DSS), or its id when it has none. */
export function frameworkLabel(db: Database.Database, framework: FrameworkId): string {
  if (isBuiltinFramework(framework)) return BUILTIN_SHORT_NAMES[framework]
  const name = db.prepare(`SELECT short_name FROM frameworks WHERE id = ?`).pluck().get(framework) as string | undefined
  return name || framework.toUpperCase()
}

/**
 * Framework catalogs as requirement trees, each requirement with its controls and its result
 * from the one result rule; scoping (not applicable, with a reason) and HIPAA addressable decisions.
 */
export class FrameworkService {
  constructor(
    private readonly db: Database.Database,
    private readonly audit: AuditLog,
    private readonly now: () => Date,
    private readonly actor: () => string,
    private readonly compliance: ComplianceService
  ) {}

  /** Every framework with its results for the register's audit period. */
  list(): FrameworkSummary[] {
    const assessment = this.compliance.assess()
    return assessment.options.frameworks.map((framework) => assessment.summary(framework))
  }

  get(framework: FrameworkId): FrameworkSummary {
    this.assertKnown(framework)
    return this.compliance.assess({ frameworks: [framework] }).summary(framework)
  }

  /** Every node of the framework's tree in catalog order, with results for the period and scope (the register's by default). */
  tree(
    framework: FrameworkId,
    options: { period?: AuditPeriod; scope?: PackScope; controlsPerNode?: number } = {}
  ): RequirementNode[] {
    this.assertKnown(framework)
    const { controlsPerNode, ...request } = options
    const assessment = this.compliance.assess({ frameworks: [framework], ...request })
    const nodes = assessment.tree(framework)
    if (controlsPerNode === undefined) return nodes
    // Sized to the screen: the first few controls of each node and how many there are in all.
    return assessment.derived(`tree:${framework}:${controlsPerNode}`, () =>
      nodes.map((node) =>
        node.controls.length <= controlsPerNode
          ? { ...node, controlCount: node.controls.length }
          : { ...node, controls: node.controls.slice(0, controlsPerNode), controlCount: node.controls.length }
      )
    )
  }

  /** A page of the controls mapped to a requirement (in id order), as the tree judges them. */
  controls(framework: FrameworkId, ref: string, offset = 0, limit = 100): ControlPage {
    const node = this.node(framework, ref)
    return { items: node.controls.slice(offset, offset + limit), total: node.controls.length }
  }

  isKnown(framework: string): boolean {
    return this.db.prepare(`SELECT 1 FROM frameworks WHERE id = ?`).get(framework) !== undefined
  }

  label(framework: FrameworkId): string {
    return frameworkLabel(this.db, framework)
  }

  /** Every framework's names, in the register's order (built-in three first), without assessing any. */
  names(): FrameworkName[] {
    const rows = this.db
      .prepare(`SELECT id, name, short_name AS shortName, version, origin FROM frameworks`)
      .all() as FrameworkName[]
    const order = this.compliance.frameworkIds()
    return order
      .map((id) => rows.find((row) => row.id === id)!)
      .map((row) => ({
        ...row,
        shortName: row.shortName || row.id.toUpperCase()
      }))
  }

  /** The framework's full name (HIPAA Security Rule), without assessing it. */
  nameOf(framework: FrameworkId): string {
    this.assertKnown(framework)
    return this.db.prepare(`SELECT name FROM frameworks WHERE id = ?`).pluck().get(framework) as string
  }

  /** Marks a requirement as not applicable (with the reason) or as applicable again. */
  scope(framework: FrameworkId, ref: string, applicable: boolean, reason: string): RequirementNode {
    writeTransaction(this.db, () => {
      const requirement = this.requirement(framework, ref)
      const before = this.db
        .prepare(`SELECT applicable, reason FROM requirement_scoping WHERE requirement_id = ?`)
        .get(requirement.id) as { applicable: number; reason: string } | undefined
      const wasApplicable = before ? before.applicable === 1 : true
      if (wasApplicable === applicable && (applicable || before?.reason === reason)) return
      if (applicable) {
        this.db.prepare(`DELETE FROM requirement_scoping WHERE requirement_id = ?`).run(requirement.id)
      } else {
        this.db
          .prepare(
            `INSERT INTO requirement_scoping (requirement_id, applicable, reason, updated_at) VALUES (?, 0, ?, ?)
             ON CONFLICT(requirement_id) DO UPDATE SET applicable = 0, reason = excluded.reason,
               updated_at = excluded.updated_at`
          )
          .run(requirement.id, reason.trim(), this.now().toISOString())
      }
      this.audit.append({
        action: 'requirement.scope',
        entityType: 'requirement',
        entityId: `${framework}:${ref}`,
        summary: applicable
          ? `Marked ${this.label(framework)} ${ref} as applicable`
          : `Marked ${this.label(framework)} ${ref} as not applicable`,
        before: { applicable: wasApplicable, reason: before?.reason ?? null },
        after: { applicable, reason: applicable ? null : reason.trim() }
      })
    })
    return this.node(framework, ref)
  }

  /**
   * Records (or, with null, removes) the decision taken for a HIPAA addressable implementation
   * specification: implemented as specified, an equivalent alternative, or not reasonable and
   * appropriate, with the rationale the auditor reads.
   */
  decide(
    framework: FrameworkId,
    ref: string,
    decision: AddressableDecision | null,
    rationale: string
  ): RequirementNode {
    writeTransaction(this.db, () => {
      const requirement = this.requirement(framework, ref)
      const attributes = JSON.parse(requirement.attributes) as Record<string, unknown>
      if (attributes.specification !== 'Addressable') {
        throw new AppError(
          'VALIDATION',
          `${this.label(framework)} ${ref} is not an addressable implementation specification; decisions are recorded only for those.`
        )
      }
      const before = this.db
        .prepare(`SELECT decision, rationale FROM requirement_decisions WHERE requirement_id = ?`)
        .get(requirement.id) as { decision: AddressableDecision; rationale: string } | undefined
      if ((before?.decision ?? null) === decision && (decision === null || before?.rationale === rationale.trim()))
        return
      if (decision === null) {
        this.db.prepare(`DELETE FROM requirement_decisions WHERE requirement_id = ?`).run(requirement.id)
      } else {
        this.db
          .prepare(
            `INSERT INTO requirement_decisions (requirement_id, decision, rationale, decided_at, decided_by)
             VALUES (?, ?, ?, ?, ?)
             ON CONFLICT(requirement_id) DO UPDATE SET decision = excluded.decision, rationale = excluded.rationale,
               decided_at = excluded.decided_at, decided_by = excluded.decided_by`
          )
          .run(requirement.id, decision, rationale.trim(), this.now().toISOString(), this.actor())
      }
      this.audit.append({
        action: 'requirement.decide',
        entityType: 'requirement',
        entityId: `${framework}:${ref}`,
        summary:
          decision === null
            ? `Removed the decision recorded for ${this.label(framework)} ${ref}`
            : `Decided ${this.label(framework)} ${ref}: ${ADDRESSABLE_DECISION_LABELS[decision].toLowerCase()}`,
        before: before ?? null,
        after: decision === null ? null : { decision, rationale: rationale.trim() }
      })
    })
    return this.node(framework, ref)
  }

  private node(framework: FrameworkId, ref: string): RequirementNode {
    const node = this.tree(framework).find((candidate) => candidate.ref === ref)
    if (!node) throw notFound(`${this.label(framework)} has no requirement ${ref}.`)
    return node
  }

  private requirement(framework: FrameworkId, ref: string): { id: number; attributes: string } {
    this.assertKnown(framework)
    const requirement = this.db
      .prepare(`SELECT id, attributes FROM requirements WHERE framework_id = ? AND ref = ? AND withdrawn = 0`)
      .get(framework, ref) as { id: number; attributes: string } | undefined
    if (!requirement) throw notFound(`${this.label(framework)} has no requirement ${ref}. Check the reference.`)
    return requirement
  }

  private assertKnown(framework: FrameworkId): void {
    if (!this.isKnown(framework)) {
      throw notFound(`There is no framework "${framework}" in this register. List the frameworks to see their ids.`)
    }
  }
}
