import { createWriteStream } from 'node:fs'
import { pipeline } from 'node:stream/promises'
import {
  CONTROL_STATUS_LABELS,
  EVIDENCE_KIND_LABELS,
  FRESHNESS_LABELS,
  RESPONSIBILITY_LABELS
} from '../../../shared/domain'
import type { AuditEntry, ControlDetail, EvidenceSummary, FrameworkName } from '../../../shared/types'
import { COLORS, FONT_SIZE, PackDocument, type Cell } from '../packs/pdf/pack-document'
import { hashingTap } from '../util/hashing-tap'

/** Everything one control's record prints, read from the register by ControlRecords. */
export interface ControlRecordContent {
  organisation: string
  control: ControlDetail
  frameworks: FrameworkName[]
  evidence: EvidenceSummary[]
  history: AuditEntry[]
  accountNames: Record<string, string>
  generatedAt: string
  generatedBy: string
}

const DESTINATIONS = {
  top: 'control-record',
  statement: 'control-statement',
  responsibility: 'control-responsibility',
  mappings: 'control-mappings',
  evidence: 'control-evidence',
  history: 'control-history'
} as const

/**
 * One control's record as a PDF, in the pack's typography (PackDocument, the same fonts, text from
 * files shown escaped): its statement, responsibility and rationale, the requirements it meets, its
 * evidence with SHA-256 and its history from the audit log. Written to `path` (which must not exist).
 */
export async function writeControlRecordPdf(
  content: ControlRecordContent,
  options: { fontsDir: string; path: string }
): Promise<{ pages: number; sha256: string; size: number }> {
  const { control } = content
  const pdf = new PackDocument(options.fontsDir, {
    title: `${control.id} ${control.title}: control record`,
    author: content.generatedBy,
    subject: `The record of control ${control.id} in ${content.organisation}'s register`,
    created: new Date(content.generatedAt)
  })
  const tap = hashingTap()
  const written = pipeline(pdf.doc, tap.stream, createWriteStream(options.path, { flags: 'wx', mode: 0o600 }))

  pdf.heading(`${control.id}  ${control.title}`, DESTINATIONS.top, 'h1')
  pdf.small(
    `Control record of ${content.organisation}, printed ${content.generatedAt.slice(0, 10)} by ${content.generatedBy}`
  )
  pdf.space()
  pdf.facts([
    ['Status', CONTROL_STATUS_LABELS[control.status]],
    ['Owner', control.owner || 'No owner'],
    ['Responsibility', RESPONSIBILITY_LABELS[control.responsibility]],
    ['Domain', control.domain],
    ['AWS services', control.awsServices.join(', ')],
    ['Origin', control.origin === 'library' ? 'Starter library' : "The organisation's own"],
    ['Version', `${control.version}, last changed ${control.updatedAt.slice(0, 10)}`],
    ...(control.status === 'not-applicable'
      ? ([['Why it does not apply', control.notApplicableReason || 'No reason recorded']] as [string, string][])
      : [])
  ])

  pdf.heading('Statement', DESTINATIONS.statement, 'h2')
  pdf.paragraph(control.statement || 'No statement recorded.')

  pdf.heading('Responsibility and rationale', DESTINATIONS.responsibility, 'h2')
  pdf.paragraph(RESPONSIBILITY_LABELS[control.responsibility], { font: 'bold' })
  pdf.paragraph(control.rationale || 'No rationale recorded.')
  if (control.notes) {
    pdf.space()
    pdf.paragraph('Notes', { font: 'bold' })
    pdf.paragraph(control.notes)
  }

  const frameworkName = (id: string): string => content.frameworks.find((item) => item.id === id)?.shortName ?? id
  pdf.heading(`Requirements it meets (${control.requirements.length})`, DESTINATIONS.mappings, 'h2')
  if (control.requirements.length === 0) pdf.paragraph('Not mapped to any requirement.')
  else
    pdf.table(
      [
        { label: 'Framework', width: 70 },
        { label: 'Reference', width: 90 },
        { label: 'Requirement', width: pdf.width - 160 }
      ],
      control.requirements.map((mapping): Cell[] => [
        [{ text: frameworkName(mapping.framework) }],
        [{ text: mapping.ref, font: 'mono' }],
        [{ text: mapping.title }]
      ]),
      { zebra: true }
    )

  pdf.heading(`Evidence (${content.evidence.length})`, DESTINATIONS.evidence, 'h2')
  if (content.evidence.length === 0) pdf.paragraph('No evidence is linked to this control.')
  for (const item of content.evidence) {
    const accounts = item.accounts.length
      ? item.accounts.map((id) => `${content.accountNames[id] ?? 'not in the register'} (${id})`).join(', ')
      : 'The whole organisation'
    const dates = [
      item.effectiveDate ? `effective ${item.effectiveDate}` : null,
      item.periodStart && item.periodEnd ? `covers ${item.periodStart} to ${item.periodEnd}` : null,
      item.reviewBy ? `review by ${item.reviewBy}` : null
    ]
      .filter(Boolean)
      .join(', ')
    pdf.keepTogether(pdf.lineHeight(FONT_SIZE.body) * 6)
    pdf.runs([
      { text: item.id, font: 'bold' },
      { text: ` ${item.title}`, font: 'bold' },
      ...(item.removed ? [{ text: ' (removed)', color: COLORS.red }] : [])
    ])
    pdf.facts(
      [
        ['Kind', `${EVIDENCE_KIND_LABELS[item.kind]} · ${FRESHNESS_LABELS[item.freshness]}`],
        ['Dates', dates],
        ['Accounts', accounts],
        ['File', `${item.originalName} (${item.size} bytes)`],
        ['SHA-256', item.sha256]
      ],
      90
    )
    pdf.space(0.5)
  }

  pdf.heading(
    `History (${content.history.length} ${content.history.length === 1 ? 'entry' : 'entries'})`,
    DESTINATIONS.history,
    'h2'
  )
  pdf.table(
    [
      { label: 'When (UTC)', width: 100 },
      { label: 'Who', width: 90 },
      { label: 'What', width: pdf.width - 190 }
    ],
    content.history.map((entry): Cell[] => [
      [{ text: entry.at.slice(0, 19).replace('T', ' ') }],
      [{ text: entry.actor }],
      [{ text: entry.summary }]
    ]),
    { zebra: true }
  )
  pdf.small('From the register’s hash-chained audit log; every change is recorded with its before and after values.')

  const pages = pdf.finish(
    (page, count) => `Confidential · ${content.organisation} · control record ${control.id} · Page ${page} of ${count}`
  )
  await written
  return { pages, sha256: tap.hash.digest('hex'), size: tap.size() }
}
