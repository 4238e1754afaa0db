import { COLORS, type PackDocument } from '../pack-document'

export interface ContentsEntry {
  title: string
  destination: string
  level: 0 | 1
  page?: number
}

const LINES_PER_PAGE = 42

/**
 * The table of contents, written in two passes: its pages are reserved before the sections are
 * written (their number is known from the entries), and filled once every section's page is known.
 */
export class Contents {
  private firstPage = 0
  private pages = 0

  constructor(private readonly entries: ContentsEntry[]) {}

  reserve(pdf: PackDocument): void {
    this.pages = Math.max(1, Math.ceil((this.entries.length + 2) / LINES_PER_PAGE))
    for (let page = 0; page < this.pages; page++) pdf.doc.addPage()
    this.firstPage = pdf.doc.bufferedPageRange().count - this.pages
  }

  /** Records that the entry with this destination starts on the current page. */
  mark(pdf: PackDocument, destination: string): void {
    const entry = this.entries.find((candidate) => candidate.destination === destination)
    if (entry) entry.page = pdf.doc.bufferedPageRange().count
  }

  write(pdf: PackDocument): void {
    const { doc } = pdf
    let page = this.firstPage
    doc.switchToPage(page)
    doc.y = doc.page.margins.top
    pdf.font('bold', 18).text('Contents', pdf.left, doc.y)
    doc.moveDown(0.8)
    let line = 2
    for (const entry of this.entries) {
      if (line >= LINES_PER_PAGE) {
        doc.switchToPage(++page)
        doc.y = doc.page.margins.top
        line = 0
      }
      const y = doc.y
      const indent = entry.level * 14
      pdf.font(entry.level === 0 ? 'bold' : 'regular', entry.level === 0 ? 10 : 9, COLORS.ink)
      doc.text(entry.title, pdf.left + indent, y, {
        lineBreak: false,
        goTo: entry.destination
      })
      pdf.font('regular', 9, COLORS.muted)
      doc.text(String(entry.page ?? ''), pdf.left + pdf.width - 40, y, { width: 40, align: 'right', lineBreak: false })
      doc.y = y + 15.5
      line++
    }
  }
}
