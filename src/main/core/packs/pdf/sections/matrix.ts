import type { Responsibility } from '../../../../../shared/domain'
import type { PackContent, PackRequirement } from '../../pack-content'
import { destinations, statusLabel } from '../labels'
import { COLORS, type Cell, type Column, type PackDocument } from '../pack-document'

const COLUMNS: Column[] = [
  { label: 'Requirement', width: 52 },
  { label: 'Title', width: 124 },
  { label: 'Controls', width: 92 },
  { label: 'AWS', width: 26, align: 'center' },
  { label: 'Shared', width: 32, align: 'center' },
  { label: 'Customer', width: 40, align: 'center' },
  { label: 'Status', width: 62 },
  { label: 'Evidence', width: 67 }
]

const STATUS_ORDER = ['implemented', 'in-progress', 'planned', 'not-started', 'not-applicable'] as const

function shortList(items: string[], max: number): string {
  return items.length <= max ? items.join(' ') : `${items.slice(0, max).join(' ')} +${items.length - max}`
}

function row(content: PackContent, framework: string, requirement: PackRequirement): Cell[] {
  const controls = requirement.controls.map((id) => content.controls[id]!)
  const has = (responsibility: Responsibility): Cell => ({
    text: controls.some((control) => control.responsibility === responsibility) ? '•' : '',
    color: COLORS.ink
  })
  const best = STATUS_ORDER.find((status) => controls.some((control) => control.status === status))
  const evidence = [...new Set(controls.flatMap((control) => control.evidence))]
  return [
    { text: requirement.ref, goTo: destinations.requirement(framework, requirement.ref) },
    { text: requirement.title },
    {
      text: requirement.applicable ? shortList(requirement.controls, 3) || 'No control' : 'Not applicable',
      color: requirement.applicable && controls.length === 0 ? COLORS.red : COLORS.ink
    },
    has('aws'),
    has('shared'),
    has('customer'),
    { text: best ? statusLabel(best) : '—', color: best === 'implemented' ? COLORS.implemented : COLORS.ink },
    { text: shortList(evidence, 2) || '—' }
  ]
}

/** The shared-responsibility matrix: requirement, controls, who secures it, status, evidence. */
export function writeMatrix(pdf: PackDocument, content: PackContent, progress: () => void): void {
  const outline = pdf.section('Shared-responsibility matrix', destinations.matrix)
  pdf.paragraph(
    'For each requirement: the controls that meet it, whether AWS secures it (inherited), the work is shared, or the customer secures it, the most advanced status among its controls, and the evidence attached to this pack.',
    { color: COLORS.muted }
  )
  pdf.space(0.6)
  for (const framework of content.frameworks) {
    pdf.heading(`${framework.name} ${framework.version}`, `${destinations.matrix}-${framework.id}`, 'h2', outline)
    const rows = function* (): Generator<Cell[]> {
      for (const requirement of framework.requirements) {
        if (!requirement.assessable) continue
        progress()
        yield row(content, framework.id, requirement)
      }
    }
    pdf.table(COLUMNS, rows(), { zebra: true })
  }
}
