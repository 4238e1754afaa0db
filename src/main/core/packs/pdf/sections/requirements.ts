import type { PackContent, PackEvidence, PackFramework, PackRequirement } from '../../pack-content'
import { destinations, period, responsibilityLabel, statusLabel } from '../labels'
import { COLORS, type PackDocument } from '../pack-document'

function writeControl(pdf: PackDocument, content: PackContent, evidence: Map<string, PackEvidence>, id: string): void {
  const control = content.controls[id]!
  const { doc } = pdf
  pdf.ensureSpace(40)
  pdf.font('bold', 8.5).text(`${control.id}  ${control.title}`, pdf.left + 10, doc.y, { width: pdf.width - 10 })
  pdf.small(
    [
      responsibilityLabel(control.responsibility),
      statusLabel(control.status),
      control.owner ? `Owner: ${control.owner}` : 'No owner',
      control.awsServices.length ? `AWS: ${control.awsServices.join(', ')}` : ''
    ]
      .filter(Boolean)
      .join(' · '),
    COLORS.muted,
    10
  )
  pdf.paragraph(control.statement, { indent: 10 })
  if (control.evidence.length === 0) {
    pdf.small('No evidence in this pack for the audit period.', COLORS.red, 10)
  } else {
    for (const evidenceId of control.evidence) {
      const item = evidence.get(evidenceId)!
      pdf.ensureSpace(12)
      pdf.font('regular', 7.5, COLORS.accent)
      pdf.line(`${item.id}  ${item.title}`, pdf.left + 10, doc.y, pdf.width - 10, {
        goTo: destinations.evidence(item.id)
      })
      pdf.small(
        `${item.periodStart ? `Period ${period(item.periodStart, item.periodEnd)}` : `Effective ${item.effectiveDate ?? '—'}`} · review by ${item.reviewBy ?? '—'} · ${item.freshness}`,
        COLORS.muted,
        20
      )
    }
  }
  doc.moveDown(0.5)
}

function writeRequirement(
  pdf: PackDocument,
  content: PackContent,
  evidence: Map<string, PackEvidence>,
  framework: PackFramework,
  requirement: PackRequirement
): void {
  const { doc } = pdf
  pdf.ensureSpace(44)
  doc.addNamedDestination(destinations.requirement(framework.id, requirement.ref))
  pdf
    .font('bold', 9.5, COLORS.accent)
    .text(`${requirement.ref}  ${requirement.title}`, pdf.left, doc.y, { width: pdf.width })
  doc.moveDown(0.2)
  if (!requirement.applicable) {
    pdf.paragraph(`Not applicable. ${requirement.scopingReason ?? ''}`, {
      font: 'italic',
      color: COLORS.muted,
      indent: 10
    })
  } else if (requirement.controls.length === 0) {
    pdf.paragraph('No control is mapped to this requirement.', { color: COLORS.red, indent: 10 })
  } else {
    for (const id of requirement.controls) writeControl(pdf, content, evidence, id)
  }
  doc.moveDown(0.5)
}

/**
 * One chapter per framework, one section per requirement: its controls with their statements,
 * who owns them, and the evidence attached for the period. Grouping headings become bookmarks.
 */
export function writeRequirements(pdf: PackDocument, content: PackContent, progress: () => void): void {
  const evidence = new Map(content.evidence.map((item) => [item.id, item]))
  for (const framework of content.frameworks) {
    const destination = destinations.framework(framework.id)
    const chapter = pdf.section(`${framework.name}: requirements and controls`, destination)
    if (framework.notice) pdf.small(framework.notice)
    pdf.space(0.6)
    for (const requirement of framework.requirements) {
      progress()
      if (requirement.assessable) {
        writeRequirement(pdf, content, evidence, framework, requirement)
      } else if (requirement.depth === 0) {
        pdf.heading(`${requirement.ref}  ${requirement.title}`, `${destination}-${requirement.ref}`, 'h2', chapter)
      }
    }
  }
}
