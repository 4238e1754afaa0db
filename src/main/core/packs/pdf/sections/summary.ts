import {
  applicableOf,
  coverageOf,
  describeCoverage,
  RESULT_LABELS,
  type ResultCounts
} from '../../../../../shared/compliance/results'
import {
  CONTROL_STATUSES,
  RESPONSIBILITIES,
  RESPONSIBILITY_HEADINGS,
  type ControlStatus,
  type Responsibility
} from '../../../../../shared/domain'
import type { PackContent, PackControl } from '../../pack-content'
import { destinations, RESPONSIBILITY_COLORS, RESULT_COLORS, RESULT_ORDER, STATUS_COLORS, statusLabel } from '../labels'
import { COLORS, FONT_SIZE, type PackDocument } from '../pack-document'

const LABEL_WIDTH = 168
const COUNT_WIDTH = 92

function resultParts(counts: ResultCounts): { label: string; value: number; color: string }[] {
  return RESULT_ORDER.map((result) => ({
    label: RESULT_LABELS[result],
    value: counts[result],
    color: RESULT_COLORS[result]
  }))
}

/** One chart row per requirement group: its name, a bar of its results, and the counts in words. */
function groupRow(pdf: PackDocument, label: string, counts: ResultCounts, goTo: string): void {
  const { doc } = pdf
  const barWidth = pdf.width - LABEL_WIDTH - COUNT_WIDTH - 12
  const labelLines = pdf.wrap([{ text: label, goTo }], LABEL_WIDTH - 6, FONT_SIZE.table)
  // The bar's other parts in words under it: a colour is never the only way to tell them apart.
  const others = RESULT_ORDER.filter((result) => result !== 'in-place' && counts[result] > 0)
    .map((result) => `${RESULT_LABELS[result]} ${counts[result]}`)
    .join(' · ')
  const height = Math.max(others ? 24 : 14, labelLines.length * pdf.lineHeight(FONT_SIZE.table) + 4)
  pdf.ensureSpace(height)
  const y = doc.y
  pdf.drawLines(labelLines, pdf.left, y, FONT_SIZE.table, 'left', LABEL_WIDTH - 6)
  doc.y = y + 1
  pdf.stackedBar(resultParts(counts), {
    x: pdf.left + LABEL_WIDTH,
    width: barWidth,
    height: 9,
    legend: false,
    alt: `${label}, requirements by result`
  })
  if (others) {
    pdf.font('regular', FONT_SIZE.table, COLORS.muted).text(others, pdf.left + LABEL_WIDTH, y + 11.5, {
      lineBreak: false
    })
  }
  const applicable = applicableOf(counts)
  pdf
    .font('regular', FONT_SIZE.table, COLORS.ink)
    .text(
      applicable === 0 ? 'not applicable' : `${counts['in-place']}/${applicable} in place`,
      pdf.left + pdf.width - COUNT_WIDTH,
      y,
      { width: COUNT_WIDTH, align: 'right', lineBreak: false }
    )
  doc.y = y + height
}

function countControls(controls: PackControl[]): {
  byStatus: Record<ControlStatus, number>
  byResponsibility: Record<Responsibility, number>
} {
  const byStatus = Object.fromEntries(CONTROL_STATUSES.map((status) => [status, 0])) as Record<ControlStatus, number>
  const byResponsibility = Object.fromEntries(RESPONSIBILITIES.map((r) => [r, 0])) as Record<Responsibility, number>
  for (const control of controls) {
    byStatus[control.status]++
    byResponsibility[control.responsibility]++
  }
  return { byStatus, byResponsibility }
}

/** Results per framework and per requirement group (with charts), the controls, and the evidence's freshness. */
export function writeSummary(pdf: PackDocument, content: PackContent): void {
  const { doc } = pdf
  const outline = pdf.section('Results summary', destinations.summary)
  pdf.paragraph(
    `Each requirement's result follows the rule described with the scope (How results are decided): in place, not in place, not tested (nothing contradicts it, but evidence is missing) or not applicable. Coverage is the requirements in place out of the applicable ones, for the audit period ${content.pack.periodStart} to ${content.pack.periodEnd} and the scope of this pack.`,
    { color: COLORS.muted }
  )
  pdf.space(0.8)
  for (const framework of content.frameworks) {
    const counts = framework.results
    pdf.heading(`${framework.name} ${framework.version}`, `${destinations.summary}-${framework.id}`, 'h2', outline, 120)
    pdf.runs(
      [
        { text: `${Math.round(coverageOf(counts) * 100)}%`, font: 'bold', color: COLORS.accent },
        { text: ` ${describeCoverage(counts)}` }
      ],
      { size: 13 }
    )
    pdf.small(
      RESULT_ORDER.map((result) => `${RESULT_LABELS[result]}: ${counts[result]}`).join(' · ') +
        ` · ${applicableOf(counts) + counts['not-applicable']} requirements assessed`,
      COLORS.ink
    )
    pdf.space(0.4)
    pdf.stackedBar(resultParts(counts), { alt: `${framework.name} requirements by result` })
    pdf.space(0.3)
    for (const group of framework.groups) {
      if (applicableOf(group.counts) + group.counts['not-applicable'] === 0) continue
      groupRow(
        pdf,
        `${group.ref}  ${group.title}`,
        group.counts,
        `${destinations.framework(framework.id)}-${group.ref}`
      )
    }
    pdf.space(0.8)
  }

  const controls = Object.values(content.controls)
  const { byStatus, byResponsibility } = countControls(controls)
  pdf.heading(`Controls (${controls.length})`, `${destinations.summary}-controls`, 'h2', outline, 80)
  pdf.small('By status', COLORS.ink)
  pdf.stackedBar(
    CONTROL_STATUSES.map((status) => ({
      label: statusLabel(status),
      value: byStatus[status],
      color: STATUS_COLORS[status]
    })),
    { alt: 'Controls by status' }
  )
  pdf.small('By responsibility', COLORS.ink)
  pdf.stackedBar(
    RESPONSIBILITIES.map((responsibility) => ({
      label: RESPONSIBILITY_HEADINGS[responsibility],
      value: byResponsibility[responsibility],
      color: RESPONSIBILITY_COLORS[responsibility]
    })),
    { alt: 'Controls by responsibility' }
  )
  const freshness = { fresh: 0, expiring: 0, expired: 0 }
  for (const item of content.evidence) freshness[item.freshness]++
  pdf.heading(`Evidence (${content.evidence.length} files)`, `${destinations.summary}-evidence`, 'h2', outline, 50)
  pdf.small(`Judged on ${content.pack.judgedOn}. Expired evidence does not count as evidence in force.`)
  pdf.stackedBar(
    [
      { label: 'Fresh', value: freshness.fresh, color: COLORS.implemented },
      { label: 'Expiring', value: freshness.expiring, color: COLORS.planned },
      { label: 'Expired', value: freshness.expired, color: COLORS.red }
    ],
    { alt: 'Evidence by freshness' }
  )
  doc.x = pdf.left
}
