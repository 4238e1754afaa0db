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
    private readonly offsets: Map<number, number>,
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
    const offsets = new Map<number, number>()
    let trailer: PDFDict | null = null
    // Newest section first; an object's newest entry wins, older sections are followed through /Prev.
    const seen = new Set<number>()
    const sections: number[] = []
    for (let position: number | null = startXref; position !== null;) {
      if (seen.has(position)) throw new Error('The PDF’s cross-references loop.')
      if (seen.size >= MAX_SECTIONS) throw new Error('The PDF has too many revisions.')
      seen.add(position)
      sections.push(position)
      const section = await readSection(source, position)
      for (const [number, offset] of section.offsets) if (!offsets.has(number)) offsets.set(number, offset)
      const dict = parseDict(section.trailerText, PDFContext.create())
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
    // A loop, not Math.max(...keys): a large pack has millions of objects, more arguments than a call takes.
    let largest = 0
    for (const number of this.offsets.keys()) if (number > largest) largest = number
    return largest
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

/** One cross-reference table and the text of the trailer after it. */
async function readSection(
  source: ByteSource,
  position: number
): Promise<{ offsets: Map<number, number>; trailerText: string }> {
  const offsets = new Map<number, number>()
  let text = (await source.read(position, OBJECT_CHUNK)).toString('latin1')
  if (!text.startsWith('xref')) throw new Error('The PDF’s cross-reference is not a table.')
  let cursor = 4
  for (;;) {
    const subsection = /^\s*(\d+)\s+(\d+)\s*\r?\n/.exec(text.slice(cursor, cursor + 64))
    if (!subsection) break
    const first = Number(subsection[1])
    const count = Number(subsection[2])
    cursor += subsection[0].length
    const needed = cursor + count * 20 + 4096
    if (text.length < needed && position + text.length < source.size) {
      text = (await source.read(position, needed)).toString('latin1')
    }
    for (let index = 0; index < count; index++) {
      const entry = text.slice(cursor + index * 20, cursor + index * 20 + 18)
      const match = /^(\d{10}) (\d{5}) ([nf])$/.exec(entry)
      if (!match) throw new Error('The PDF’s cross-reference table is damaged.')
      if (match[3] === 'n') offsets.set(first + index, Number(match[1]))
    }
    cursor += count * 20
  }
  const trailer = /^\s*trailer\s*/.exec(text.slice(cursor, cursor + 64))
  if (!trailer) throw new Error('The PDF’s cross-reference has no trailer.')
  const start = cursor + trailer[0].length
  const end = text.indexOf('startxref', start)
  return { offsets, trailerText: text.slice(start, end < 0 ? undefined : end) }
}

function parseDict(text: string, context: PDFContext): PDFDict {
  const value = PDFObjectParser.forBytes(Buffer.from(text, 'latin1'), context).parseObject()
  if (!(value instanceof PDFDict)) throw new Error('The PDF’s trailer could not be read.')
  return value
}
