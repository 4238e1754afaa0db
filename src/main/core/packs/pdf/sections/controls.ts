import { FRESHNESS_LABELS } from '../../../../../shared/domain'
import type { PackContent, PackControl, PackEvidence } from '../../pack-content'
import { destinations, period, responsibilityLabel, STATUS_COLORS, statusLabel } from '../labels'
import { COLORS, FONT_SIZE, type PackDocument, type Run } from '../pack-document'

interface Block {
  runs: Run[]
  size: number
  indent: number
}

/** The lines of one control's entry, so its height can be measured before it is written. */
function blocks(content: PackContent, control: PackControl, evidence: Map<string, PackEvidence>): Block[] {
  const small = FONT_SIZE.small
  const list: Block[] = [
    {
      runs: [
        { text: `${control.id}  ${control.title}  `, font: 'bold' },
        { text: statusLabel(control.status), font: 'bold', color: STATUS_COLORS[control.status] }
      ],
      size: FONT_SIZE.h3,
      indent: 0
    },
    {
      runs: [
        {
          text: [
            responsibilityLabel(control.responsibility),
            control.owner ? `owner ${control.owner}` : 'no owner',
            control.domain,
            control.awsServices.length ? `AWS: ${control.awsServices.join(', ')}` : ''
          ]
            .filter(Boolean)
            .join(' · '),
          color: COLORS.muted
        }
      ],
      size: small,
      indent: 0
    }
  ]
  if (control.statement) list.push({ runs: [{ text: control.statement }], size: FONT_SIZE.body, indent: 0 })
  if (control.rationale) {
    // The library's rationales begin with who is responsible ("Customer: …"); others are introduced.
    const label = responsibilityLabel(control.responsibility)
    const introduced = control.rationale.toLowerCase().startsWith(label.toLowerCase())
    list.push({
      runs: [
        ...(introduced ? [] : [{ text: `${label}: `, font: 'bold' as const, color: COLORS.muted }]),
        { text: control.rationale, color: COLORS.muted }
      ],
      size: small,
      indent: 0
    })
  }
  if (control.status === 'not-applicable') {
    list.push({
      runs: [
        { text: 'Not applicable: ', font: 'bold' },
        { text: control.notApplicableReason || 'no reason recorded (an open item).' }
      ],
      size: small,
      indent: 0
    })
  }
  if (control.addedReason) {
    list.push({
      runs: [{ text: 'Added to this pack: ', font: 'bold' }, { text: control.addedReason }],
      size: small,
      indent: 0
    })
  }
  const meets: Run[] = []
  if (control.requirements.length) {
    const shortName = new Map(content.frameworks.map((framework) => [framework.id, framework.shortName]))
    const runs = meets
    runs.push({ text: 'Meets:', font: 'bold' })
    let previous = ''
    for (const { framework, ref } of control.requirements) {
      const name = shortName.get(framework) ?? framework
      runs.push({
        text: `${name !== previous ? `${name} ` : ''}${ref}`,
        goTo: destinations.requirement(framework, ref)
      })
      previous = name
    }
  }
  if (control.status !== 'not-applicable' && control.evidenceInForce === 0) {
    meets.push({
      text: `${meets.length ? '· ' : ''}${
        control.responsibility === 'aws'
          ? 'No AWS report covering the audit period is in this pack.'
          : 'No evidence in force for the audit period is in this pack.'
      }`,
      color: COLORS.red
    })
  }
  if (meets.length) list.push({ runs: meets, size: small, indent: 0 })
  for (const id of control.evidence) {
    const item = evidence.get(id)!
    list.push({
      runs: [
        { text: item.id, goTo: destinations.evidence(item.id) },
        { text: ` ${item.title} · ` },
        {
          text: `${item.periodStart ? `period ${period(item.periodStart, item.periodEnd)}` : `effective ${item.effectiveDate ?? '—'}`} · review by ${item.reviewBy ?? '—'} · ${FRESHNESS_LABELS[item.freshness]}`,
          color: item.freshness === 'expired' ? COLORS.red : COLORS.muted
        }
      ],
      size: small,
      indent: 10
    })
  }
  return list
}

/** Every control of the pack described once, in one chapter, linked from every place that cites it. */
export function writeControls(pdf: PackDocument, content: PackContent, progress: () => void): void {
  pdf.section('Controls', destinations.controls)
  pdf.paragraph(
    'Each control of the pack once: its statement, who is responsible and why, its status and owner, the requirements it meets and its evidence in this pack, judged on the day shown in the scope.',
    { color: COLORS.muted }
  )
  pdf.space(0.6)
  const evidence = new Map(content.evidence.map((item) => [item.id, item]))
  for (const control of Object.values(content.controls)) {
    progress()
    const entry = blocks(content, control, evidence)
    const height = entry.reduce((sum, block) => sum + pdf.measure(block.runs, pdf.width - block.indent, block.size), 0)
    pdf.keepTogether(height + 6)
    pdf.destination(destinations.control(control.id))
    for (const block of entry) pdf.runs(block.runs, { size: block.size, indent: block.indent })
    pdf.doc.y += 6
  }
}
