import { createHash } from 'node:crypto'
import { once } from 'node:events'
import { createReadStream, readFileSync, statSync } from 'node:fs'
import { createDeflate, deflateSync } from 'node:zlib'
import { AppError } from '../../errors'

/** Files up to this size are read in one go (memory stays bounded by it); larger ones are streamed. */
export const WHOLE_FILE_LIMIT = 1024 * 1024

/** Media types whose content is already compressed: stored as they are rather than deflated again. */
const COMPRESSED =
  /^(application\/(pdf|zip|gzip|x-7z-compressed|vnd\.openxmlformats)|image\/(png|jpeg|gif|webp|heic)|video\/)/

/** The parts of pdfkit's document this writes through (untyped in @types/pdfkit). */
interface PdfReference {
  id: number
  gen: number
  offset: number
  data: unknown
  end(chunk?: Uint8Array): void
}

interface PdfDocumentInternals {
  _offset: number
  _write(data: string | Uint8Array): void
  _refEnd(ref: PdfReference): void
  _root: { data: { AF?: PdfReference[] } }
  ref(data?: unknown): PdfReference
  addNamedEmbeddedFile(name: string, ref: PdfReference): void
}

/** A PDF name: characters outside the regular ones written as #XX. */
function pdfName(text: string): string {
  return `/${[...text]
    .map((char) => {
      const code = char.charCodeAt(0)
      const regular = code > 0x20 && code < 0x7f && !'()<>[]{}/%#'.includes(char)
      return regular ? char : `#${(code & 0xff).toString(16).toUpperCase().padStart(2, '0')}`
    })
    .join('')}`
}

export interface Attachment {
  path: string
  name: string
  mediaType: string
  description: string
  /** The SHA-256 the register recorded for the file (null: not recorded, as for the audit log). */
  sha256: string | null
  /** Which file this is, in the error when it is missing or changed. */
  what: string
  date: Date
}

const missing = (what: string): AppError =>
  new AppError(
    'INTEGRITY',
    `The stored file of ${what} is missing from the vault. Run Verify vault, then export again.`
  )
const changed = (what: string): AppError =>
  new AppError(
    'INTEGRITY',
    `The stored file of ${what} no longer matches its SHA-256. Run Verify vault, then export again.`
  )

/**
 * Embeds a file in the PDF as pdfkit's doc.file does (an EmbeddedFile stream, a Filespec with
 * AFRelationship Data in the EmbeddedFiles name tree and the catalog's AF for PDF/A-3), but writes
 * the stream straight to the output as the file is read: a small file in one read, a large one
 * in chunks, so no file is ever held whole. Its length and Params (size, MD5 checksum) follow the
 * stream as objects of their own, since they are known only once it is read. The file's SHA-256
 * is checked on the way: a file that changed in the vault fails the export.
 */
export async function attachFile(
  pdfkitDoc: PDFKit.PDFDocument,
  file: Attachment
): Promise<{ size: number; sha256: string }> {
  const doc = pdfkitDoc as unknown as PdfDocumentInternals
  const compress = pdfkitDoc.compress && !COMPRESSED.test(file.mediaType)
  const sha256 = createHash('sha256')
  const md5 = createHash('md5')
  let size = 0

  let whole: Buffer | null = null
  let stream: AsyncIterable<Buffer> | null = null
  try {
    if (statSync(file.path).size <= WHOLE_FILE_LIMIT) whole = readFileSync(file.path)
    else stream = createReadStream(file.path, { highWaterMark: 256 * 1024 })
  } catch {
    throw missing(file.what)
  }

  const params = doc.ref()
  const length = doc.ref()
  const embedded = doc.ref()
  embedded.offset = doc._offset
  doc._write(`${embedded.id} ${embedded.gen} obj`)
  doc._write(
    `<<\n/Type /EmbeddedFile\n/Params ${params.id} 0 R\n/Subtype ${pdfName(file.mediaType)}\n/Length ${length.id} 0 R\n${compress ? '/Filter /FlateDecode\n' : ''}>>`
  )
  doc._write('stream')
  let stored = 0
  const put = (chunk: Buffer): void => {
    if (chunk.length === 0) return
    doc._write(chunk)
    stored += chunk.length
  }
  const read = (chunk: Buffer): void => {
    sha256.update(chunk)
    md5.update(chunk)
    size += chunk.length
  }
  if (whole) {
    read(whole)
    put(compress ? deflateSync(whole) : whole)
  } else {
    const deflate = compress ? createDeflate() : null
    const deflated: Buffer[] = []
    deflate?.on('data', (chunk: Buffer) => deflated.push(chunk))
    try {
      for await (const chunk of stream!) {
        read(chunk)
        if (!deflate) put(chunk)
        else {
          await new Promise<void>((resolve, reject) =>
            deflate.write(chunk, (error) => (error ? reject(error) : resolve()))
          )
          deflated.splice(0).forEach(put)
        }
      }
    } catch {
      throw missing(file.what)
    }
    if (deflate) {
      // All of the compressed output has come out only once the readable side ends (not at 'finish').
      const ended = once(deflate, 'end')
      deflate.end()
      await ended
      deflated.splice(0).forEach(put)
    }
  }
  doc._write('\nendstream')
  doc._write('endobj')
  doc._refEnd(embedded)

  const digest = sha256.digest('hex')
  if (file.sha256 !== null && digest !== file.sha256) throw changed(file.what)
  length.data = stored
  length.end()
  params.data = {
    CreationDate: file.date,
    ModDate: file.date,
    CheckSum: new String(md5.digest('hex')),
    Size: size
  }
  params.end()

  const filespec = doc.ref({
    Type: 'Filespec',
    AFRelationship: 'Data',
    F: new String(file.name),
    EF: { F: embedded },
    UF: new String(file.name),
    Desc: new String(file.description)
  })
  filespec.end()
  // Written: the name tree and AF list keep it until the end, and write only its number.
  filespec.data = null
  doc.addNamedEmbeddedFile(file.name, filespec)
  ;(doc._root.data.AF ??= []).push(filespec)
  return { size, sha256: digest }
}
