import { COLORS, type PackDocument } from '../pack-document'

export interface ContentsEntry {
  title: string
  destination: string
  level: 0 | 1
}

const LINES_PER_PAGE = 42

/**
 * The table of contents, on pages of its own after the cover: every entry links to its section,
 * and the section's page number is printed once the section is written (PackDocument.pageRef).
 */
export function writeContents(pdf: PackDocument, entries: ContentsEntry[]): void {
  const { doc } = pdf
  doc.addPage()
  pdf.element('H1', () => pdf.font('bold', 18).text('Contents', pdf.left, doc.y), { title: 'Contents' })
  doc.moveDown(0.8)
  let line = 2
  pdf.element('TOC', () => {
    for (const entry of entries) {
      if (line >= LINES_PER_PAGE) {
        doc.addPage()
        line = 0
      }
      const y = doc.y
      const indent = entry.level * 14
      pdf.element('TOCI', () => {
        pdf.font(entry.level === 0 ? 'bold' : 'regular', entry.level === 0 ? 10 : 9, COLORS.ink)
        pdf.linkedText(
          entry.title,
          pdf.left + indent,
          y,
          entry.destination,
          { lineBreak: false },
          `Go to ${entry.title}`
        )
        pdf.pageRef(entry.destination, pdf.left + pdf.width - 40, y, 40, { size: 9 }, entry.title)
      })
      doc.y = y + 15.5
      line++
    }
  })
}
