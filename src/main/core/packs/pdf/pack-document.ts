import { join } from 'node:path'
import PDFDocument from 'pdfkit'
import { safeText } from '../../../../shared/safe-text'
import { destinationLabel } from './destinations'
import { LatePages } from './late-pages'
import { StructureTree, type ElementOptions, type StructureType } from './structure-tree'
import { writeNameTrees } from './trees'

export const COLORS = {
  ink: '#1a1d23',
  muted: '#4d5562',
  rule: '#d9dde3',
  band: '#f1f3f5',
  accent: '#2f4aa8',
  aws: '#b4520a',
  shared: '#6e56cf',
  customer: '#0a7490',
  implemented: '#2b7a46',
  inProgress: '#2f6fad',
  planned: '#a87400',
  notStarted: '#7d8793',
  notApplicable: '#aeb5bf',
  red: '#b42a2a'
} as const

/** Type sizes: body at 9 pt, tables and notes at 8 pt, never smaller. */
export const FONT_SIZE = { body: 9, small: 8, table: 8, h1: 17, h2: 12, h3: 10 } as const
const LEADING = 1.32

export type FontKind = 'regular' | 'bold' | 'italic' | 'mono'

/** A piece of text in a line: one style, optionally a link to a named destination in the PDF. */
export interface Run {
  text: string
  font?: FontKind
  color?: string
  goTo?: string
  /** Instead of text: the page number of this destination, printed once every page is known. */
  pageOf?: string
}

export interface Column {
  label: string
  width: number
  align?: 'left' | 'right'
}

interface PageRefStyle {
  font: FontKind
  size: number
  color: string
}

interface PageRef extends PageRefStyle {
  /** The page (0-based) the number is printed on. */
  page: number
  x: number
  y: number
  width: number
  destination: string
}

/** A table cell: runs that wrap within the column. */
export type Cell = Run[]

/** A piece of a wrapped line: the run it came from, its text and where it starts. */
interface Placed {
  run: Run
  text: string
  x: number
  /** Continues the word before it (a long word broken after a slash or hyphen): no space between. */
  glued?: boolean
}

/** How many measured widths are remembered at most (a few MB). */
const MAX_REMEMBERED_WIDTHS = 100_000

/** A word's glyphs as pdfkit lays them out (its fontkit run, scaled to thousandths of the font size). */
interface LaidOut {
  glyphs: unknown[]
  positions: unknown[]
  advanceWidth: number
}

/** Runs laid out one after another, as one run (new arrays: the parts stay as they were). */
function joined(parts: LaidOut[]): LaidOut {
  const glyphs: unknown[] = []
  const positions: unknown[] = []
  let advanceWidth = 0
  for (const part of parts) {
    for (const glyph of part.glyphs) glyphs.push(glyph)
    for (const position of part.positions) positions.push(position)
    advanceWidth += part.advanceWidth
  }
  return { glyphs, positions, advanceWidth }
}

/** pdfkit's embedded font (untyped in @types/pdfkit): it lays out text word by word, each word once. */
interface PdfFont {
  layoutCache?: Record<string, LaidOut>
  layoutCached(text: string): LaidOut
  layoutRun(text: string): LaidOut
  widthOfString(text: string, size: number): number
}

/**
 * Laid-out words are remembered in two generations of this many each: a word used again moves to
 * the newer one, and the older is forgotten when the newer fills up. A pack's ids and numbers
 * (controls, requirements, evidence) come back sections apart, so more are kept than a word list
 * needs, but a pack of any size holds a bounded number.
 */
const LAID_OUT_GENERATION = 25_000
/**
 * Words longer than this (hashes, file names, references) rarely come back: only the last few
 * are remembered, for drawing what was just measured.
 */
const LONG_WORD = 24
const MAX_LAID_OUT_LONG_WORDS = 256

/** The parts of a finished pdfkit page that hold its annotations and resources (untyped in @types/pdfkit). */
interface FinishedPage {
  dictionary: { data: unknown }
  resources: { data: unknown }
}

/** Lets go of a page pdfkit has written: its dictionary and resources are referred to by number alone. */
function releasePage(page: PDFKit.PDFPage): void {
  const finished = page as unknown as FinishedPage
  finished.dictionary.data = {}
  finished.resources.data = {}
}

/** A glyph's position in a laid-out word (fontkit's, scaled by pdfkit), read and never changed once laid out. */
interface Position {
  xAdvance: number
  yAdvance: number
  xOffset: number
  yOffset: number
  advanceWidth: number
}

/**
 * pdfkit lays text out a word at a time, each word with the space after it ("and ", "and" at the
 * end of a line), and remembers each: the same word before and after a space costs a full shaping
 * pass twice, the most expensive step of drawing text. The fonts the pack uses have no kerning or
 * substitution across a space (pack-fonts.test.ts checks the fonts shipped), so a word with its
 * space is the word's glyphs followed by the space's: built from the two instead of shaped again,
 * and made each time it is asked for (two short arrays) rather than remembered beside the word.
 *
 * What is remembered of a word is what pdfkit reads (glyphs, positions, width), its positions
 * shared with every other word's that are the same (a glyph's advance, most of them): a word
 * costs a few pointers a glyph. Words are remembered in two generations (LAID_OUT_GENERATION), so
 * words that keep coming back stay and a pack of any size holds a bounded number; long words are
 * remembered only briefly.
 */
function layOutWordsOnce(font: PdfFont, composable: RegExp | null): () => void {
  const layoutRun = font.layoutRun.bind(font)
  const positions = new Map<string, Position>()
  const shared = (position: Position): Position => {
    const key = `${position.xAdvance} ${position.yAdvance} ${position.xOffset} ${position.yOffset} ${position.advanceWidth}`
    let known = positions.get(key)
    if (!known) {
      known = { ...position }
      positions.set(key, known)
    }
    return known
  }
  let young = new Map<string, LaidOut>()
  let old = new Map<string, LaidOut>()
  let long = new Map<string, LaidOut>()
  const keep = (text: string, run: LaidOut): void => {
    if (text.length > LONG_WORD) {
      if (long.size >= MAX_LAID_OUT_LONG_WORDS) long = new Map()
      long.set(text, run)
      return
    }
    if (young.size >= LAID_OUT_GENERATION) {
      old = young
      young = new Map()
    }
    young.set(text, run)
  }
  const recall = (text: string): LaidOut | undefined => {
    if (text.length > LONG_WORD) return long.get(text)
    const run = young.get(text)
    if (run) return run
    const older = old.get(text)
    if (older) keep(text, older)
    return older
  }
  const laidOut = (text: string): LaidOut => {
    const word = text.length > 1 && text.endsWith(' ') ? text.slice(0, -1) : null
    if (word !== null && !word.includes(' ') && !word.includes('\t')) {
      // Made from the word and the space each time rather than remembered: only the word is kept.
      return joined([laidOut(word), laidOut(' ')])
    }
    if (composable && text.length > 1 && composable.test(text)) {
      // A word of characters that the font lays out alone whatever is beside them: built from them.
      return joined(Array.from(text, laidOut))
    }
    const known = recall(text)
    if (known) return known
    const numbered = NUMBERED.exec(text)
    if (numbered) {
      // An id (EV-0192, BPK-037): its prefix laid out (and remembered), then its digits one by one.
      return joined([laidOut(numbered[1]!), ...Array.from(numbered[2]!, laidOut)])
    }
    const shaped = layoutRun(text)
    const run: LaidOut = {
      glyphs: shaped.glyphs,
      positions: (shaped.positions as Position[]).map(shared),
      advanceWidth: shaped.advanceWidth
    }
    keep(text, run)
    return run
  }
  // pdfkit's own memory of words is left empty: this one replaces it.
  if (font.layoutCache) font.layoutCache = Object.create(null) as Record<string, LaidOut>
  font.layoutCached = (text: string): LaidOut => (font.layoutCache ? laidOut(text) : layoutRun(text))
  return () => {
    young = new Map()
    old = new Map()
    long = new Map()
    positions.clear()
  }
}

/**
 * Words the mono font lays out as their characters, one after another (it has no kerning or
 * substitution among them; pack-fonts.test.ts checks the font shipped): hex digits, the SHA-256
 * of every evidence file. Shaping each hash (unique, so never remembered) was a sixth of a large
 * pack's time; built from its characters it costs a few microseconds.
 */
const MONO_COMPOSABLE = /^[0-9a-f]+$/

/**
 * An id: a prefix ending in a hyphen, then digits (EV-0192, DOC-0192, BPK-037). The pack's fonts
 * lay out digits after a hyphen as the digits alone, one after another (pack-fonts.test.ts checks
 * the fonts shipped), so an id is its prefix's glyphs, then its digits': a large pack prints tens of
 * thousands of ids, each shaped whole otherwise, often more than once.
 */
const NUMBERED = /^(.+-)([0-9]+)$/

/** A word too wide for its line is first broken after these (a path, a hyphenated name, a CFR citation). */
const SOFT_BREAK = /(?<=[/\\\-_),;:])/

/**
 * pdfkit with the pack's typography: the project's own fonts (embedded, chosen by path so they are
 * parsed once), headings that add bookmarks and link targets and keep with what follows, text that
 * wraps (measured here word by word from pdfkit's cached glyph widths, never cut), tables whose
 * rows wrap and whose header repeats after a page break, and page numbers of link targets filled
 * in once every page is known.
 *
 * Pages are written out as soon as the next one starts (memory stays flat at any size). What can
 * only be known at the end (page numbers of later destinations, "page X of Y") goes into a second,
 * small content stream each page is given when it starts and that is filled in at the end
 * (LatePages): the page itself is never held back.
 */
export class PackDocument {
  readonly doc: PDFKit.PDFDocument
  private readonly fonts: Record<FontKind, string>
  /** Called after every automatic page break (tables repeat their header there). */
  private onNewPage: (() => void) | null = null
  /** pdfkit's font objects, for measuring without touching the page's text state. */
  private readonly fontObjects: Record<FontKind, PdfFont>
  /** Measured widths per font, in thousandths of the font size (a width scales with the size). */
  private readonly widths: Record<FontKind, Map<string, number>> = {
    regular: new Map(),
    bold: new Map(),
    italic: new Map(),
    mono: new Map()
  }
  private rememberedWidths = 0
  /** Empty each font's memory of laid-out words. */
  private readonly forgetWords: (() => void)[] = []
  /** The last runs measured, with their lines: drawing them next (as a kept-together block does) wraps them once. */
  private readonly wrapped = new WeakMap<Run[], { width: number; size: number; lines: Placed[][] }>()
  /** The page (1-based) each named destination is on. */
  private readonly pages = new Map<string, number>()
  /** Page numbers to print once every destination's page is known. */
  private readonly pageRefs: PageRef[] = []
  private readonly late: LatePages
  /** The fill colour last set on the page, while it is known to be in force. */
  private fill: string | null = null
  /** The tagged structure: every piece of text is marked as an element's content or as an artifact. */
  readonly structure: StructureTree

  constructor(fontsDir: string, info: { title: string; author: string; subject: string; created: Date }) {
    this.fonts = {
      regular: join(fontsDir, 'NotoSans-Regular.ttf'),
      bold: join(fontsDir, 'NotoSans-Bold.ttf'),
      italic: join(fontsDir, 'NotoSans-Italic.ttf'),
      mono: join(fontsDir, 'NotoSansMono-Regular.ttf')
    }
    this.doc = new PDFDocument({
      size: 'A4',
      margins: { top: 56, bottom: 60, left: 50, right: 50 },
      pdfVersion: '1.7',
      subset: 'PDF/A-3b',
      tagged: true,
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
    const fontObject = (kind: FontKind): PdfFont => {
      const font = (this.doc.font(this.fonts[kind]) as unknown as { _font: PdfFont })._font
      this.forgetWords.push(layOutWordsOnce(font, kind === 'mono' ? MONO_COMPOSABLE : null))
      return font
    }
    this.fontObjects = {
      regular: fontObject('regular'),
      bold: fontObject('bold'),
      italic: fontObject('italic'),
      mono: fontObject('mono')
    }
    this.late = new LatePages(this.doc, this.fonts.regular)
    this.structure = new StructureTree(this.doc)
    // Every piece of text pdfkit draws is marked: as the content of the open element, or a paragraph of its own.
    const text = this.doc.text.bind(this.doc) as (...args: unknown[]) => PDFKit.PDFDocument
    this.doc.text = ((...args: unknown[]) => {
      this.inParagraph(() => this.structure.mark(() => text(...args)))
      return this.doc
    }) as PDFKit.PDFDocument['text']
    let previous = this.doc.page
    // A colour is set again only when it changes (pdfkit writes it on every call): forgotten when a
    // page starts and when the graphics state is restored, where the colour in force may differ.
    const fillColor = this.doc.fillColor.bind(this.doc)
    const restore = this.doc.restore.bind(this.doc)
    this.doc.fillColor = ((color: unknown, opacity?: number) => {
      if (opacity === undefined && typeof color === 'string' && color === this.fill) return this.doc
      this.fill = opacity === undefined && typeof color === 'string' ? color : null
      return fillColor(color as PDFKit.Mixins.ColorValue, opacity)
    }) as PDFKit.PDFDocument['fillColor']
    this.doc.restore = () => {
      this.fill = null
      return restore()
    }
    this.doc.on('pageAdded', () => {
      this.fill = null
      // The page before is written out by now; pdfkit still holds its dictionary (the page tree's
      // kids, named destinations), and through it every link annotation of the page: released here,
      // only the object's number is needed from now on.
      releasePage(previous)
      previous = this.doc.page
      this.late.pageAdded()
      this.structure.pageEnded()
      this.structure.pageStarted()
      this.onNewPage?.()
    })
  }

  /** An element of the structure around what `draw` draws. */
  element<T>(type: StructureType, draw: () => T, options: ElementOptions = {}): T {
    return this.structure.element(type, draw, options)
  }

  /** Draws decoration (bands, rules, the table header repeated on a new page): an artifact, not content. */
  artifact<T>(draw: () => T): T {
    return this.structure.artifact(() => {
      let value: T | undefined
      this.structure.mark(() => (value = draw()))
      return value as T
    })
  }

  /** Text drawn where no text element is open (the document, a section, a list) is a paragraph of its own. */
  private inParagraph(draw: () => void): void {
    if (this.structure.expectsBlock()) this.structure.element('P', draw)
    else draw()
  }

  /** A list: `items` each drawn by `draw` as a list item whose body is what it draws. */
  list<T>(items: readonly T[], draw: (item: T, index: number) => void): void {
    this.element('L', () =>
      items.forEach((item, index) => this.element('LI', () => this.element('LBody', () => draw(item, index))))
    )
  }

  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right
  }

  get left(): number {
    return this.doc.page.margins.left
  }

  private get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom
  }

  /** The page being written, 1-based. */
  get pageNumber(): number {
    return this.late.count
  }

  /** Sets the font, size and colour, and returns pdfkit's document for the text that follows. */
  font(kind: FontKind, size: number = FONT_SIZE.body, color: string = COLORS.ink): PDFKit.PDFDocument {
    return this.doc.font(this.fonts[kind]).fontSize(size).fillColor(color)
  }

  lineHeight(size: number): number {
    return size * LEADING
  }

  /** Makes room for `height` points, starting a new page when the current one cannot hold it. */
  ensureSpace(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage()
  }

  /** Keeps a block of `height` points on one page when it fits on one at all. */
  keepTogether(height: number): void {
    const room = this.bottom - this.doc.page.margins.top
    this.ensureSpace(Math.min(height, room))
  }

  space(lines = 0.5): void {
    this.doc.y += this.lineHeight(FONT_SIZE.body) * lines
  }

  // ---- link targets and page numbers ----

  /** A named destination here, whose page can be printed elsewhere (contents, open items). */
  destination(name: string): void {
    this.doc.addNamedDestination(name)
    if (!this.pages.has(name)) this.pages.set(name, this.pageNumber)
  }

  pageOf(destination: string): number | undefined {
    return this.pages.get(destination)
  }

  /**
   * Prints, at the end, the page number of a destination that may come later in the document,
   * right-aligned in the box at (x, y) `width` wide; the box links to the destination now.
   */
  pageRef(
    destination: string,
    x: number,
    y: number,
    width: number,
    style: Partial<PageRefStyle> = {},
    label?: string
  ): void {
    const full: PageRefStyle = { font: 'regular', size: FONT_SIZE.table, color: COLORS.muted, ...style }
    this.font(full.font, full.size)
    this.late.useCurrentFont()
    this.pageRefs.push({ page: this.pageNumber - 1, x, y, width, destination, ...full })
    const linkWidth = Math.min(width, 36)
    // The number is printed at the end, as page furniture: the Link element holds the annotation alone.
    this.structure.link(
      `Page number of ${label ?? destinationLabel(destination)}`,
      () => undefined,
      (entries) => this.linkBox(x + width - linkWidth, y, linkWidth, this.lineHeight(full.size), destination, entries)
    )
  }

  /**
   * Text that links to a destination in the PDF: a Link element in the structure holding the text
   * and its annotation, described for assistive technology as going to `alt` (the destination's
   * name when not given). The annotation covers the text as pdfkit's goTo option would.
   */
  linkedText(
    text: string,
    x: number,
    y: number,
    destination: string,
    options: PDFKit.Mixins.TextOptions & { textWidth?: number; wordCount?: number } = {},
    alt = `Go to ${destinationLabel(destination)}`
  ): void {
    this.structure.link(
      alt,
      () =>
        options.textWidth === undefined
          ? this.doc.text(text, x, y, options)
          : this.placeText(text, x, y, { ...options, textWidth: options.textWidth }),
      (entries) =>
        this.linkBox(
          x,
          y,
          options.textWidth ?? this.doc.widthOfString(text, options),
          this.doc.currentLineHeight(),
          destination,
          entries
        )
    )
  }

  /**
   * A link annotation over a box that goes to a named destination: the destination is the
   * annotation's own /Dest, one object a link rather than pdfkit's goTo, which adds a GoTo action
   * object to every link (tens of thousands in a large pack).
   */
  private linkBox(
    x: number,
    y: number,
    width: number,
    height: number,
    destination: string,
    entries: { StructParent: number; Contents: string }
  ): void {
    this.doc.annotate(x, y, width, height, {
      Subtype: 'Link',
      Dest: destination,
      ...entries
    } as PDFKit.Mixins.AnnotationOption)
  }

  // ---- text ----

  /** Splits runs into lines no wider than `width`, breaking at spaces, and inside a word only when it is wider than a line. */
  wrap(runs: Run[], width: number, size: number): Placed[][] {
    const lines: Placed[][] = []
    let line: Placed[] = []
    let x = 0
    const space = (kind: FontKind): number => this.widthOf(kind, ' ', size)
    const push = (run: Run, text: string, w: number, gap: number, glued = false): void => {
      line.push({ run, text, x: x + gap, ...(glued ? { glued } : {}) })
      x += gap + w
    }
    for (const run of runs) {
      if (run.pageOf) {
        line.push({ run, text: '', x })
        continue
      }
      const kind = run.font ?? 'regular'
      // Text from files (titles, original names) may carry controls or bidi overrides: shown escaped.
      const words = safeText(run.text.replace(/\s+/g, ' ')).trim().split(' ')
      const parts: { word: string; glued: boolean }[] = []
      for (const word of words) {
        if (!word) continue
        if (this.widthOf(kind, word, size) <= width) parts.push({ word, glued: false })
        else word.split(SOFT_BREAK).forEach((part, index) => parts.push({ word: part, glued: index > 0 }))
      }
      for (const { word, glued } of parts) {
        const w = this.widthOf(kind, word, size)
        const gap = line.length === 0 || glued ? 0 : space(kind)
        if (x + gap + w <= width) {
          push(run, word, w, gap, glued && line.length > 0)
          continue
        }
        if (line.length > 0 && w <= width) {
          lines.push(line)
          line = []
          x = 0
          push(run, word, w, 0)
          continue
        }
        // A word wider than the line (a hash, a long reference): broken where the line ends.
        let rest = word
        let gapBefore = gap
        while (rest) {
          let fit = ''
          let used = x + gapBefore
          for (const char of rest) {
            const cw = this.widthOf(kind, char, size)
            if (used + cw > width && (fit || line.length > 0)) break
            fit += char
            used += cw
          }
          if (!fit) {
            lines.push(line)
            line = []
            x = 0
            gapBefore = 0
            continue
          }
          push(run, fit, this.widthOf(kind, fit, size), gapBefore)
          rest = rest.slice(fit.length)
          if (rest) {
            lines.push(line)
            line = []
            x = 0
            gapBefore = 0
          }
        }
      }
    }
    if (line.length > 0 || lines.length === 0) lines.push(line)
    return lines
  }

  /**
   * Draws wrapped lines at (x, y), one under the other; returns the height used. The words of one
   * run on one line are drawn as one piece of text (a link stays a piece of its own).
   */
  drawLines(lines: Placed[][], x: number, y: number, size: number, align: 'left' | 'right', width: number): number {
    const height = this.lineHeight(size)
    lines.forEach((line, index) => {
      const end = line.length ? line.at(-1)!.x + this.measureRun(line.at(-1)!, size) : 0
      const offset = align === 'right' ? Math.max(0, width - end) : 0
      const top = y + index * height
      let start = 0
      while (start < line.length) {
        const first = line[start]!
        let stop = start + 1
        while (stop < line.length && line[stop]!.run === first.run && !first.run.goTo && !first.run.pageOf) stop++
        if (first.run.pageOf) {
          this.pageRef(first.run.pageOf, x, top, width)
        } else {
          let text = first.text
          let words = 1
          for (let index = start + 1; index < stop; index++) {
            const piece = line[index]!
            if (!piece.glued) words++
            text += piece.glued ? piece.text : ` ${piece.text}`
          }
          const last = line[stop - 1]!
          this.font(first.run.font ?? 'regular', size, first.run.color ?? (first.run.goTo ? COLORS.accent : COLORS.ink))
          // Its width and words are known from wrapping: pdfkit need not measure the text again.
          const options = {
            lineBreak: false,
            textWidth: last.x + this.measureRun(last, size) - first.x,
            wordCount: words
          }
          if (first.run.goTo) this.linkedText(text, x + offset + first.x, top, first.run.goTo, options)
          else this.placeText(text, x + offset + first.x, top, options)
        }
        start = stop
      }
    })
    return lines.length * height
  }

  /**
   * One line of text already measured, at (x, y), marked as doc.text marks it: what doc.text does
   * for a line that does not wrap (pdfkit's _fragment), without its options set-up and without
   * measuring the text again to move past it.
   */
  private placeText(text: string, x: number, y: number, options: { textWidth: number; wordCount?: number }): void {
    const doc = this.doc as unknown as { _fragment(text: string, x: number, y: number, options: object): void }
    this.inParagraph(() =>
      this.structure.mark(() => {
        this.doc.x = x
        this.doc.y = y
        doc._fragment(text, x, y, options)
        this.doc.x = x + options.textWidth
      })
    )
  }

  private measureRun(piece: Placed, size: number): number {
    return this.widthOf(piece.run.font ?? 'regular', piece.text, size)
  }

  /**
   * The width of a piece of text, as pdfkit measures it, remembered: wrapping measures every word
   * (twice where a block is kept together), and pdfkit lays each one out again on every call.
   * Forgotten when it grows large, so a pack of any size holds a bounded number.
   */
  private widthOf(kind: FontKind, text: string, size: number): number {
    const widths = this.widths[kind]
    let width = widths.get(text)
    if (width === undefined) {
      // pdfkit's own measure: the advance in thousandths, times size / 1000.
      width = this.fontObjects[kind].widthOfString(text, 1000)
      if (++this.rememberedWidths > MAX_REMEMBERED_WIDTHS) {
        for (const map of Object.values(this.widths)) map.clear()
        this.rememberedWidths = 1
      }
      widths.set(text, width)
    }
    return width * (size / 1000)
  }

  /** The height runs take wrapped to `width`. */
  measure(runs: Run[], width: number, size: number = FONT_SIZE.body): number {
    return this.wrapOnce(runs, width, size).length * this.lineHeight(size)
  }

  /** wrap, reusing the lines of the same runs measured just before at the same width and size. */
  private wrapOnce(runs: Run[], width: number, size: number): Placed[][] {
    const known = this.wrapped.get(runs)
    if (known && known.width === width && known.size === size) return known.lines
    const lines = this.wrap(runs, width, size)
    this.wrapped.set(runs, { width, size, lines })
    return lines
  }

  /** Wrapped text that flows across pages line by line. */
  runs(runs: Run[], options: { size?: number; indent?: number; width?: number } = {}): void {
    const size = options.size ?? FONT_SIZE.body
    const x = this.left + (options.indent ?? 0)
    const width = options.width ?? this.width - (options.indent ?? 0)
    const height = this.lineHeight(size)
    this.inParagraph(() => {
      for (const line of this.wrapOnce(runs, width, size)) {
        this.ensureSpace(height)
        this.doc.y += this.drawLines([line], x, this.doc.y, size, 'left', width)
      }
    })
    this.doc.x = this.left
  }

  paragraph(text: string, options: { font?: FontKind; size?: number; color?: string; indent?: number } = {}): void {
    if (!text) return
    for (const part of text.split('\n')) {
      this.runs([{ text: part, font: options.font ?? 'regular', color: options.color ?? COLORS.ink }], {
        size: options.size ?? FONT_SIZE.body,
        indent: options.indent ?? 0
      })
    }
  }

  small(text: string, color: string = COLORS.muted, indent = 0): void {
    this.paragraph(text, { size: FONT_SIZE.small, color, indent })
  }

  // ---- headings and sections ----

  /** Starts a section on a new page, with a bookmark and a link target. */
  section(title: string, destination: string, outline = this.doc.outline): PDFKit.PDFOutline {
    this.doc.addPage()
    return this.heading(title, destination, 'h1', outline)!
  }

  /**
   * A heading with its bookmark and link target, kept on the page with the first `keep` points
   * of what follows it (no heading stranded at the foot of a page).
   */
  heading(
    title: string,
    destination: string,
    level: 'h1' | 'h2' | 'h3',
    outline: PDFKit.PDFOutline | null = this.doc.outline,
    keep = this.lineHeight(FONT_SIZE.body) * 3
  ): PDFKit.PDFOutline | null {
    const size = FONT_SIZE[level]
    const runs: Run[] = [{ text: title, font: 'bold', color: level === 'h1' ? COLORS.ink : COLORS.accent }]
    const height = this.measure(runs, this.width, size)
    this.ensureSpace(height + keep + (level === 'h1' ? 0 : 6))
    if (level !== 'h1' && this.doc.y > this.doc.page.margins.top) this.doc.y += 6
    this.destination(destination)
    const item = outline ? outline.addItem(title) : null
    this.element(level === 'h1' ? 'H1' : level === 'h2' ? 'H2' : 'H3', () => this.runs(runs, { size }), { title })
    this.doc.y += level === 'h1' ? 8 : 3
    return item
  }

  /** Label: value lines, the labels in a column of their own; values wrap. */
  facts(rows: [string, string][], labelWidth = 120): void {
    this.element('Table', () => {
      for (const row of rows) this.element('TR', () => this.fact(row, labelWidth))
    })
  }

  private fact([label, value]: [string, string], labelWidth: number): void {
    {
      const valueRuns: Run[] = [{ text: value || '—' }]
      const height = this.measure(valueRuns, this.width - labelWidth)
      this.keepTogether(height)
      const y = this.doc.y
      this.element(
        'TH',
        () =>
          this.drawLines(
            this.wrap([{ text: label, font: 'bold', color: COLORS.muted }], labelWidth - 8, FONT_SIZE.body),
            this.left,
            y,
            FONT_SIZE.body,
            'left',
            labelWidth - 8
          ),
        { scope: 'Row' }
      )
      this.element('TD', () =>
        this.drawLines(
          this.wrap(valueRuns, this.width - labelWidth, FONT_SIZE.body),
          this.left + labelWidth,
          y,
          FONT_SIZE.body,
          'left',
          this.width - labelWidth
        )
      )
      this.doc.y = y + height + 2
    }
  }

  // ---- tables ----

  /**
   * A table whose cells wrap (nothing is cut): each row is as tall as its tallest cell, a row is
   * never split across pages, and the header is repeated on every page the table runs onto.
   */
  table(columns: Column[], rows: Iterable<Cell[]>, options: { zebra?: boolean; onRow?: () => void } = {}): void {
    const size = FONT_SIZE.table
    const padX = 3
    const padY = 2.5
    const header = (repeated: boolean): void => {
      const lines = columns.map((column) =>
        this.wrap([{ text: column.label, font: 'bold', color: COLORS.muted }], column.width - padX * 2, size)
      )
      const height = Math.max(...lines.map((cell) => cell.length)) * this.lineHeight(size) + padY * 2
      const y = this.doc.y
      this.artifact(() => this.doc.rect(this.left, y, this.width, height).fill(COLORS.band))
      const draw = (): void => {
        let x = this.left
        columns.forEach((column, index) => {
          const cell = (): number =>
            this.drawLines(lines[index]!, x + padX, y + padY, size, column.align ?? 'left', column.width - padX * 2)
          if (repeated) cell()
          else this.element('TH', cell, { scope: 'Column' })
          x += column.width
        })
      }
      // The header repeated on the pages a table runs onto is page furniture: a reader has it once.
      if (repeated) this.structure.artifact(draw)
      else this.element('THead', () => this.element('TR', draw))
      this.doc.y = y + height + 1
    }
    this.ensureSpace(this.lineHeight(size) * 4)
    this.structure.open('Table')
    header(false)
    this.onNewPage = () => {
      this.doc.y = this.doc.page.margins.top
      header(true)
    }
    this.structure.open('TBody')
    let index = 0
    for (const cells of rows) {
      options.onRow?.()
      const wrapped = cells.map((cell, column) => this.wrap(cell, columns[column]!.width - padX * 2, size))
      const height = Math.max(...wrapped.map((lines) => lines.length)) * this.lineHeight(size) + padY * 2
      this.ensureSpace(height)
      const y = this.doc.y
      if (options.zebra && index % 2 === 1) {
        this.artifact(() => this.doc.rect(this.left, y, this.width, height).fill(COLORS.band))
      }
      this.element('TR', () => {
        let x = this.left
        wrapped.forEach((lines, column) => {
          const spec = columns[column]!
          this.element('TD', () =>
            this.drawLines(lines, x + padX, y + padY, size, spec.align ?? 'left', spec.width - padX * 2)
          )
          x += spec.width
        })
      })
      this.doc.y = y + height
      index++
    }
    this.structure.close('TBody')
    this.structure.close('Table')
    this.onNewPage = null
    this.doc.x = this.left
    this.doc.y += 6
  }

  /** A horizontal bar split into parts, each part's label and count written beside the bar (never told by colour alone). */
  stackedBar(
    parts: { label: string; value: number; color: string }[],
    options: { width?: number; height?: number; x?: number; legend?: boolean; alt?: string } = {}
  ): void {
    const width = options.width ?? this.width
    const height = options.height ?? 10
    const x0 = options.x ?? this.left
    const total = parts.reduce((sum, part) => sum + part.value, 0)
    this.ensureSpace(height + (options.legend === false ? 4 : 22))
    const alt = `${options.alt ?? 'Bar chart'}: ${parts.map((part) => `${part.label} ${part.value}`).join(', ')}`
    this.element('Figure', () => this.drawBar(parts, total, { ...options, width, height, x0 }), { alt })
  }

  private drawBar(
    parts: { label: string; value: number; color: string }[],
    total: number,
    options: { width: number; height: number; x0: number; legend?: boolean }
  ): void {
    const { width, height, x0 } = options
    const y = this.doc.y
    this.structure.mark(() => {
      this.doc.rect(x0, y, width, height).fill(COLORS.band)
      let x = x0
      for (const part of parts) {
        if (total === 0 || part.value === 0) continue
        const segment = (part.value / total) * width
        this.doc.rect(x, y, segment, height).fill(part.color)
        x += segment
      }
    })
    if (options.legend === false) {
      this.doc.y = y + height + 4
      return
    }
    let legendX = x0
    const legendY = y + height + 4
    for (const part of parts) {
      this.structure.mark(() => this.doc.rect(legendX, legendY + 2, 7, 7).fill(part.color))
      const label = `${part.label} ${part.value}`
      this.font('regular', FONT_SIZE.small, COLORS.muted).text(label, legendX + 10, legendY, { lineBreak: false })
      legendX += 10 + this.doc.widthOfString(label) + 12
    }
    this.doc.y = legendY + 14
  }

  // ---- the end ----

  /**
   * Lets go of what measuring and laying out the pages remembered (words laid out, widths
   * measured): once the pages are written only page numbers and footers are left to draw, and a
   * large pack's memory of words is tens of MB, held otherwise while the files are attached and
   * the document ends.
   */
  pagesWritten(): void {
    for (const forget of this.forgetWords) forget()
    for (const map of Object.values(this.widths)) map.clear()
    this.rememberedWidths = 0
  }

  /**
   * Ends the document: prints the page numbers asked for with pageRef (now that every
   * destination's page is known) and the footer on every page, then closes pdfkit's document.
   * Returns the number of pages.
   */
  finish(footer: (page: number, pages: number) => string): number {
    this.structure.finish()
    const count = this.late.count
    const refs = [...this.pageRefs].sort((a, b) => a.page - b.page)
    let next = 0
    for (let index = 0; index < count; index++) {
      this.late.fill(index, () =>
        this.structure.artifact(() => {
          // The late stream starts from the page's initial graphics state: no colour is in force.
          this.fill = null
          for (; next < refs.length && refs[next]!.page === index; next++) {
            const ref = refs[next]!
            const page = this.pages.get(ref.destination)
            if (page === undefined) continue
            this.font(ref.font, ref.size, ref.color)
            const text = String(page)
            this.doc.text(text, ref.x + ref.width - this.doc.widthOfString(text), ref.y, { lineBreak: false })
          }
          const text = footer(index + 1, count)
          this.font('regular', FONT_SIZE.small, COLORS.muted)
          const x = this.left + (this.width - this.doc.widthOfString(text)) / 2
          this.doc.text(text, x, this.doc.page.height - 36, { lineBreak: false })
        })
      )
    }
    writeNameTrees(this.doc)
    this.doc.end()
    return count
  }
}
