import { PDFArray, PDFContext, PDFDict, PDFName, PDFObjectParser, PDFRef, type PDFObject } from 'pdf-lib'
import type { ByteSource, XrefReader } from '../signature/xref-reader'

/** What an auditor's reader may add to a signed PDF without touching what was signed. */
export const ANNOTATIONS = 'annotations'
const MAX_APPENDED_READ = 64 * 1024 * 1024
const ANNOTATION_SUBTYPES = new Set([
  'Text',
  'FreeText',
  'Line',
  'Square',
  'Circle',
  'Polygon',
  'PolyLine',
  'Highlight',
  'Underline',
  'Squiggly',
  'StrikeOut',
  'Caret',
  'Stamp',
  'Ink',
  'Popup'
])

const nameOf = (dict: PDFDict, key: string): string | undefined => {
  const value = dict.get(PDFName.of(key))
  return value instanceof PDFName ? value.asString().slice(1) : undefined
}

/** A dictionary's entries as text, some left out: what two versions of an object are compared by. */
const entriesText = (dict: PDFDict, without: string[]): string =>
  dict
    .entries()
    .filter(([key]) => !without.includes(key.asString().slice(1)))
    .map(([key, value]) => `${key.toString()} ${value.toString()}`)
    .sort()
    .join('\n')

/**
 * What the objects saved after the signed revision change, in plain words: "annotations" for
 * comments and markup (new annotation objects, their appearances, a page's /Annots extended),
 * else "page content", "attachments", "document information", "other objects". Empty when the
 * bytes hold no objects at all (junk appended).
 */
export async function describeAppendedChanges(
  source: ByteSource,
  start: number,
  signed: XrefReader
): Promise<string[]> {
  const length = Math.min(source.size - start, MAX_APPENDED_READ)
  const text = (await source.read(start, length)).toString('latin1')
  if (source.size - start > MAX_APPENDED_READ) return ['other objects']
  const context = PDFContext.create()
  const changes = new Set<string>()
  const header = /(\d+)\s+(\d+)\s+obj\b/g
  for (let match = header.exec(text); match; match = header.exec(text)) {
    const number = Number(match[1])
    const end = text.indexOf('endobj', header.lastIndex)
    const body = text.slice(header.lastIndex, end < 0 ? undefined : end)
    const streamAt = body.search(/\bstream(\r\n|\n|\r)/)
    let value: PDFObject | undefined
    try {
      value = PDFObjectParser.forBytes(
        Buffer.from(streamAt >= 0 ? body.slice(0, streamAt) : body, 'latin1'),
        context
      ).parseObject()
    } catch {
      value = undefined
    }
    changes.add(await classify(number, value, streamAt >= 0, signed))
    if (end >= 0) header.lastIndex = end
  }
  changes.delete('')
  return [...changes].sort()
}

async function classify(
  number: number,
  value: PDFObject | undefined,
  isStream: boolean,
  signed: XrefReader
): Promise<string> {
  const before =
    signed.offsetOf(number) !== undefined ? await signed.resolve(PDFRef.of(number)).catch(() => undefined) : undefined
  if (value instanceof PDFArray) {
    // A page's annotation array, extended with new annotations.
    const wasArray = before === undefined || before instanceof PDFArray
    return wasArray && value.asArray().every((item) => item instanceof PDFRef) ? ANNOTATIONS : 'other objects'
  }
  if (!(value instanceof PDFDict)) return 'other objects'
  const type = nameOf(value, 'Type')
  const subtype = nameOf(value, 'Subtype')
  // The cross-reference stream of the update is how it is written, not a change.
  if (type === 'XRef') return ''
  if (isStream && type === 'XObject' && subtype === 'Form' && before === undefined) return ANNOTATIONS
  if (!isStream && (type === 'Annot' || type === undefined) && subtype && ANNOTATION_SUBTYPES.has(subtype)) {
    return before === undefined || (before instanceof PDFDict && nameOf(before, 'Subtype') === subtype)
      ? ANNOTATIONS
      : 'other objects'
  }
  if (type === 'Page' && before instanceof PDFDict) {
    return entriesText(before, ['Annots']) === entriesText(value, ['Annots']) ? ANNOTATIONS : 'page content'
  }
  if (type === 'EmbeddedFile' || type === 'Filespec') return 'attachments'
  if (type === 'Sig' || nameOf(value, 'FT') === 'Sig') return 'signatures'
  const info = signed.trailer.get(PDFName.of('Info'))
  if (info instanceof PDFRef && info.objectNumber === number) return 'document information'
  if (type === 'Metadata') return 'document information'
  return 'other objects'
}
