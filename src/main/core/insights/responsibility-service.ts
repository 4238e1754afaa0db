import { RESPONSIBILITIES, type FrameworkId, type Responsibility } from '../../../shared/domain'
import type { ResponsibilityMatrix } from '../../../shared/types'
import type { ControlService } from '../controls/control-service'
import type { EvidenceService } from '../evidence/evidence-service'
import type { FrameworkService } from '../frameworks/framework-service'

/** The shared-responsibility matrix: what AWS secures, what is shared, what the customer secures. */
export class ResponsibilityService {
  constructor(
    private readonly controls: ControlService,
    private readonly frameworks: FrameworkService,
    private readonly evidence: EvidenceService
  ) {}

  matrix(framework?: FrameworkId): ResponsibilityMatrix {
    const all = this.controls.list({})
    const inScope = framework ? all.filter((control) => control.mappings.some((m) => m.framework === framework)) : all
    const columns = RESPONSIBILITIES.map((responsibility) => {
      const controls = inScope.filter((control) => control.responsibility === responsibility)
      return { responsibility, count: controls.length, controls }
    })
    const byFramework = this.frameworks.list().map((summary) => {
      const counts = Object.fromEntries(RESPONSIBILITIES.map((r) => [r, 0])) as Record<Responsibility, number>
      for (const control of all) {
        if (control.mappings.some((mapping) => mapping.framework === summary.id)) counts[control.responsibility]++
      }
      return { framework: summary.id, name: summary.name, counts }
    })
    const inherited = columns.find((column) => column.responsibility === 'aws')?.controls ?? []
    const reports = Object.fromEntries(
      inherited.map((control) => [control.id, this.evidence.backingReports(control.id)])
    )
    return { framework: framework ?? null, columns, byFramework, reports }
  }
}
