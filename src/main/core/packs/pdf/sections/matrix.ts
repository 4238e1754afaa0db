import type { PackContent, PackFramework, PackRequirement } from '../../pack-content'
import { destinations, RESPONSIBILITY_SHORT, RESULT_COLORS, resultLabel } from '../labels'
import { COLORS, type Cell, type Column, type PackDocument, type Run } from '../pack-document'

const COLUMNS: Column[] = [
  { label: 'Requirement', width: 76 },
  { label: 'Title', width: 172 },
  { label: 'Secured by', width: 44 },
  { label: 'Result', width: 62 },
  { label: 'Controls', width: 74 },
  { label: 'Evidence', width: 67 }
]

function row(framework: PackFramework, requirement: PackRequirement): Cell[] {
  const specification: Run[] = requirement.specification
    ? [{ text: requirement.specification === 'Required' ? '(R)' : '(A)', color: COLORS.muted }]
    : []
  return [
    [{ text: requirement.ref, goTo: destinations.requirement(framework.id, requirement.ref) }, ...specification],
    [{ text: requirement.title }],
    [{ text: requirement.responsibility ? RESPONSIBILITY_SHORT[requirement.responsibility] : '—' }],
    requirement.result
      ? [{ text: resultLabel(requirement.result), font: 'bold', color: RESULT_COLORS[requirement.result] }]
      : [{ text: '—' }],
    requirement.controls.length
      ? requirement.controls.map((id) => ({ text: id, goTo: destinations.control(id) }))
      : [{ text: requirement.applicable ? 'No control' : '—', color: COLORS.muted }],
    requirement.evidence.length
      ? requirement.evidence.map((id) => ({ text: id, goTo: destinations.evidence(id) }))
      : [{ text: '—', color: COLORS.muted }]
  ]
}

/** The shared-responsibility matrix: one row per requirement, nothing cut. */
export function writeMatrix(pdf: PackDocument, content: PackContent, progress: () => void): void {
  const outline = pdf.section('Shared-responsibility matrix', destinations.matrix)
  pdf.paragraph(
    'For each requirement: who secures it (AWS alone, the customer alone, or shared, from the responsibility of its applicable controls; “Secured by”), its result, the controls that meet it and the evidence in this pack. (R) and (A) mark HIPAA required and addressable specifications. Results are explained on the requirement’s own entry.',
    { color: COLORS.muted }
  )
  pdf.space(0.6)
  for (const framework of content.frameworks) {
    pdf.heading(`${framework.name} ${framework.version}`, `${destinations.matrix}-${framework.id}`, 'h2', outline, 60)
    const rows = function* (): Generator<Cell[]> {
      for (const requirement of framework.requirements) {
        if (!requirement.assessable) continue
        yield row(framework, requirement)
      }
    }
    pdf.table(COLUMNS, rows(), { zebra: true, onRow: progress })
  }
}
