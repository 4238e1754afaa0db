import { EVIDENCE_KIND_LABELS } from '../../../../../shared/domain'
import type { PackContent } from '../../pack-content'
import { destinations, formatBytes, period } from '../labels'
import { COLORS, ROW_HEIGHT, type PackDocument } from '../pack-document'

const COLUMNS = [
  { label: 'ID', width: 52 },
  { label: 'Title', width: 168 },
  { label: 'Kind', width: 82 },
  { label: 'Effective', width: 50 },
  { label: 'Period', width: 98 },
  { label: 'Size', width: 45 }
]

/** Every evidence file: id, title, kind, dates, size and full SHA-256 (the attachment's name below it). */
export function writeEvidenceIndex(pdf: PackDocument, content: PackContent, progress: () => void): void {
  const { doc } = pdf
  pdf.section('Evidence index', destinations.evidenceIndex)
  pdf.paragraph(
    'Each file below is attached to this PDF under the name shown (open the attachments panel of your PDF reader). Its SHA-256 is the hash recorded in the signed manifest.',
    { color: COLORS.muted }
  )
  pdf.space(0.6)
  const header = (): void => {
    const y = doc.y
    doc.rect(pdf.left, y, pdf.width, ROW_HEIGHT + 2).fill(COLORS.band)
    let x = pdf.left
    for (const column of COLUMNS) {
      pdf.font('bold', 7.5, COLORS.muted)
      pdf.line(column.label, x + 3, y + 4, column.width - 6)
      x += column.width
    }
    doc.y = y + ROW_HEIGHT + 3
  }
  header()
  for (const item of content.evidence) {
    progress()
    if (doc.y + ROW_HEIGHT * 3 > doc.page.height - doc.page.margins.bottom) {
      doc.addPage()
      header()
    }
    const y = doc.y
    doc.addNamedDestination(destinations.evidence(item.id))
    const cells = [
      item.id,
      item.title,
      EVIDENCE_KIND_LABELS[item.kind],
      item.effectiveDate ?? '—',
      period(item.periodStart, item.periodEnd),
      formatBytes(item.size)
    ]
    let x = pdf.left
    cells.forEach((text, index) => {
      const width = COLUMNS[index]!.width
      pdf.font(index === 0 ? 'bold' : 'regular', 7.5)
      pdf.line(text, x + 3, y + 2, width - 6)
      x += width
    })
    pdf.font('mono', 6.8, COLORS.muted)
    pdf.line(`SHA-256 ${item.sha256}`, pdf.left + 55, y + ROW_HEIGHT, pdf.width - 55)
    pdf.font('regular', 6.8, COLORS.faint)
    pdf.line(`Attached as ${item.fileName}`, pdf.left + 55, y + ROW_HEIGHT * 1.8, pdf.width - 55)
    doc.rect(pdf.left, y + ROW_HEIGHT * 2.7, pdf.width, 0.4).fill(COLORS.rule)
    doc.y = y + ROW_HEIGHT * 2.8
  }
}
