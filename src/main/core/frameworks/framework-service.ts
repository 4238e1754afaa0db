import type Database from 'better-sqlite3'
import type {
  ControlEvidenceState,
  ControlStatus,
  FrameworkId,
  RequirementKind,
  Responsibility
} from '../../../shared/domain'
import { FRAMEWORK_IDS } from '../../../shared/domain'
import type { ControlRef, FrameworkSummary, RequirementNode } from '../../../shared/types'
import type { AuditLog } from '../audit/audit-log'
import { frameworkLabel } from '../controls/control-service'
import { notFound } from '../errors'
import { writeTransaction } from '../db/write-transaction'

interface FrameworkRow {
  id: FrameworkId
  name: string
  version: string
  publisher: string
  notice: string | null
}

interface RequirementRow {
  id: number
  ref: string
  parent_ref: string | null
  kind: RequirementKind
  title: string
  assessable: 0 | 1
  depth: number
  attributes: string
  applicable: 0 | 1 | null
  reason: string | null
  controls: string | null
}

const FIELD = '\u001f'
const ROW = '\u001e'

/** Framework catalogs as requirement trees, with the controls mapped to each node and coverage. */
export class FrameworkService {
  constructor(
    private readonly db: Database.Database,
    private readonly audit: AuditLog,
    private readonly now: () => Date,
    /** Each control's evidence state, looked up once per tree. */
    private readonly evidenceStates: () => Map<string, ControlEvidenceState>
  ) {}

  list(): FrameworkSummary[] {
    const rows = this.db
      .prepare(
        `SELECT id, name, version, publisher, notice FROM frameworks
         ORDER BY CASE id WHEN 'hipaa' THEN 0 WHEN 'gdpr' THEN 1 ELSE 2 END`
      )
      .all() as FrameworkRow[]
    return rows.map((row) => summarise(row, this.tree(row.id)))
  }

  /** The framework's summary; pass its tree when it was just built, so it is not built twice. */
  get(framework: FrameworkId, tree?: RequirementNode[]): FrameworkSummary {
    const row = this.db
      .prepare(`SELECT id, name, version, publisher, notice FROM frameworks WHERE id = ?`)
      .get(framework) as FrameworkRow | undefined
    if (!row) throw notFound(`The ${frameworkLabel(framework)} catalog is not loaded. Run "evidence-desk init".`)
    return summarise(row, tree ?? this.tree(framework))
  }

  /** Every node of the framework's tree in catalog order, with mapped controls and subtree coverage. */
  tree(framework: FrameworkId): RequirementNode[] {
    const rows = this.db
      .prepare(
        `SELECT r.id, r.ref, r.parent_ref, r.kind, r.title, r.assessable, r.depth, r.attributes,
           s.applicable, s.reason,
           (SELECT group_concat(c.id || char(31) || c.status || char(31) || c.responsibility || char(31) || c.title,
              char(30) ORDER BY c.id)
            FROM control_requirements cr JOIN controls c ON c.id = cr.control_id
            WHERE cr.requirement_id = r.id) AS controls
         FROM requirements r LEFT JOIN requirement_scoping s ON s.requirement_id = r.id
         WHERE r.framework_id = ? AND r.withdrawn = 0 ORDER BY r.position`
      )
      .all(framework) as RequirementRow[]

    const evidence = this.evidenceStates()
    const nodes = rows.map((row): RequirementNode => {
      const controls = parseControls(row.controls).map((control) => ({
        ...control,
        evidence: evidence.get(control.id) ?? 'none'
      }))
      const applicable = row.applicable !== 0
      const assessable = row.assessable === 1
      const covered = controls.some((control) => control.status === 'implemented')
      return {
        framework,
        ref: row.ref,
        parentRef: row.parent_ref,
        kind: row.kind,
        title: row.title,
        assessable,
        depth: row.depth,
        attributes: JSON.parse(row.attributes) as RequirementNode['attributes'],
        applicable,
        scopingReason: applicable ? null : row.reason,
        controls,
        covered,
        freshEvidence: controls.some((control) => control.evidence === 'fresh'),
        subtree: {
          applicable: assessable && applicable ? 1 : 0,
          covered: assessable && applicable && covered ? 1 : 0,
          mapped: assessable && applicable && controls.length > 0 ? 1 : 0
        }
      }
    })
    // Children come after their parents, so one backwards pass rolls the counts up the tree.
    const byRef = new Map(nodes.map((node) => [node.ref, node]))
    for (let index = nodes.length - 1; index >= 0; index--) {
      const node = nodes[index]!
      const parent = node.parentRef === null ? undefined : byRef.get(node.parentRef)
      if (!parent) continue
      parent.subtree.applicable += node.subtree.applicable
      parent.subtree.covered += node.subtree.covered
      parent.subtree.mapped += node.subtree.mapped
    }
    return nodes
  }

  /** Marks a requirement as not applicable (with the reason) or as applicable again. */
  scope(framework: FrameworkId, ref: string, applicable: boolean, reason: string): RequirementNode {
    writeTransaction(this.db, () => {
      const requirement = this.db
        .prepare(`SELECT id, assessable FROM requirements WHERE framework_id = ? AND ref = ? AND withdrawn = 0`)
        .get(framework, ref) as { id: number; assessable: number } | undefined
      if (!requirement) throw notFound(`${frameworkLabel(framework)} has no requirement ${ref}. Check the reference.`)
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
          ? `Marked ${frameworkLabel(framework)} ${ref} as applicable`
          : `Marked ${frameworkLabel(framework)} ${ref} as not applicable`,
        before: { applicable: wasApplicable, reason: before?.reason ?? null },
        after: { applicable, reason: applicable ? null : reason.trim() }
      })
    })
    const node = this.tree(framework).find((candidate) => candidate.ref === ref)
    if (!node) throw notFound(`${frameworkLabel(framework)} has no requirement ${ref}.`)
    return node
  }

  isKnown(framework: string): framework is FrameworkId {
    return (FRAMEWORK_IDS as readonly string[]).includes(framework)
  }
}

function parseControls(packed: string | null): ControlRef[] {
  if (!packed) return []
  return packed.split(ROW).map((item) => {
    const [id = '', status, responsibility, ...title] = item.split(FIELD)
    return {
      id,
      status: status as ControlStatus,
      responsibility: responsibility as Responsibility,
      title: title.join(FIELD)
    }
  })
}

export function summarise(row: FrameworkRow, nodes: RequirementNode[]): FrameworkSummary {
  const assessable = nodes.filter((node) => node.assessable)
  const applicable = assessable.filter((node) => node.applicable)
  const covered = applicable.filter((node) => node.covered).length
  return {
    id: row.id,
    name: row.name,
    version: row.version,
    publisher: row.publisher,
    notice: row.notice,
    requirements: assessable.length,
    notApplicable: assessable.length - applicable.length,
    mapped: applicable.filter((node) => node.controls.length > 0).length,
    covered,
    coverage: applicable.length === 0 ? 0 : covered / applicable.length
  }
}
