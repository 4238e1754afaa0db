import { createHash } from 'node:crypto'
import { Readable, Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { constants, createInflate } from 'node:zlib'
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFString, type PDFObject } from 'pdf-lib'
import { LimitExceeded, LIMITS, type LimitName } from '../../util/limits'
import { truncatedSource, XrefReader, type ByteSource, type StreamLocation } from '../signature/xref-reader'

const SCAN_CHUNK = 4 * 1024 * 1024
const READ_CHUNK = 1024 * 1024
const MAX_OPEN_ATTEMPTS = 32
const MAX_NAME_TREE_ENTRIES = 100_000

/** The bytes [start, start + length) of a source, a chunk at a time. */
export async function* readRange(source: ByteSource, start: number, length: number): AsyncGenerator<Buffer> {
  for (let position = start; position < start + length; position += READ_CHUNK) {
    const chunk = await source.read(position, Math.min(READ_CHUNK, start + length - position))
    if (chunk.length === 0) return
    yield chunk
  }
}

export async function sha256Range(source: ByteSource, start: number, length: number): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of readRange(source, start, length)) hash.update(chunk)
  return hash.digest('hex')
}

/** Where each revision of the file may end: just after each `%%EOF` and the end of line after it. */
export async function revisionEnds(source: ByteSource): Promise<number[]> {
  const ends: number[] = []
  for (let position = 0; position < source.size; position += SCAN_CHUNK) {
    const chunk = (await source.read(position, SCAN_CHUNK + 7)).toString('latin1')
    for (let at = chunk.indexOf('%%EOF'); at >= 0 && at < SCAN_CHUNK; at = chunk.indexOf('%%EOF', at + 1)) {
      let end = position + at + 5
      const after = chunk.slice(at + 5, at + 7)
      end += after.startsWith('\r\n') ? 2 : /^[\r\n]/.test(after) ? 1 : 0
      ends.push(Math.min(end, source.size))
    }
  }
  return ends
}

export interface Revision {
  /** Where the revision's cross-reference section starts. */
  xref: number
  /** Where it ends (after its %%EOF). */
  end: number
}

/**
 * The revisions of a PDF written with classic cross-reference tables, oldest first, read back
 * from the newest revision that can be followed. Bytes after it (a revision of another kind, or
 * anything appended) are left for the caller. Null when no revision can be followed.
 */
export async function readRevisions(source: ByteSource): Promise<{ revisions: Revision[]; end: number } | null> {
  const ends = await revisionEnds(source)
  for (const end of ends.slice(-MAX_OPEN_ATTEMPTS).reverse()) {
    let reader: XrefReader
    try {
      reader = await XrefReader.open(truncatedSource(source, end))
    } catch {
      continue
    }
    const revisions = [...reader.sections].reverse().map((xref) => ({
      xref,
      end: ends.find((candidate) => candidate > xref) ?? end
    }))
    return { revisions, end }
  }
  return null
}

const textOf = (value: PDFObject | undefined): string | undefined =>
  value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined

export interface EmbeddedFile {
  name: string
  stream: StreamLocation | undefined
}

/** The files listed in the catalog's EmbeddedFiles name tree, by the name their file specification gives. */
export async function embeddedFiles(pdf: XrefReader): Promise<EmbeddedFile[]> {
  const catalog = await pdf.resolve(pdf.trailer.get(PDFName.of('Root')))
  if (!(catalog instanceof PDFDict)) throw new Error('The PDF has no catalog.')
  const names = await pdf.resolve(catalog.get(PDFName.of('Names')))
  const root = names instanceof PDFDict ? names.get(PDFName.of('EmbeddedFiles')) : undefined
  const files: EmbeddedFile[] = []
  const visited = new Set<string>()
  const walk = async (node: PDFObject | undefined, depth: number): Promise<void> => {
    if (depth > LIMITS.depth.value) throw new LimitExceeded('depth', 'The list of attachments')
    const key = node?.toString() ?? ''
    if (visited.has(key)) return
    visited.add(key)
    const dict = await pdf.resolve(node)
    if (!(dict instanceof PDFDict)) return
    const pairs = await pdf.resolve(dict.get(PDFName.of('Names')))
    if (pairs instanceof PDFArray) {
      for (let index = 0; index + 1 < pairs.size(); index += 2) {
        if (files.length >= MAX_NAME_TREE_ENTRIES) throw new LimitExceeded('zipEntries', 'The list of attachments')
        const spec = await pdf.resolve(pairs.get(index + 1))
        const treeName = textOf(await pdf.resolve(pairs.get(index))) ?? `attachment ${index / 2 + 1}`
        if (!(spec instanceof PDFDict)) {
          files.push({ name: treeName, stream: undefined })
          continue
        }
        const name =
          textOf(await pdf.resolve(spec.get(PDFName.of('UF')))) ??
          textOf(await pdf.resolve(spec.get(PDFName.of('F')))) ??
          treeName
        const embedded = await pdf.resolve(spec.get(PDFName.of('EF')))
        const ref =
          embedded instanceof PDFDict ? (embedded.get(PDFName.of('F')) ?? embedded.get(PDFName.of('UF'))) : undefined
        files.push({ name, stream: await pdf.streamAt(ref).catch(() => undefined) })
      }
    }
    const kids = await pdf.resolve(dict.get(PDFName.of('Kids')))
    if (kids instanceof PDFArray) for (const kid of kids.asArray()) await walk(kid, depth + 1)
  }
  await walk(root, 0)
  return files
}

/** A stream's filters, when they are none or FlateDecode alone (all Evidence Desk writes). */
function isPlainOrFlate(stream: StreamLocation): { flate: boolean } | null {
  const filter = stream.dict.get(PDFName.of('Filter'))
  if (stream.dict.get(PDFName.of('DecodeParms')) !== undefined) return null
  if (filter === undefined) return { flate: false }
  const only = filter instanceof PDFArray && filter.size() === 1 ? filter.get(0) : filter
  return only === PDFName.of('FlateDecode') ? { flate: true } : null
}

/**
 * The decoded bytes of a stream, hashed as they stream, never held whole: stops at `ceiling`
 * bytes with LimitExceeded. `keep` returns the bytes too (for the small files of the signature).
 */
export async function readStream(
  source: ByteSource,
  stream: StreamLocation,
  options: { ceiling: number; limit: LimitName; what: string; keep?: boolean }
): Promise<{ sha256: string; size: number; bytes?: Buffer }> {
  const kind = isPlainOrFlate(stream)
  if (!kind) throw new Error('it is stored with filters Evidence Desk does not write')
  const hash = createHash('sha256')
  const kept: Buffer[] = []
  let size = 0
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      size += chunk.length
      if (size > options.ceiling) return done(new LimitExceeded(options.limit, options.what))
      hash.update(chunk)
      if (options.keep) kept.push(chunk)
      done()
    }
  })
  const raw = Readable.from(readRange(source, stream.start, stream.length))
  if (kind.flate) await pipeline(raw, createInflate({ finishFlush: constants.Z_SYNC_FLUSH }), sink)
  else await pipeline(raw, sink)
  return { sha256: hash.digest('hex'), size, ...(options.keep ? { bytes: Buffer.concat(kept) } : {}) }
}
