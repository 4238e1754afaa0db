/**
 * Name trees and number trees (ISO 32000-1 §7.9.6, §7.9.7) written as a root whose /Kids are
 * leaves of at most TREE_LEAF_ENTRIES entries each, every leaf written out as soon as it is made.
 * pdfkit writes a tree as one flat /Names or /Nums array inside its parent's dictionary: in a
 * large pack (tens of thousands of destinations and attached files, a parent-tree key for every
 * page and link) that is one string of megabytes built at the end, and a name dictionary that
 * signing has to read back and write again whole.
 */

/** Entries in a leaf: small objects, and few enough kids under the root for any pack. */
export const TREE_LEAF_ENTRIES = 512

/** pdfkit's references (untyped in @types/pdfkit). */
interface PdfReference {
  id: number
  data: unknown
  end(): void
}

interface PdfDocumentInternals {
  ref(data?: unknown): PdfReference
}

/**
 * Writes a tree of `entries` (already in key order: byte order for names, numeric for numbers)
 * and returns its root, written too. `key` gives a key as pdfkit writes it (a String for a name,
 * a number for a number tree); values are anything pdfkit writes (references, arrays, text).
 */
export function writeTree<K>(
  pdfkitDoc: PDFKit.PDFDocument,
  kind: 'Names' | 'Nums',
  entries: Iterable<[K, unknown]>,
  key: (key: K) => unknown
): PdfReference {
  const doc = pdfkitDoc as unknown as PdfDocumentInternals
  const kids: PdfReference[] = []
  let leaf: unknown[] = []
  let first: K | undefined
  let last: K | undefined
  const writeLeaf = (): void => {
    if (leaf.length === 0) return
    const ref = doc.ref({ Limits: [key(first!), key(last!)], [kind]: leaf })
    ref.end()
    // Written: the root refers to it by number alone.
    ref.data = null
    kids.push(ref)
    leaf = []
  }
  for (const [entryKey, value] of entries) {
    if (leaf.length === 0) first = entryKey
    last = entryKey
    leaf.push(key(entryKey), value)
    if (leaf.length === TREE_LEAF_ENTRIES * 2) writeLeaf()
  }
  writeLeaf()
  const root = doc.ref(kids.length ? { Kids: kids } : { [kind]: [] })
  root.end()
  root.data = null
  return root
}

/** pdfkit's name trees (its PDFNameTree), by their items (untyped in @types/pdfkit). */
interface PdfNameTree {
  _items: Record<string, unknown>
}

interface PdfNamesInternals {
  _root: { data: { Names: { data: Record<string, unknown> } } }
}

/** Name-tree keys in byte order (the names a pack gives are ASCII; others sort as UTF-16 code units). */
const byKey = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/**
 * Writes the catalog's name trees pdfkit has gathered (named destinations, embedded files) as
 * trees of leaves, and leaves the name dictionary pointing at their roots: call just before
 * pdfkit's document ends, once nothing more is named.
 */
export function writeNameTrees(pdfkitDoc: PDFKit.PDFDocument): void {
  const names = (pdfkitDoc as unknown as PdfNamesInternals)._root.data.Names.data
  for (const [name, value] of Object.entries(names)) {
    const items = (value as Partial<PdfNameTree> | null)?._items
    if (!items) continue
    const keys = Object.keys(items).sort(byKey)
    names[name] = writeTree(
      pdfkitDoc,
      'Names',
      keys.map((key): [string, unknown] => [key, items[key]]),
      (key) => new String(key)
    )
  }
}
