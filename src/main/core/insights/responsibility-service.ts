import type Database from 'better-sqlite3'
import { FRESHNESS_SQL } from '../evidence/freshness'
import { reportGaps } from '../../../shared/compliance/results'
import { RESPONSIBILITIES, type FrameworkId, type Responsibility } from '../../../shared/domain'
import type { BackingReport, ControlPage, ControlRef, ResponsibilityMatrix } from '../../../shared/types'
import type { Assessment } from '../compliance/assessment'
import type { AssessmentRequest, ComplianceService } from '../compliance/compliance-service'
import type { EvidenceService } from '../evidence/evidence-service'

/** The shared-responsibility matrix: what AWS secures, what is shared, what the customer secures. */
export class ResponsibilityService {
  constructor(
    private readonly db: Database.Database,
    private readonly compliance: ComplianceService,
    private readonly evidence: EvidenceService
  ) {}

  /**
   * The matrix for one framework or all. With controlsPerColumn, each column lists only its first
   * controls (its count says how many), and the backing reports and their gaps cover those listed:
   * the rest of a column is read a page at a time with column().
   */
  matrix(framework?: FrameworkId, controlsPerColumn?: number): ResponsibilityMatrix {
    const assessment = this.assessment(framework)
    const columnsOf = this.columnsOf(assessment, framework)
    const columns = RESPONSIBILITIES.map((responsibility) => {
      const controls = columnsOf[responsibility]
      return {
        responsibility,
        count: controls.length,
        controls: controlsPerColumn === undefined ? controls : controls.slice(0, controlsPerColumn)
      }
    })
    const byFramework = assessment.derived('responsibility-by-framework', () =>
      assessment.options.frameworks.map((id) => {
        const counts = Object.fromEntries(RESPONSIBILITIES.map((r) => [r, 0])) as Record<Responsibility, number>
        for (const controlId of mappedTo(assessment, id)) counts[assessment.controls.get(controlId)!.responsibility]++
        return { framework: id, name: assessment.summary(id).name, counts }
      })
    )
    const inherited = columns.find((column) => column.responsibility === 'aws')!.controls
    return {
      framework: framework ?? null,
      columns,
      byFramework,
      ...this.backing(
        assessment,
        inherited.map((control) => control.id)
      ),
      assessment: assessment.context
    }
  }

  /** A page of one column's controls, with the backing reports of those inherited from AWS. */
  column(
    responsibility: Responsibility,
    options: { framework?: FrameworkId | undefined; offset?: number | undefined; limit?: number | undefined } = {}
  ): ControlPage & Pick<ResponsibilityMatrix, 'reports' | 'reportGaps'> {
    const assessment = this.assessment(options.framework)
    const controls = this.columnsOf(assessment, options.framework)[responsibility]
    const offset = options.offset ?? 0
    const items = controls.slice(offset, offset + (options.limit ?? 100))
    const inherited = responsibility === 'aws' ? items.map((control) => control.id) : []
    return { items, total: controls.length, ...this.backing(assessment, inherited) }
  }

  /** What the matrix assesses: one framework, or every one in the register. */
  assessmentRequest(framework: FrameworkId | undefined): AssessmentRequest {
    return { frameworks: framework ? [framework] : this.compliance.frameworkIds() }
  }

  private assessment(framework: FrameworkId | undefined): Assessment {
    return this.compliance.assess(this.assessmentRequest(framework))
  }

  /** Each column's controls in id order: those mapped to the framework, or every control. */
  private columnsOf(assessment: Assessment, framework: FrameworkId | undefined): Record<Responsibility, ControlRef[]> {
    return assessment.derived(`responsibility-columns:${framework ?? '*'}`, () => {
      const mapped = framework ? mappedTo(assessment, framework) : null
      const columns = Object.fromEntries(RESPONSIBILITIES.map((r) => [r, [] as ControlRef[]])) as Record<
        Responsibility,
        ControlRef[]
      >
      for (const control of assessment.controls.values()) {
        if (mapped && !mapped.has(control.id)) continue
        columns[control.responsibility].push({
          id: control.id,
          title: control.title,
          status: control.status,
          responsibility: control.responsibility,
          evidence: control.evidenceState
        })
      }
      return columns
    })
  }

  /** The AWS reports backing the inherited controls listed, and the stretches of the period they leave uncovered. */
  private backing(assessment: Assessment, controls: string[]): Pick<ResponsibilityMatrix, 'reports' | 'reportGaps'> {
    return {
      reports: this.backingReports(controls),
      reportGaps: Object.fromEntries(
        controls.map((id) => [id, reportGaps(assessment.controls.get(id)!, assessment.options.period)])
      )
    }
  }

  /** The AWS Artifact reports linked to each of the controls, newest period first: one query for all. */
  private backingReports(controls: string[]): Record<string, BackingReport[]> {
    const rows = this.db
      .prepare(
        `SELECT ec.control_id AS control, e.id, e.title, e.period_start AS periodStart, e.period_end AS periodEnd,
           ${FRESHNESS_SQL('e.review_by')} AS freshness
         FROM json_each(@controls) j CROSS JOIN evidence_controls ec ON ec.control_id = j.value
           CROSS JOIN evidence e ON e.id = ec.evidence_id
         WHERE e.removed_at IS NULL
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

/** The controls mapped to a framework's requirements in an assessment. */
function mappedTo(assessment: Assessment, framework: FrameworkId): Set<string> {
  return assessment.derived(`mapped-to:${framework}`, () => {
    const controls = new Set<string>()
    for (const node of assessment.tree(framework)) for (const control of node.controls) controls.add(control.id)
    return controls
  })
}
