import { ADDRESSABLE_DECISION_LABELS, describeCheck } from '../../../../../shared/compliance/results'
import type { PackContent, PackFramework, PackRequirement } from '../../pack-content'
import { destinations, RESULT_COLORS, resultLabel } from '../labels'
import { COLORS, FONT_SIZE, type PackDocument, type Run } from '../pack-document'

const RESULT_WIDTH = 80

/** The reasons worth printing: an in-place result's first reason only restates the rule. */
function reasonsShown(requirement: PackRequirement): string[] {
  return requirement.result === 'in-place' ? requirement.reasons.slice(1) : requirement.reasons
}

function decisionLine(requirement: PackRequirement): Run[] | null {
  if (requirement.specification !== 'Addressable') return null
  if (!requirement.decision) {
    return [
      { text: 'Addressable. ', font: 'bold' },
      { text: 'No decision recorded (an open item).', color: COLORS.red }
    ]
  }
  return [
    { text: 'Addressable. ', font: 'bold' },
    { text: `${ADDRESSABLE_DECISION_LABELS[requirement.decision.decision]}: `, font: 'bold' },
    {
      text: `${requirement.decision.rationale} (${requirement.decision.decidedBy}, ${requirement.decision.decidedAt.slice(0, 10)})`
    }
  ]
}

/** The controls and evidence of a requirement, as links, after its reasons on the same lines. */
function links(requirement: PackRequirement): Run[] {
  const runs: Run[] = [{ text: 'Controls:', font: 'bold' }]
  if (requirement.controls.length === 0) runs.push({ text: 'none', color: COLORS.muted })
  for (const id of requirement.controls) runs.push({ text: id, goTo: destinations.control(id) })
  runs.push({ text: '· Evidence:', font: 'bold' })
  if (requirement.evidence.length === 0) runs.push({ text: 'none in this pack', color: COLORS.muted })
  for (const id of requirement.evidence) runs.push({ text: id, goTo: destinations.evidence(id) })
  return runs
}

/** What an entry says beyond its reference and title: requirements that would say the same share one entry. */
function signature(requirement: PackRequirement): string {
  return JSON.stringify([
    requirement.result,
    requirement.reasons,
    requirement.applicable,
    requirement.controls,
    requirement.evidence,
    requirement.decision,
    requirement.specification === 'Addressable',
    requirement.checks
  ])
}

/**
 * One compact entry: the requirement's reference and title (or, for several, their references) and
 * result, then once for all of them: why, the automated tests, the controls and evidence, and the
 * HIPAA decision.
 */
function writeEntry(pdf: PackDocument, framework: PackFramework, group: PackRequirement[]): void {
  const small = FONT_SIZE.small
  const first = group[0]!
  const titleWidth = pdf.width - RESULT_WIDTH - 6
  // One requirement: its reference and title. Several: their references (each title is in the matrix).
  const heading: Run[] =
    group.length === 1
      ? [{ text: `${first.ref}  ${first.title}`, font: 'bold' }]
      : [
          ...group.map((requirement): Run => ({ text: requirement.ref, font: 'bold' })),
          { text: `(${group.length} requirements)`, color: COLORS.muted }
        ]
  const body: Run[] = reasonsShown(first).map((reason) => ({ text: reason }))
  if (first.result !== 'in-place') {
    for (const check of first.checks)
      body.push({ text: `Automated test: ${describeCheck(check)}.`, color: COLORS.muted })
  }
  if (first.controls.length > 0 || (first.applicable && first.result !== 'not-applicable')) {
    if (body.length) body.push({ text: '·', color: COLORS.muted })
    body.push(...links(first))
  }
  const decision = decisionLine(first)
  const height =
    pdf.measure(heading, titleWidth) +
    (body.length ? pdf.measure(body, pdf.width - 12, small) : 0) +
    (decision ? pdf.measure(decision, pdf.width - 12, small) : 0)
  pdf.keepTogether(height + 4)
  for (const requirement of group) pdf.destination(destinations.requirement(framework.id, requirement.ref))
  const y = pdf.doc.y
  if (first.result) {
    pdf
      .font('bold', FONT_SIZE.body, RESULT_COLORS[first.result])
      .text(resultLabel(first.result), pdf.left + pdf.width - RESULT_WIDTH, y, {
        width: RESULT_WIDTH,
        align: 'right',
        lineBreak: false
      })
  }
  pdf.doc.y = y
  pdf.runs(heading, { width: titleWidth })
  if (body.length) pdf.runs(body, { size: small, indent: 12 })
  if (decision) pdf.runs(decision, { size: small, indent: 12 })
  pdf.doc.y += 4
}

/**
 * One chapter per framework: every requirement with its result and why, the controls that meet it
 * (described once, in the Controls chapter) and its evidence. Neighbouring requirements with the
 * same result for the same reasons, controls and evidence share one entry (not applicable ones
 * with one reason most of all). Grouping headings become bookmarks.
 */
export function writeRequirements(pdf: PackDocument, content: PackContent, progress: () => void): void {
  for (const framework of content.frameworks) {
    const destination = destinations.framework(framework.id)
    const chapter = pdf.section(`${framework.name}: requirements`, destination)
    if (framework.notice) pdf.small(framework.notice)
    pdf.space(0.6)
    let pending: PackRequirement[] = []
    const flush = (): void => {
      if (pending.length) writeEntry(pdf, framework, pending)
      pending = []
    }
    for (const requirement of framework.requirements) {
      progress()
      if (!requirement.assessable) {
        flush()
        if (requirement.depth === 0) {
          pdf.heading(`${requirement.ref}  ${requirement.title}`, `${destination}-${requirement.ref}`, 'h2', chapter)
        }
        continue
      }
      if (pending.length > 0 && signature(pending[0]!) !== signature(requirement)) flush()
      pending.push(requirement)
    }
    flush()
  }
}
