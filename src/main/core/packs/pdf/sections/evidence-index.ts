import {
  EVIDENCE_KIND_LABELS,
  EVIDENCE_SOURCE_LABELS,
  FRESHNESS_LABELS,
  type EvidenceSource
} from '../../../../../shared/domain'
import type { PackContent, PackEvidence } from '../../pack-content'
import { destinations, formatBytes, period } from '../labels'
import { COLORS, FONT_SIZE, type Cell, type Column, type PackDocument, type Run } from '../pack-document'

const FRESHNESS_COLORS = { fresh: COLORS.implemented, expiring: COLORS.planned, expired: COLORS.red } as const
const RESULT_WIDTH = 70

const ROC_COLUMNS: Column[] = [
  { label: 'Reference number', width: 70 },
  { label: 'Document name (including version, if applicable)', width: 170 },
  { label: 'Document purpose', width: 185 },
  { label: 'Document revision date', width: 70 }
]

function sourceLabel(item: PackEvidence): string {
  const label = EVIDENCE_SOURCE_LABELS[item.source as EvidenceSource] ?? item.source
  return item.sourceDetail ? `${label} (${item.sourceDetail})` : label
}

function lines(item: PackEvidence, accountNames: Map<string, string>): { runs: Run[]; size: number }[] {
  const small = FONT_SIZE.small
  const facts = [
    EVIDENCE_KIND_LABELS[item.kind],
    sourceLabel(item),
    item.effectiveDate ? `effective ${item.effectiveDate}` : '',
    item.periodStart ? `covers ${period(item.periodStart, item.periodEnd)}` : '',
    `review by ${item.reviewBy ?? '—'}`,
    formatBytes(item.size)
  ].filter(Boolean)
  const supports: Run[] = [{ text: 'Supports:', font: 'bold' }]
  for (const control of item.controls) supports.push({ text: control, goTo: destinations.control(control) })
  if (item.requirements.length) supports.push({ text: `· ${item.requirements.join(', ')}`, color: COLORS.muted })
  return [
    { runs: [{ text: facts.join(' · '), color: COLORS.muted }], size: small },
    {
      runs: [
        { text: 'Accounts: ', font: 'bold' },
        {
          text: item.accounts.length
            ? item.accounts.map((id) => (accountNames.has(id) ? `${accountNames.get(id)} (${id})` : id)).join(', ')
            : 'the whole organisation'
        }
      ],
      size: small
    },
    { runs: supports, size: small },
    {
      runs: [
        { text: 'SHA-256 ', font: 'bold' },
        { text: item.sha256, font: 'mono' }
      ],
      size: small
    },
    {
      runs: [{ text: `Attached as ${item.fileName} · proposed reference ${item.docRef}`, color: COLORS.muted }],
      size: small
    }
  ]
}

/**
 * Every evidence file as a cross-reference: what it is, where it came from, the dates it speaks for
 * and its freshness on the day the pack judges evidence, the accounts, controls and requirements it
 * supports, and its SHA-256. For PCI DSS, also the Report on Compliance's documentation-evidence table.
 */
export function writeEvidenceIndex(pdf: PackDocument, content: PackContent, progress: () => void): void {
  const outline = pdf.section('Evidence index', destinations.evidenceIndex)
  pdf.paragraph(
    `Each file below is attached to this PDF under the name shown (open the attachments panel of your PDF reader) and is in the ZIP's evidence folders. Its SHA-256 is the hash recorded in the signed manifest. Freshness is judged on ${content.pack.judgedOn}.`,
    { color: COLORS.muted }
  )
  pdf.space(0.6)
  if (content.evidence.length === 0) pdf.paragraph('No evidence of the pack’s controls is dated in the audit period.')
  const accountNames = new Map(content.pack.accounts.map((account) => [account.accountId, account.name]))
  for (const item of content.evidence) {
    progress()
    const title: Run[] = [{ text: `${item.id}  ${item.title}`, font: 'bold' }]
    const detail = lines(item, accountNames)
    const height =
      pdf.measure(title, pdf.width - RESULT_WIDTH) +
      detail.reduce((sum, line) => sum + pdf.measure(line.runs, pdf.width - 12, line.size), 0)
    pdf.keepTogether(height + 6)
    pdf.destination(destinations.evidence(item.id))
    const y = pdf.doc.y
    pdf
      .font('bold', FONT_SIZE.body, FRESHNESS_COLORS[item.freshness])
      .text(FRESHNESS_LABELS[item.freshness], pdf.left + pdf.width - RESULT_WIDTH, y, {
        width: RESULT_WIDTH,
        align: 'right',
        lineBreak: false
      })
    pdf.doc.y = y
    pdf.runs(title, { width: pdf.width - RESULT_WIDTH - 6 })
    for (const line of detail) pdf.runs(line.runs, { size: line.size, indent: 12 })
    pdf.doc.y += 6
  }

  if (content.frameworks.some((framework) => framework.id === 'pci') && content.evidence.length > 0) {
    pdf.heading(
      'PCI DSS Report on Compliance: documentation evidence (section 6.4)',
      `${destinations.evidenceIndex}-roc`,
      'h2',
      outline,
      60
    )
    pdf.small(
      'Proposed reference numbers the assessor can adopt as they are: each stays the same in every pack of this register (DOC-0015 is always EV-0015).'
    )
    pdf.space(0.3)
    // Each row made as the table reaches it: a large pack's rows are never all held at once.
    const rows = function* (): Generator<Cell[]> {
      for (const item of content.evidence) {
        yield [
          [{ text: item.docRef, goTo: destinations.evidence(item.id), font: 'bold' }],
          [{ text: item.title }, { text: `(${item.originalName})`, color: COLORS.muted }],
          [{ text: `${EVIDENCE_KIND_LABELS[item.kind]} supporting ${item.controls.join(', ')}` }],
          [{ text: item.effectiveDate ?? item.periodEnd ?? '—' }]
        ]
      }
    }
    pdf.table(ROC_COLUMNS, rows(), { zebra: true })
  }
}
