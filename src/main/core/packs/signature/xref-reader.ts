import type { FileHandle } from 'node:fs/promises'
import { PDFContext, PDFDict, PDFName, PDFObjectParser, PDFRef, type PDFObject } from 'pdf-lib'

/** Where a PDF's bytes come from: a buffer in memory, or a file read a piece at a time. */
export interface ByteSource {
  size: number
  read(position: number, length: number): Promise<Buffer>
}

export const bufferSource = (bytes: Buffer): ByteSource => ({
  size: bytes.length,
  read: (position, length) => Promise.resolve(bytes.subarray(position, Math.min(bytes.length, position + length)))
})

/** The first `size` bytes of an open file, read where asked. */
export function fileHandleSource(file: FileHandle, size: number): ByteSource {
  return {
    size,
    read: async (position, length) => {
      const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - position)))
      const { bytesRead } = await file.read(buffer, 0, buffer.length, position)
      return buffer.subarray(0, bytesRead)
    }
  }
}

/** A source that ends at `end`: an earlier revision of an incrementally updated PDF. */
export const truncatedSource = (source: ByteSource, end: number): ByteSource => ({
  size: Math.min(end, source.size),
  read: (position, length) => source.read(position, Math.max(0, Math.min(length, end - position)))
})

const TAIL_BYTES = 1024
const OBJECT_CHUNK = 64 * 1024
/** An object (not a stream's data) larger than this is refused: catalogs and file specs are small. */
const MAX_OBJECT_BYTES = 16 * 1024 * 1024
/** Cross-reference sections followed through /Prev at most. */
const MAX_SECTIONS = 256

/** Where a stream's data is, without reading it. */
export interface StreamLocation {
  dict: PDFDict
  start: number
  length: number
}

/**
 * A PDF read through its cross-reference table: the trailer, and any object looked up by
 * reference, parsed with pdf-lib's own object parser. Signing needs only the catalog and the name
 * dictionary of a pack's PDF; loading the whole document (every page and attachment) for those
 * cost a multiple of the file's size in memory.
 *
 * It reads classic cross-reference tables, which is what Evidence Desk writes; anything else (a
 * cross-reference stream, a damaged table) is refused with an error.
 */
export class XrefReader {
  private readonly context = PDFContext.create()

  private constructor(
    private readonly source: ByteSource,
    private readonly offsets: OffsetTable,
    readonly trailer: PDFDict,
    /** Where the last cross-reference section starts (the `startxref` value). */
    readonly startXref: number,
    /** Where each cross-reference section starts, newest first. */
    readonly sections: number[]
  ) {}

  static async open(source: ByteSource): Promise<XrefReader> {
    const tailStart = Math.max(0, source.size - TAIL_BYTES)
    const tail = (await source.read(tailStart, source.size - tailStart)).toString('latin1')
    const startXref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail)?.[1])
    if (!Number.isInteger(startXref) || startXref <= 0 || startXref >= source.size) {
      throw new Error('The PDF does not end with a cross-reference.')
    }
    const offsets = new OffsetTable(source.size)
    let trailer: PDFDict | null = null
    // Newest section first; an object's newest entry wins, older sections are followed through /Prev.
    const seen = new Set<number>()
    const sections: number[] = []
    for (let position: number | null = startXref; position !== null;) {
      if (seen.has(position)) throw new Error('The PDF’s cross-references loop.')
      if (seen.size >= MAX_SECTIONS) throw new Error('The PDF has too many revisions.')
      seen.add(position)
      sections.push(position)
      const trailerText = await readSection(source, position, offsets)
      const dict = parseDict(trailerText, PDFContext.create())
      trailer ??= dict
      const previous = dict.get(PDFName.of('Prev'))
      position = previous ? Number(previous.toString()) : null
      if (position !== null && !(Number.isInteger(position) && position >= 0 && position < source.size)) {
        throw new Error('The PDF’s cross-reference points outside the file.')
      }
    }
    return new XrefReader(source, offsets, trailer!, startXref, sections)
  }

  /** The highest object number in use. */
  get largestObjectNumber(): number {
    return this.offsets.largest
  }

  /** The object a value refers to (or the value itself when it is not a reference). */
  async resolve(value: PDFObject | undefined): Promise<PDFObject | undefined> {
    if (!(value instanceof PDFRef)) return value
    const offset = this.offsets.get(value.objectNumber)
    if (offset === undefined) return undefined
    for (let length = OBJECT_CHUNK; ; length *= 4) {
      const bytes = await this.source.read(offset, length)
      const text = bytes.toString('latin1')
      const header = /^\s*(\d+)\s+(\d+)\s+obj\b/.exec(text)
      if (!header || Number(header[1]) !== value.objectNumber) {
        throw new Error(`The PDF’s cross-reference for object ${value.objectNumber} is wrong.`)
      }
      const end = text.indexOf('endobj', header[0].length)
      if (end >= 0) {
        return PDFObjectParser.forBytes(bytes.subarray(header[0].length, end), this.context).parseObject()
      }
      if (offset + length >= this.source.size || length >= MAX_OBJECT_BYTES) {
        throw new Error(`Object ${value.objectNumber} of the PDF never ends.`)
      }
    }
  }

  /** The offset of an object in use, or undefined. */
  offsetOf(objectNumber: number): number | undefined {
    return this.offsets.get(objectNumber)
  }

  /** Where the data of a stream object is (its dictionary, first byte and length), without reading it. */
  async streamAt(value: PDFObject | undefined): Promise<StreamLocation | undefined> {
    if (!(value instanceof PDFRef)) return undefined
    const offset = this.offsets.get(value.objectNumber)
    if (offset === undefined) return undefined
    const head = (await this.source.read(offset, OBJECT_CHUNK)).toString('latin1')
    const header = /^\s*(\d+)\s+(\d+)\s+obj\b/.exec(head)
    if (!header || Number(header[1]) !== value.objectNumber) return undefined
    const keyword = /\bstream(\r\n|\n)/.exec(head.slice(header[0].length))
    if (!keyword) return undefined
    const dictEnd = header[0].length + keyword.index
    const dict = PDFObjectParser.forBytes(
      Buffer.from(head.slice(header[0].length, dictEnd), 'latin1'),
      this.context
    ).parseObject()
    if (!(dict instanceof PDFDict)) return undefined
    const length = Number((await this.resolve(dict.get(PDFName.of('Length'))))?.toString())
    const start = offset + dictEnd + keyword[0].length
    if (!Number.isInteger(length) || length < 0 || start + length > this.source.size) return undefined
    return { dict, start, length }
  }
}

/**
 * Each object's offset, by object number: a typed array indexed by number, not a map (a large
 * pack has millions of objects; a map's entry costs ten times an array slot). -1: not in use.
 * Every object takes more than 16 bytes of the file, so numbers up to a sixteenth of its size
 * cover any PDF written in order; a number beyond (a sparse or hostile table) goes to a map, so
 * no table makes the array larger than the file warrants.
 */
class OffsetTable {
  private dense = new Float64Array(1024).fill(-1)
  private readonly sparse = new Map<number, number>()
  private readonly denseLimit: number
  /** The highest object number in use. */
  largest = 0

  constructor(fileSize: number) {
    this.denseLimit = Math.max(1024, Math.ceil(fileSize / 16))
  }

  get(number: number): number | undefined {
    if (number >= this.denseLimit) return this.sparse.get(number)
    const offset = number < this.dense.length ? this.dense[number]! : -1
    return offset < 0 ? undefined : offset
  }

  /** Sets an object's offset unless a newer section already gave it one. */
  setIfAbsent(number: number, offset: number): void {
    if (number >= this.denseLimit) {
      if (this.sparse.has(number)) return
      this.sparse.set(number, offset)
    } else {
      if (number >= this.dense.length) {
        let length = this.dense.length
        while (length <= number) length *= 2
        const grown = new Float64Array(Math.min(length, this.denseLimit)).fill(-1)
        grown.set(this.dense)
        this.dense = grown
      }
      if (this.dense[number]! >= 0) return
      this.dense[number] = offset
    }
    if (number > this.largest) this.largest = number
  }
}

/** Cross-reference entries read and parsed at most this many at a time (20 bytes each). */
const ENTRIES_PER_READ = 50_000
const DIGIT_0 = 0x30
const DIGIT_9 = 0x39

/** The number written in `length` decimal digits at `at`, or -1 when they are not all digits. */
function digitsAt(bytes: Uint8Array, at: number, length: number): number {
  let value = 0
  for (let index = at; index < at + length; index++) {
    const byte = bytes[index]!
    if (byte < DIGIT_0 || byte > DIGIT_9) return -1
    value = value * 10 + (byte - DIGIT_0)
  }
  return value
}

/**
 * One cross-reference table: its entries in use go into `offsets` (where a newer section has not
 * set them), read a block at a time and parsed from the bytes; returns the text of the trailer after it.
 */
async function readSection(source: ByteSource, position: number, offsets: OffsetTable): Promise<string> {
  if ((await source.read(position, 4)).toString('latin1') !== 'xref') {
    throw new Error('The PDF’s cross-reference is not a table.')
  }
  let cursor = position + 4
  for (;;) {
    const subsection = /^\s*(\d+)\s+(\d+)\s*\r?\n/.exec((await source.read(cursor, 64)).toString('latin1'))
    if (!subsection) break
    const first = Number(subsection[1])
    const count = Number(subsection[2])
    cursor += subsection[0].length
    for (let done = 0; done < count;) {
      const entries = Math.min(ENTRIES_PER_READ, count - done)
      const bytes = await source.read(cursor + done * 20, entries * 20)
      for (let index = 0; index < entries; index++) {
        // "nnnnnnnnnn ggggg n" (or f) and a two-byte end of line.
        const at = index * 20
        const offset = at + 18 <= bytes.length ? digitsAt(bytes, at, 10) : -1
        const kind = bytes[at + 17]
        if (
          offset < 0 ||
          bytes[at + 10] !== 0x20 ||
          digitsAt(bytes, at + 11, 5) < 0 ||
          bytes[at + 16] !== 0x20 ||
          (kind !== 0x6e && kind !== 0x66)
        ) {
          throw new Error('The PDF’s cross-reference table is damaged.')
        }
        if (kind === 0x6e) offsets.setIfAbsent(first + done + index, offset)
      }
      done += entries
    }
    cursor += count * 20
  }
  const text = (await source.read(cursor, OBJECT_CHUNK)).toString('latin1')
  const trailer = /^\s*trailer\s*/.exec(text.slice(0, 64))
  if (!trailer) throw new Error('The PDF’s cross-reference has no trailer.')
  const end = text.indexOf('startxref', trailer[0].length)
  return text.slice(trailer[0].length, end < 0 ? undefined : end)
}

function parseDict(text: string, context: PDFContext): PDFDict {
  const value = PDFObjectParser.forBytes(Buffer.from(text, 'latin1'), context).parseObject()
  if (!(value instanceof PDFDict)) throw new Error('The PDF’s trailer could not be read.')
  return value
}
