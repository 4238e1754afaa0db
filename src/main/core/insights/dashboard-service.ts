import { CONTROL_EVIDENCE_STATES, CONTROL_STATUSES, RESPONSIBILITIES, type ControlStatus } from '../../../shared/domain'
import type { DashboardSummary, FrameworkDashboard, Gap } from '../../../shared/types'
import type { ControlService } from '../controls/control-service'
import type { FrameworkService } from '../frameworks/framework-service'

const STATUS_URGENCY: Record<ControlStatus, number> = {
  'not-started': 0,
  planned: 1,
  'in-progress': 2,
  implemented: 3,
  'not-applicable': 3
}

/** Per framework: coverage, controls by status and responsibility, and the most urgent gaps. */
export class DashboardService {
  constructor(
    private readonly controls: ControlService,
    private readonly frameworks: FrameworkService
  ) {}

  summary(gapLimit = 10): DashboardSummary {
    const controls = this.controls.list({})
    const frameworks: FrameworkDashboard[] = []
    const gaps: (Gap & { urgency: number })[] = []
    for (const summary of this.frameworks.list()) {
      const byStatus = zeroes(CONTROL_STATUSES)
      const byResponsibility = zeroes(RESPONSIBILITIES)
      const byEvidence = zeroes(CONTROL_EVIDENCE_STATES)
      for (const control of controls) {
        if (!control.mappings.some((mapping) => mapping.framework === summary.id)) continue
        byStatus[control.status]++
        byResponsibility[control.responsibility]++
        byEvidence[control.evidence]++
      }
      frameworks.push({ ...summary, byStatus, byResponsibility, byEvidence })

      for (const node of this.frameworks.tree(summary.id)) {
        if (!node.assessable || !node.applicable || node.covered) continue
        const best = Math.max(-1, ...node.controls.map((control) => STATUS_URGENCY[control.status]))
        gaps.push({
          framework: summary.id,
          ref: node.ref,
          title: node.title,
          kind: node.controls.length === 0 ? 'no-control' : 'not-implemented',
          controls: node.controls,
          urgency: best
        })
      }
    }
    gaps.sort((a, b) => a.urgency - b.urgency)
    return { frameworks, gaps: gaps.slice(0, gapLimit).map(({ urgency: _urgency, ...gap }) => gap) }
  }
}

function zeroes<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>
}
