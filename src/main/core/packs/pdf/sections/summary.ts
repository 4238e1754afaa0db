import { CONTROL_STATUSES, RESPONSIBILITIES, RESPONSIBILITY_HEADINGS } from '../../../../../shared/domain'
import type { PackContent } from '../../pack-content'
import { destinations, RESPONSIBILITY_COLORS, STATUS_COLORS, statusLabel } from '../labels'
import { COLORS, type PackDocument } from '../pack-document'

/** Coverage per framework, controls by status and by responsibility (with charts), evidence freshness. */
export function writeSummary(pdf: PackDocument, content: PackContent): void {
  const { doc } = pdf
  pdf.section('Executive summary', destinations.summary)
  pdf.paragraph(
    `Coverage counts the applicable requirements that have at least one implemented control. Requirements marked not applicable are listed in their section with the reason. Evidence counts only files that speak for the audit period (${content.pack.periodStart} to ${content.pack.periodEnd}).`,
    { color: COLORS.muted }
  )
  pdf.space(1)
  for (const framework of content.frameworks) {
    const { summary } = framework
    const applicable = summary.requirements - summary.notApplicable
    const coverage = applicable === 0 ? 0 : Math.round((summary.covered / applicable) * 100)
    pdf.ensureSpace(170)
    pdf.font('bold', 12).text(`${framework.name} ${framework.version}`, pdf.left, doc.y)
    pdf.font('bold', 22, COLORS.accent).text(`${coverage}%`, pdf.left, doc.y)
    pdf.small(
      `${summary.covered} of ${applicable} applicable requirements have an implemented control · ${summary.mapped} have a control mapped · ${summary.notApplicable} not applicable`
    )
    pdf.space(0.4)
    pdf.stackedBar([
      { label: 'Covered', value: summary.covered, color: COLORS.implemented },
      { label: 'Mapped, not yet implemented', value: summary.mapped - summary.covered, color: COLORS.planned },
      { label: 'No control', value: applicable - summary.mapped, color: COLORS.red }
    ])
    pdf.font('bold', 8.5, COLORS.muted).text('Controls by status', pdf.left, doc.y)
    pdf.stackedBar(
      CONTROL_STATUSES.map((status) => ({
        label: statusLabel(status),
        value: summary.byStatus[status],
        color: STATUS_COLORS[status]
      }))
    )
    pdf.font('bold', 8.5, COLORS.muted).text('Controls by responsibility', pdf.left, doc.y)
    pdf.stackedBar(
      RESPONSIBILITIES.map((responsibility) => ({
        label: RESPONSIBILITY_HEADINGS[responsibility],
        value: summary.byResponsibility[responsibility],
        color: RESPONSIBILITY_COLORS[responsibility]
      }))
    )
    pdf.space(1)
  }
  const freshness = { fresh: 0, expiring: 0, expired: 0 }
  for (const item of content.evidence) freshness[item.freshness]++
  pdf.ensureSpace(60)
  pdf.font('bold', 12).text('Evidence', pdf.left, doc.y)
  pdf.small(`${content.evidence.length} files, judged as of the end of the audit period (${content.pack.periodEnd}).`)
  pdf.space(0.4)
  pdf.stackedBar([
    { label: 'Fresh', value: freshness.fresh, color: COLORS.implemented },
    { label: 'Expiring', value: freshness.expiring, color: COLORS.planned },
    { label: 'Expired', value: freshness.expired, color: COLORS.red }
  ])
}
