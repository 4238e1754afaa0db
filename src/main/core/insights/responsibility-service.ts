import type Database from 'better-sqlite3'
import { FRESHNESS_SQL } from '../evidence/freshness'
import { reportGaps } from '../../../shared/compliance/results'
import { RESPONSIBILITIES, type FrameworkId, type Responsibility } from '../../../shared/domain'
import type { BackingReport, ControlRef, ResponsibilityMatrix } from '../../../shared/types'
import type { ComplianceService } from '../compliance/compliance-service'
import type { EvidenceService } from '../evidence/evidence-service'

/** The shared-responsibility matrix: what AWS secures, what is shared, what the customer secures. */
export class ResponsibilityService {
  constructor(
    private readonly db: Database.Database,
    private readonly compliance: ComplianceService,
    private readonly evidence: EvidenceService
  ) {}

  matrix(framework?: FrameworkId): ResponsibilityMatrix {
    const frameworks = this.compliance.frameworkIds()
    const assessment = this.compliance.assess({ frameworks: framework ? [framework] : frameworks })
    const mappedTo = new Map<FrameworkId, Set<string>>()
    for (const id of assessment.options.frameworks) {
      const controls = new Set<string>()
      for (const node of assessment.tree(id)) for (const control of node.controls) controls.add(control.id)
      mappedTo.set(id, controls)
    }
    const inScope = [...assessment.controls.values()].filter(
      (control) => !framework || mappedTo.get(framework)?.has(control.id)
    )
    const columns = RESPONSIBILITIES.map((responsibility) => {
      const controls: ControlRef[] = inScope
        .filter((control) => control.responsibility === responsibility)
        .map(({ id, title, status, responsibility: r, evidenceState }) => ({
          id,
          title,
          status,
          responsibility: r,
          evidence: evidenceState
        }))
      return { responsibility, count: controls.length, controls }
    })
    const byFramework = assessment.options.frameworks.map((id) => {
      const counts = Object.fromEntries(RESPONSIBILITIES.map((r) => [r, 0])) as Record<Responsibility, number>
      for (const controlId of mappedTo.get(id) ?? []) counts[assessment.controls.get(controlId)!.responsibility]++
      return { framework: id, name: assessment.summary(id).name, counts }
    })
    const inherited = inScope.filter((control) => control.responsibility === 'aws')
    const reports = this.backingReports(inherited.map((control) => control.id))
    const gaps = Object.fromEntries(
      inherited.map((control) => [control.id, reportGaps(control, assessment.options.period)])
    )
    return {
      framework: framework ?? null,
      columns,
      byFramework,
      reports,
      reportGaps: gaps,
      assessment: assessment.context
    }
  }

  /** The AWS Artifact reports linked to each of the controls, newest period first: one query for all. */
  private backingReports(controls: string[]): Record<string, BackingReport[]> {
    const rows = this.db
      .prepare(
        `SELECT ec.control_id AS control, e.id, e.title, e.period_start AS periodStart, e.period_end AS periodEnd,
           ${FRESHNESS_SQL('e.review_by')} AS freshness
         FROM evidence_controls ec JOIN evidence e ON e.id = ec.evidence_id
         WHERE ec.control_id IN (SELECT value FROM json_each(@controls)) AND e.removed_at IS NULL
           AND e.kind = 'artifact-report'
         ORDER BY coalesce(e.period_end, e.effective_date) DESC, e.id`
      )
      .all({ controls: JSON.stringify(controls), ...this.evidence.freshnessParams() }) as (BackingReport & {
      control: string
    })[]
    const byControl: Record<string, BackingReport[]> = Object.fromEntries(controls.map((id) => [id, []]))
    for (const { control, ...report } of rows) byControl[control]!.push(report)
    return byControl
  }
}
