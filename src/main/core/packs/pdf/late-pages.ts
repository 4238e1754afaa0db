/**
 * What is printed on a page only once the whole document is known (page numbers of later
 * destinations, "page X of Y"), without keeping the page itself: each page is given, when it
 * starts, a second content stream of its own that stays open (a number in the file's object table,
 * no bytes yet) and is written at the end. The page's own content is written out and released as
 * soon as the next page starts, as pdfkit does without buffered pages.
 *
 * The streams of a page are one content stream read in turn, so the graphics state is saved in a
 * one-byte stream all pages share before their own content ("q") and restored at the start of the
 * late one ("Q"): what the page drew leaves nothing behind for the late stream.
 */

/** The parts of pdfkit's page and reference this relies on (documented objects, untyped in @types/pdfkit). */
interface PdfReference {
  write(chunk: string | Uint8Array): void
  end(chunk?: string | Uint8Array): void
}

interface PdfFont {
  id: string
  ref(): PdfReference
}

interface PdfPage {
  width: number
  height: number
  margins: PDFKit.PDFPage['margins']
  content: PdfReference
  dictionary: { data: { Contents: unknown } }
  fonts: Record<string, PdfReference>
  markings: unknown[]
}

interface PdfDocumentInternals {
  page: PdfPage
  _font: PdfFont
  _ctm: number[]
  ref(data?: unknown): PdfReference
}

/**
 * A page's content stream takes pdfkit's operators as lines of text and turns each into bytes of
 * its own as it comes (a few hundred per page); gathered instead, they become bytes once, when the
 * stream ends: the same bytes (pdfkit's own encoding: a byte per character, a newline after each).
 */
function gatherLines(content: PdfReference): void {
  const write = content.write.bind(content)
  const end = content.end.bind(content)
  let lines: string[] = []
  const flush = (): void => {
    if (lines.length === 0) return
    lines.push('')
    write(Buffer.from(lines.join('\n'), 'latin1'))
    lines = []
  }
  content.write = (chunk: string | Uint8Array) => {
    if (typeof chunk === 'string') lines.push(chunk)
    else {
      flush()
      write(chunk)
    }
  }
  content.end = (chunk?: string | Uint8Array) => {
    if (chunk) content.write(chunk)
    flush()
    end()
  }
}

interface LatePage {
  stream: PdfReference
  width: number
  height: number
  margins: PDFKit.PDFPage['margins']
}

export class LatePages {
  private readonly pages: LatePage[] = []
  private readonly save: PdfReference
  private readonly font: PdfFont

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    /** The font late text is written in: made a resource of every page as it starts. */
    private readonly fontPath: string
  ) {
    this.save = this.internals.ref()
    this.save.end('q')
    this.font = (this.doc.font(fontPath) as unknown as PdfDocumentInternals)._font
    // pdfkit started the first page before anyone could listen.
    this.pageAdded()
  }

  private get internals(): PdfDocumentInternals {
    return this.doc as unknown as PdfDocumentInternals
  }

  /** Pages started so far. */
  get count(): number {
    return this.pages.length
  }

  /** Gives the page just started its late stream and the late text's font. */
  pageAdded(): void {
    const doc = this.internals
    const page = doc.page
    gatherLines(page.content)
    const stream = doc.ref()
    page.dictionary.data.Contents = [this.save, page.content, stream]
    doc.page.fonts[this.font.id] ??= this.font.ref()
    this.pages.push({ stream, width: page.width, height: page.height, margins: page.margins })
  }

  /** Makes the current font a resource of the current page, so late text on it may use it. */
  useCurrentFont(): void {
    const doc = this.internals
    doc.page.fonts[doc._font.id] ??= doc._font.ref()
  }

  /**
   * Writes the late stream of page `index` (0-based): `draw` uses the document as usual, its
   * operators go to that stream. Each page's is written once, in any order, before the document ends.
   */
  fill(index: number, draw: () => void): void {
    const doc = this.internals
    const late = this.pages[index]!
    const page = doc.page
    const ctm = doc._ctm
    const { x, y } = this.doc
    // Text drawn on this stand-in goes to the late stream; its fonts are already the page's resources.
    doc.page = {
      ...late,
      content: late.stream,
      dictionary: { data: { Contents: null } },
      fonts: {},
      markings: [],
      maxY: () => late.height - late.margins.bottom,
      write: (chunk: string | Uint8Array) => late.stream.write(chunk)
    } as unknown as PdfPage
    try {
      late.stream.write('Q')
      doc._ctm = [1, 0, 0, 1, 0, 0]
      this.doc.transform(1, 0, 0, -1, 0, late.height)
      draw()
      late.stream.end()
    } finally {
      doc.page = page
      doc._ctm = ctm
      this.doc.x = x
      this.doc.y = y
    }
  }
}
