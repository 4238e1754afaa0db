import { join } from 'node:path'
import PDFDocument from 'pdfkit'

export const COLORS = {
  ink: '#1a1d23',
  muted: '#5b6472',
  faint: '#8a93a0',
  rule: '#d9dde3',
  band: '#f3f4f6',
  accent: '#3451b2',
  aws: '#d9640a',
  shared: '#6e56cf',
  customer: '#0b8daa',
  implemented: '#2f8a4e',
  inProgress: '#3b82c4',
  planned: '#c58a00',
  notStarted: '#9aa3ad',
  notApplicable: '#c9ced6',
  red: '#c93a3a'
} as const

export interface Column {
  label: string
  width: number
  font?: 'regular' | 'bold' | 'mono'
  align?: 'left' | 'right' | 'center'
}

export interface Cell {
  text: string
  color?: string
  /** A named destination the cell links to. */
  goTo?: string
}

const ROW_HEIGHT = 14
const FONT_SIZE = { body: 8.5, small: 7.5, h1: 18, h2: 12, h3: 10 }
const ELLIPSIS = '…'

/** What pdfkit keeps of a page's content stream until the document ends: one small chunk per operator. */
interface BufferedContent {
  buffer?: unknown
}

/**
 * Joins a finished page's content chunks into one. With buffered pages pdfkit keeps every operator
 * it wrote as a chunk of its own until the end (about a thousand per page of tables); joined, a
 * long pack's pages take a fraction of the memory. Later writes to the page (footers) still append.
 */
function compactContent(page: PDFKit.PDFPage | null): void {
  const content = (page as unknown as { content?: BufferedContent } | null)?.content
  if (content && Array.isArray(content.buffer) && content.buffer.length > 1) {
    content.buffer = [Buffer.concat(content.buffer as Uint8Array[])]
  }
}

/**
 * The longest start of `text` that fits in `width` with an ellipsis after it (or the text itself
 * when it fits). The cut is found by adding up the characters' own widths, which pdfkit caches
 * per character; measuring each candidate whole would lay out a new word every time.
 */
function fitted(text: string, width: number, widthOf: (text: string) => number): string {
  if (widthOf(text) <= width) return text
  const room = width - widthOf(ELLIPSIS)
  let used = 0
  let count = 0
  for (const character of text) {
    used += widthOf(character)
    if (used > room) break
    count += character.length
  }
  return text.slice(0, count).trimEnd() + ELLIPSIS
}

/**
 * pdfkit with the pack's typography: the project's own fonts (embedded, chosen by path so they are
 * parsed once), headings that add bookmarks and link targets, single-line table rows measured
 * in one go, and page breaks that repeat a table's header. Pages are buffered so the table
 * of contents and the "page X of Y" footers can be written at the end.
 */
export class PackDocument {
  readonly doc: PDFKit.PDFDocument
  private readonly fonts: Record<'regular' | 'bold' | 'italic' | 'mono', string>
  /** Called after every automatic page break (tables repeat their header there). */
  private onNewPage: (() => void) | null = null
  /** Told of every heading's link target as it is written (the table of contents records its page). */
  onHeading: ((destination: string) => void) | null = null

  constructor(fontsDir: string, info: { title: string; author: string; subject: string; created: Date }) {
    this.fonts = {
      regular: join(fontsDir, 'NotoSans-Regular.ttf'),
      bold: join(fontsDir, 'NotoSans-Bold.ttf'),
      italic: join(fontsDir, 'NotoSans-Italic.ttf'),
      mono: join(fontsDir, 'NotoSansMono-Regular.ttf')
    }
    this.doc = new PDFDocument({
      size: 'A4',
      margins: { top: 56, bottom: 56, left: 50, right: 50 },
      bufferPages: true,
      pdfVersion: '1.7',
      subset: 'PDF/A-3b',
      lang: 'en-GB',
      displayTitle: true,
      font: this.fonts.regular,
      info: {
        Title: info.title,
        Author: info.author,
        Subject: info.subject,
        Creator: 'Evidence Desk',
        CreationDate: info.created,
        ModDate: info.created
      }
    })
    let previous: PDFKit.PDFPage | null = this.doc.page
    this.doc.on('pageAdded', () => {
      compactContent(previous)
      previous = this.doc.page
      this.onNewPage?.()
    })
  }

  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right
  }

  get left(): number {
    return this.doc.page.margins.left
  }

  /** Sets the font, size and colour, and returns pdfkit's document for the text that follows. */
  font(
    kind: keyof PackDocument['fonts'],
    size: number = FONT_SIZE.body,
    color: string = COLORS.ink
  ): PDFKit.PDFDocument {
    return this.doc.font(this.fonts[kind]).fontSize(size).fillColor(color)
  }

  /** Starts a section on a new page, with a bookmark and a link target. */
  section(title: string, destination: string, outline = this.doc.outline): PDFKit.PDFOutline {
    this.doc.addPage()
    return this.heading(title, destination, 'h1', outline)
  }

  heading(
    title: string,
    destination: string,
    level: 'h1' | 'h2' | 'h3',
    outline: PDFKit.PDFOutline = this.doc.outline
  ): PDFKit.PDFOutline {
    const size = FONT_SIZE[level]
    this.ensureSpace(size * 3)
    this.doc.addNamedDestination(destination)
    this.onHeading?.(destination)
    const item = outline.addItem(title)
    this.font('bold', size, level === 'h1' ? COLORS.ink : COLORS.accent).text(title, this.left, this.doc.y, {
      width: this.width
    })
    this.doc.moveDown(level === 'h1' ? 0.6 : 0.3)
    return item
  }

  paragraph(
    text: string,
    options: { font?: 'regular' | 'italic' | 'bold'; size?: number; color?: string; indent?: number } = {}
  ): void {
    if (!text) return
    this.font(options.font ?? 'regular', options.size ?? FONT_SIZE.body, options.color ?? COLORS.ink)
    const x = this.left + (options.indent ?? 0)
    const width = this.width - (options.indent ?? 0)
    // Most of a pack's paragraphs are one line: those need no wrapping, only a check that they fit.
    if (!text.includes('\n') && this.doc.widthOfString(text) <= width) {
      this.ensureSpace(this.doc.currentLineHeight(true))
      this.line(text, x, this.doc.y, width)
      return
    }
    this.doc.text(text, x, this.doc.y, { width })
  }

  small(text: string, color: string = COLORS.muted, indent = 0): void {
    this.paragraph(text, { size: FONT_SIZE.small, color, indent })
  }

  space(lines = 0.5): void {
    this.doc.moveDown(lines)
  }

  /** Label: value lines, the labels in a column of their own. */
  facts(rows: [string, string][], labelWidth = 120): void {
    for (const [label, value] of rows) {
      this.ensureSpace(ROW_HEIGHT * 2)
      const y = this.doc.y
      this.font('bold', FONT_SIZE.body, COLORS.muted).text(label, this.left, y, { width: labelWidth - 8 })
      this.font('regular').text(value || '—', this.left + labelWidth, y, { width: this.width - labelWidth })
      this.doc.y = Math.max(this.doc.y, y + ROW_HEIGHT)
    }
  }

  /** Makes room for `height` points, starting a new page when the current one cannot hold it. */
  ensureSpace(height: number): void {
    if (this.doc.y + height > this.doc.page.height - this.doc.page.margins.bottom) this.doc.addPage()
  }

  /**
   * One line of text in a box of `width` points, cut with an ellipsis when it is longer, in the
   * current font; the next line starts below it. Measured here in one go: pdfkit's line wrapper
   * would measure it word by word, which was the bulk of a table's cost.
   */
  line(
    text: string,
    x: number,
    y: number,
    width: number,
    options: { align?: 'left' | 'right' | 'center'; goTo?: string } = {}
  ): void {
    const shown = fitted(text.replace(/\s+/g, ' ').trim(), width, (candidate) => this.doc.widthOfString(candidate))
    const room = options.align && options.align !== 'left' ? width - this.doc.widthOfString(shown) : 0
    const offset = options.align === 'right' ? room : options.align === 'center' ? room / 2 : 0
    this.doc.text(shown, x + Math.max(0, offset), y, {
      lineBreak: false,
      ...(options.goTo ? { goTo: options.goTo } : {})
    })
    this.doc.x = x
    this.doc.y = y + this.doc.currentLineHeight(true)
  }

  /** A table whose rows are one line each: cells are cut with an ellipsis rather than wrapped. */
  table(columns: Column[], rows: Iterable<Cell[]>, options: { zebra?: boolean } = {}): void {
    const header = (): void => {
      const y = this.doc.y
      this.doc.rect(this.left, y, this.width, ROW_HEIGHT + 2).fill(COLORS.band)
      let x = this.left
      for (const column of columns) {
        this.font('bold', FONT_SIZE.small, COLORS.muted)
        this.line(column.label, x + 3, y + 4, column.width - 6, { align: column.align ?? 'left' })
        x += column.width
      }
      this.doc.y = y + ROW_HEIGHT + 3
    }
    this.ensureSpace(ROW_HEIGHT * 3)
    header()
    this.onNewPage = header
    let index = 0
    for (const cells of rows) {
      this.ensureSpace(ROW_HEIGHT)
      const y = this.doc.y
      if (options.zebra && index % 2 === 1) this.doc.rect(this.left, y - 1, this.width, ROW_HEIGHT).fill(COLORS.band)
      let x = this.left
      cells.forEach((cell, column) => {
        const spec = columns[column]!
        this.font(spec.font ?? 'regular', FONT_SIZE.small, cell.color ?? (cell.goTo ? COLORS.accent : COLORS.ink))
        this.line(cell.text, x + 3, y + 2, spec.width - 6, {
          align: spec.align ?? 'left',
          ...(cell.goTo ? { goTo: cell.goTo } : {})
        })
        x += spec.width
      })
      this.doc.y = y + ROW_HEIGHT
      index++
    }
    this.onNewPage = null
    this.doc.moveDown(0.5)
  }

  /** A horizontal bar split into coloured parts, with its legend below. */
  stackedBar(parts: { label: string; value: number; color: string }[], width = this.width, height = 10): void {
    const total = parts.reduce((sum, part) => sum + part.value, 0)
    this.ensureSpace(height + 24)
    const y = this.doc.y
    this.doc.rect(this.left, y, width, height).fill(COLORS.band)
    let x = this.left
    for (const part of parts) {
      if (total === 0 || part.value === 0) continue
      const segment = (part.value / total) * width
      this.doc.rect(x, y, segment, height).fill(part.color)
      x += segment
    }
    let legendX = this.left
    const legendY = y + height + 4
    for (const part of parts) {
      this.doc.rect(legendX, legendY + 2, 6, 6).fill(part.color)
      const label = `${part.label} ${part.value}`
      this.font('regular', FONT_SIZE.small, COLORS.muted).text(label, legendX + 9, legendY, { lineBreak: false })
      legendX += 9 + this.doc.widthOfString(label) + 12
    }
    this.doc.y = legendY + 14
  }

  /** Writes the footer on every page (after all content, when the page count is known). */
  footers(text: (page: number, pages: number) => string): number {
    const range = this.doc.bufferedPageRange()
    for (let index = range.start; index < range.start + range.count; index++) {
      this.doc.switchToPage(index)
      const bottom = this.doc.page.margins.bottom
      this.doc.page.margins.bottom = 0
      this.font('regular', 7, COLORS.faint).text(text(index + 1, range.count), this.left, this.doc.page.height - 34, {
        width: this.width,
        align: 'center',
        lineBreak: false
      })
      this.doc.page.margins.bottom = bottom
    }
    return range.count
  }
}

export { FONT_SIZE, ROW_HEIGHT }
