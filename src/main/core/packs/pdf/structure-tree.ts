import { writeTree } from './trees'

/**
 * The pack's logical structure (a tagged PDF, ISO 32000-1 §14.7-14.8): headings, paragraphs,
 * lists, tables with header cells and figures with alternative text, so a screen reader reads
 * the pack in order and a table's cells with their headers.
 *
 * Written as the pages are: each element is written out the moment it closes (its kids, its
 * parent) and only its object number is kept, and each page's share of the parent tree is
 * written when the page ends. pdfkit's own structure elements keep every element, and every
 * page's marked-content list, until the document ends: at tens of thousands of table cells that
 * is most of a large pack's memory. pdfkit still owns the catalog's StructTreeRoot and MarkInfo
 * (its `tagged` option) and writes the parent tree's index of pages at the end.
 */

export type StructureType =
  | 'Document'
  | 'Sect'
  | 'H1'
  | 'H2'
  | 'H3'
  | 'P'
  | 'L'
  | 'LI'
  | 'Lbl'
  | 'LBody'
  | 'Table'
  | 'THead'
  | 'TBody'
  | 'TR'
  | 'TH'
  | 'TD'
  | 'Figure'
  | 'TOC'
  | 'TOCI'
  | 'Caption'
  | 'Link'

export interface ElementOptions {
  /** The element's title (/T): a heading's words, so a tool listing the tree without its text names it. */
  title?: string
  /** Alternative text (figures). */
  alt?: string
  /** A header cell's scope. */
  scope?: 'Column' | 'Row'
}

/** pdfkit's references and document internals used here (untyped in @types/pdfkit). */
interface PdfReference {
  id: number
  data: unknown
  end(): void
}

/** Where an object is, for pointing at it once it is written: what pdfkit writes of a reference ("12 0 R"). */
interface ObjectNumber {
  toString(): string
}

/**
 * A reference to an object already written, by its number alone: a pdfkit reference (which pdfkit
 * writes as "n 0 R" wherever it meets one) without its document, dictionary and buffers. The
 * parent tree keeps one for every link of the pack until the end (hundreds of thousands in a
 * large pack), and a table's body one per row until the table ends.
 */
function numberOf(ref: PdfReference, id: number = ref.id): ObjectNumber {
  // pdfkit recognises references by their class (PDFAbstractReference), the parent of its PDFReference.
  const base = Object.getPrototypeOf(Object.getPrototypeOf(ref)) as object
  let make = compactRefs.get(base)
  if (!make) {
    const prototype = Object.create(base, {
      toString: {
        value(this: { id: number }) {
          return `${this.id} 0 R`
        }
      }
    }) as object
    make = (id: number) => Object.assign(Object.create(prototype) as object, { id }) as ObjectNumber
    compactRefs.set(base, make)
  }
  return make(id)
}
const compactRefs = new WeakMap<object, (id: number) => ObjectNumber>()

/** A value written as it is: pdfkit writes anything that is not one of its own kinds of value as its text. */
class PdfText {
  readonly [Symbol.toStringTag] = 'PdfText'
  constructor(private readonly text: string) {}
  toString(): string {
    return this.text
  }
}

/**
 * The parent tree (a number tree: each page's key to its marked content's elements, each link
 * annotation's key to its Link element), kept as an array of object numbers indexed by key: a
 * large pack has hundreds of thousands of keys, which pdfkit would keep as an object of
 * references to the end. Written at the end as a tree of leaves (trees.ts), never as one array.
 */
class ParentTree {
  private numbers = new Int32Array(4096)
  /** Values that are not a reference (pdfkit's empty array for a key it hands out itself). */
  private readonly others = new Map<number, string>()
  private size = 0

  add(key: number, value: unknown): void {
    if (key >= this.numbers.length) {
      const grown = new Int32Array(Math.max(key + 1, this.numbers.length * 2))
      grown.set(this.numbers)
      this.numbers = grown
    }
    const id = (value as { id?: unknown }).id
    if (typeof id === 'number' && Number.isInteger(id) && id > 0) {
      this.numbers[key] = id
      this.others.delete(key)
    } else if (Array.isArray(value)) {
      this.numbers[key] = 0
      this.others.set(key, `[${value.map(String).join(' ')}]`)
    } else {
      throw new Error('Structure: the parent tree holds references only.')
    }
    this.size = Math.max(this.size, key + 1)
  }

  /** Each key and its value in key order: a reference (made from `sample`'s kind) or the value's text. */
  *entries(sample: PdfReference): Generator<[number, unknown]> {
    for (let key = 0; key < this.size; key++) {
      const number = this.numbers[key]!
      if (number !== 0) yield [key, numberOf(sample, number)]
      else if (this.others.has(key)) yield [key, new PdfText(this.others.get(key)!)]
    }
  }
}

interface PdfDocumentInternals {
  ref(data?: unknown): PdfReference
  addContent(data: string): void
  page: { dictionary: PdfReference & { data: { StructParents?: number } }; annotations: PdfReference[] }
  getStructTreeRoot(): PdfReference & {
    data: { K?: ObjectNumber[]; ParentTree: unknown; ParentTreeNextKey: number }
  }
}

/** Elements that hold other elements, not text of their own. */
const CONTAINERS = new Set<StructureType>(['Document', 'Sect', 'L', 'LI', 'Table', 'THead', 'TBody', 'TR', 'TOC'])

/** An element (by number), marked content on a page, or an annotation on a page (OBJR). */
type Kid = ObjectNumber | { page: PdfReference; mcid: number } | { page: PdfReference; annotation: PdfReference }

interface OpenElement {
  ref: PdfReference
  /** The element's number alone, which is all its parent, its page and the parent tree keep of it. */
  number: ObjectNumber
  type: StructureType
  parent: ObjectNumber
  options: ElementOptions
  kids: Kid[]
}

export class StructureTree {
  private readonly stack: OpenElement[] = []
  private readonly root: ReturnType<PdfDocumentInternals['getStructTreeRoot']>
  private readonly parentTree = new ParentTree()
  /** The current page's structure elements, one per marked-content id (MCID) in order. */
  private pageParents: ObjectNumber[] = []
  private pageKey = -1
  /** Set while drawing something that is not content (repeated table headers, page furniture). */
  private artifactDepth = 0

  constructor(private readonly pdfkitDoc: PDFKit.PDFDocument) {
    this.root = this.doc.getStructTreeRoot()
    // pdfkit's own parent tree is replaced until the end (a key pdfkit hands out itself comes here too).
    this.root.data.ParentTree = this.parentTree
    this.pageStarted()
    const document = this.open('Document')
    this.root.data.K = [document.number]
  }

  private get doc(): PdfDocumentInternals {
    return this.pdfkitDoc as unknown as PdfDocumentInternals
  }

  /** Called when a page starts: it gets its own key into the parent tree. */
  pageStarted(): void {
    this.pageKey = this.root.data.ParentTreeNextKey++
    this.pageParents = []
    this.doc.page.dictionary.data.StructParents = this.pageKey
  }

  /** Called when a page ends (before the next starts): its parent-tree entry is written. */
  pageEnded(): void {
    const parents = this.doc.ref(this.pageParents)
    parents.end()
    this.parentTree.add(this.pageKey, numberOf(parents))
    this.pageParents = []
  }

  open(type: StructureType, options: ElementOptions = {}): OpenElement {
    const parent = this.stack.at(-1)
    const ref = this.doc.ref({ S: type })
    const element: OpenElement = {
      ref,
      number: numberOf(ref),
      type,
      parent: parent?.number ?? numberOf(this.root),
      options,
      kids: []
    }
    parent?.kids.push(element.number)
    this.stack.push(element)
    return element
  }

  /** Closes the innermost element (which must be `type`) and writes it out. */
  close(type: StructureType): void {
    const element = this.stack.pop()
    if (element?.type !== type) throw new Error(`Structure: closing ${type} but ${element?.type ?? 'nothing'} is open.`)
    const data: Record<string, unknown> = { S: type, P: element.parent }
    const pages = new Set(element.kids.flatMap((kid) => ('mcid' in kid ? [kid.page] : [])))
    const page = pages.size === 1 ? [...pages][0]! : null
    if (page) data.Pg = page
    data.K = element.kids.map((kid) =>
      'mcid' in kid
        ? page
          ? kid.mcid
          : { Type: 'MCR', Pg: kid.page, MCID: kid.mcid }
        : 'annotation' in kid
          ? { Type: 'OBJR', Pg: kid.page, Obj: kid.annotation }
          : kid
    )
    if (element.options.title) data.T = new String(element.options.title)
    if (element.options.alt) data.Alt = new String(element.options.alt)
    if (element.options.scope) data.A = { O: 'Table', Scope: element.options.scope }
    element.ref.data = data
    element.ref.end()
  }

  /** An element around what `draw` draws. */
  element<T>(type: StructureType, draw: () => T, options: ElementOptions = {}): T {
    this.open(type, options)
    try {
      return draw()
    } finally {
      this.close(type)
    }
  }

  /**
   * A link (PDF/UA-1 7.18.5): a Link element holding the link's text (what `draw` draws) and its
   * annotation (what `annotate` makes, as an object reference, OBJR). The annotation is given the
   * entries it needs for that: /StructParent, its key in the parent tree (which names the Link
   * element), and /Contents, its alternative description.
   */
  link(alt: string, draw: () => void, annotate: (entries: { StructParent: number; Contents: string }) => void): void {
    const element = this.open('Link')
    try {
      draw()
      const key = this.root.data.ParentTreeNextKey++
      annotate({ StructParent: key, Contents: new String(alt) as unknown as string })
      const annotation = this.doc.page.annotations.at(-1)!
      element.kids.push({ page: this.doc.page.dictionary, annotation })
      this.parentTree.add(key, element.number)
    } finally {
      this.close('Link')
    }
  }

  /** Whether text drawn now needs a paragraph of its own: no element that holds text is open. */
  expectsBlock(): boolean {
    if (this.artifactDepth > 0 || this.stack.length === 0) return false
    return CONTAINERS.has(this.stack.at(-1)!.type)
  }

  /** Draws what `draw` draws as page furniture, not content (artifact), whatever element is open. */
  artifact<T>(draw: () => T): T {
    this.artifactDepth++
    try {
      return draw()
    } finally {
      this.artifactDepth--
    }
  }

  /**
   * Wraps one piece of drawing in marked content: the innermost open element's content (an MCID
   * on this page), or an artifact when no element but the document is open or artifacts are drawn.
   */
  mark(draw: () => void): void {
    const element = this.stack.at(-1)
    if (this.artifactDepth > 0 || !element || element.type === 'Document') {
      this.doc.addContent('/Artifact BMC')
      draw()
      this.doc.addContent('EMC')
      return
    }
    const mcid = this.pageParents.length
    this.pageParents.push(element.number)
    element.kids.push({ page: this.doc.page.dictionary, mcid })
    this.doc.addContent(`/${element.type} <</MCID ${mcid}>> BDC`)
    draw()
    this.doc.addContent('EMC')
  }

  /**
   * Closes the document element and the last page's entry, and writes the parent tree: call
   * before pdfkit's document ends (which writes the StructTreeRoot, pointing at the tree).
   */
  finish(): void {
    this.pageEnded()
    while (this.stack.length > 1) this.close(this.stack.at(-1)!.type)
    this.close('Document')
    this.root.data.ParentTree = writeTree(this.pdfkitDoc, 'Nums', this.parentTree.entries(this.root), (key) => key)
  }
}
