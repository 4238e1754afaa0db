import { PDFArray, PDFDict, PDFName, PDFRef, type PDFObject } from 'pdf-lib'
import { incrementalUpdate, literal, pdfDate } from './pdf-signature'
import { XrefReader, type ByteSource } from './xref-reader'

/** The signature field's name, as PDF readers list it. */
export const SIGNATURE_FIELD = 'Evidence Desk signature'
/** Room for the DER of the CMS signature (a P-256 signature and its certificate take under 1 KB). */
export const CONTENTS_BYTES = 8192
/** /ByteRange is written at this fixed width, so filling it in moves nothing. */
const BYTE_RANGE_WIDTH = 60
const MAX_PAGE_TREE_DEPTH = 32

export interface CmsUpdateParts {
  /** The signing time written in the signature dictionary (the pack's generation time). */
  date: Date
  /** Who signed, as /Name (the pack's organisation). */
  signerName: string
}

export interface CmsUpdate {
  /** The update's bytes, /Contents still zeros: fill them with `withContents`. */
  bytes: Buffer
  /** Where the hex string of /Contents (with its angle brackets) starts and ends, in the whole file. */
  contentsStart: number
  contentsEnd: number
  /** [0, contentsStart, contentsEnd, rest]: every byte of the file but /Contents. */
  byteRange: [number, number, number, number]
}

const entriesOf = (dict: PDFDict, without: string[]): string[] =>
  dict
    .entries()
    .filter(([key]) => !without.includes(key.asString()))
    .map(([key, value]) => `${key.toString()} ${value.toString()}`)

const objectBytes = (number: number, body: string): Buffer =>
  Buffer.from(`${number} 0 obj\n${body}\nendobj\n`, 'latin1')

/** The first page: where the signature's (invisible) widget is listed. */
async function firstPage(pdf: XrefReader, catalog: PDFDict): Promise<{ ref: PDFRef; dict: PDFDict }> {
  let node: PDFObject | undefined = catalog.get(PDFName.of('Pages'))
  for (let depth = 0; depth < MAX_PAGE_TREE_DEPTH; depth++) {
    if (!(node instanceof PDFRef)) break
    const dict = await pdf.resolve(node)
    if (!(dict instanceof PDFDict)) break
    if (dict.get(PDFName.of('Type')) === PDFName.of('Page')) return { ref: node, dict }
    const kids = await pdf.resolve(dict.get(PDFName.of('Kids')))
    node = kids instanceof PDFArray ? kids.get(0) : undefined
  }
  throw new Error('The PDF has no first page to carry the signature field.')
}

/**
 * The incremental update that gives a signed pack its standard PDF signature: a signature
 * dictionary (SubFilter adbe.pkcs7.detached) whose /ByteRange covers the whole file but its
 * /Contents, an invisible signature field on the first page, and the catalog's /AcroForm. It is
 * appended after the manifest's update, so the signature covers the manifest too. The update is
 * a pure function of the file before it and the parts, so a verifier rebuilds it and compares.
 */
export async function cmsSignatureUpdate(source: ByteSource, parts: CmsUpdateParts): Promise<CmsUpdate> {
  const pdf = await XrefReader.open(source)
  const catalogRef = pdf.trailer.get(PDFName.of('Root'))
  const catalog = await pdf.resolve(catalogRef)
  if (!(catalogRef instanceof PDFRef) || !(catalog instanceof PDFDict)) throw new Error('The PDF has no catalog.')
  const page = await firstPage(pdf, catalog)
  const signatureNumber = pdf.largestObjectNumber + 1
  const fieldNumber = signatureNumber + 1
  const fieldRef = `${fieldNumber} 0 R`
  const objects = new Map<number, Buffer>()

  const placeholder = '0'.repeat(CONTENTS_BYTES * 2)
  const signatureHead = [
    '<<',
    '/Type /Sig',
    '/Filter /Adobe.PPKLite',
    '/SubFilter /adbe.pkcs7.detached',
    `/Name ${literal(parts.signerName)}`,
    `/M ${literal(pdfDate(parts.date))}`,
    '/Reason (Evidence pack signed by Evidence Desk: the attached manifest lists every file)',
    `/ByteRange ${'['.padEnd(BYTE_RANGE_WIDTH - 1)}]`,
    '/Contents <'
  ].join('\n')
  const signatureObject = objectBytes(signatureNumber, `${signatureHead}${placeholder}>\n>>`)
  objects.set(signatureNumber, signatureObject)
  objects.set(
    fieldNumber,
    objectBytes(
      fieldNumber,
      `<<\n/Type /Annot\n/Subtype /Widget\n/FT /Sig\n/T ${literal(SIGNATURE_FIELD)}\n/V ${signatureNumber} 0 R\n/F 132\n/Rect [0 0 0 0]\n/P ${page.ref.toString()}\n>>`
    )
  )

  // The first page lists the widget among its annotations (in its own array object if it has one).
  const annotations = page.dict.get(PDFName.of('Annots'))
  if (annotations instanceof PDFRef) {
    const array = await pdf.resolve(annotations)
    const items = array instanceof PDFArray ? array.asArray().map((item) => item.toString()) : []
    objects.set(annotations.objectNumber, objectBytes(annotations.objectNumber, `[${[...items, fieldRef].join(' ')}]`))
  } else {
    const items = annotations instanceof PDFArray ? annotations.asArray().map((item) => item.toString()) : []
    objects.set(
      page.ref.objectNumber,
      objectBytes(
        page.ref.objectNumber,
        `<<\n${entriesOf(page.dict, ['Annots']).join('\n')}\n/Annots [${[...items, fieldRef].join(' ')}]\n>>`
      )
    )
  }
  objects.set(
    catalogRef.objectNumber,
    objectBytes(
      catalogRef.objectNumber,
      `<<\n${entriesOf(catalog, ['AcroForm']).join('\n')}\n/AcroForm << /Fields [${fieldRef}] /SigFlags 3 >>\n>>`
    )
  )

  const bytes = incrementalUpdate(pdf, source.size, objects, Math.max(fieldNumber + 1, pdf.largestObjectNumber + 1))
  const signatureAt = bytes.indexOf(signatureObject)
  const contentsStart = source.size + bytes.indexOf('/Contents <0', signatureAt) + '/Contents '.length
  const contentsEnd = contentsStart + placeholder.length + 2
  const total = source.size + bytes.length
  const byteRange: CmsUpdate['byteRange'] = [0, contentsStart, contentsEnd, total - contentsEnd]
  const rangeText = `[${byteRange.join(' ')}`.padEnd(BYTE_RANGE_WIDTH - 1) + ']'
  const rangeAt = bytes.indexOf(`/ByteRange ${'['.padEnd(BYTE_RANGE_WIDTH - 1)}]`, signatureAt) + '/ByteRange '.length
  bytes.write(rangeText, rangeAt, 'latin1')
  return { bytes, contentsStart, contentsEnd, byteRange }
}

/** The update with the DER signature written into /Contents (hex, zero-padded to the room kept). */
export function withContents(update: CmsUpdate, fileOffset: number, der: Buffer): Buffer {
  if (der.length > CONTENTS_BYTES) throw new Error('The signature does not fit in the room kept for it.')
  const bytes = Buffer.from(update.bytes)
  bytes.write(der.toString('hex').toUpperCase(), update.contentsStart - fileOffset + 1, 'latin1')
  return bytes
}
