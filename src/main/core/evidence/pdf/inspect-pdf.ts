import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
  type PDFObject
} from 'pdf-lib'
import { LimitExceeded, LIMITS } from '../../util/limits'

export interface PdfAttachment {
  name: string
  description?: string
  bytes: Uint8Array
}

export interface PdfInspection {
  /** The document structure could be parsed. */
  readable: boolean
  encrypted: boolean
  pages?: number
  info: { title?: string; author?: string; subject?: string; producer?: string; creationDate?: string }
  attachments: PdfAttachment[]
  /** Names of attachments listed but missing or undecodable. */
  unreadableAttachments: string[]
  /** What could not be read, in words for the evidence record. */
  problems: string[]
}

/**
 * Reads what can be read offline from a PDF: its information dictionary and the files embedded
 * in it (the EmbeddedFiles name tree and file-attachment annotations). AWS Artifact downloads are
 * such wrappers: the report itself is an attachment. Never throws on a bad PDF; it says what failed.
 */
export async function inspectPdf(bytes: Uint8Array): Promise<PdfInspection> {
  const result: PdfInspection = {
    readable: false,
    encrypted: false,
    info: {},
    attachments: [],
    unreadableAttachments: [],
    problems: []
  }
  let document: PDFDocument
  try {
    document = await PDFDocument.load(bytes, {
      ignoreEncryption: true,
      updateMetadata: false,
      throwOnInvalidObject: false
    })
  } catch (error) {
    result.problems.push(`The PDF could not be read (${shortReason(error)}); it was stored as it is.`)
    return result
  }
  result.readable = true
  result.encrypted = document.isEncrypted
  try {
    result.pages = document.getPageCount()
  } catch {
    result.problems.push('The page tree could not be read.')
  }
  if (result.encrypted) {
    result.problems.push('The PDF is encrypted; its contents could not be read. It was stored as it is.')
    return result
  }
  result.info = readInfo(document)

  const seen = new Set<PDFObject>()
  const collect = (fileSpec: PDFObject | undefined, fallbackName: string): void => {
    const spec = resolve(document, fileSpec)
    if (!(spec instanceof PDFDict) || seen.has(spec)) return
    seen.add(spec)
    const name =
      text(resolve(document, spec.get(PDFName.of('UF')))) ??
      text(resolve(document, spec.get(PDFName.of('F')))) ??
      fallbackName
    const description = text(resolve(document, spec.get(PDFName.of('Desc'))))
    const embedded = resolve(document, spec.get(PDFName.of('EF')))
    const stream =
      embedded instanceof PDFDict
        ? resolve(document, embedded.get(PDFName.of('F')) ?? embedded.get(PDFName.of('UF')))
        : undefined
    if (!(stream instanceof PDFStream)) {
      result.unreadableAttachments.push(name)
      result.problems.push(`The PDF lists an attachment "${name}" but does not contain it.`)
      return
    }
    try {
      const content = stream instanceof PDFRawStream ? decodePDFRawStream(stream).decode() : stream.getContents()
      if (content.length === 0) {
        result.problems.push(`The attachment "${name}" is empty.`)
        return
      }
      result.attachments.push({ name, ...(description ? { description } : {}), bytes: content })
    } catch (error) {
      result.unreadableAttachments.push(name)
      result.problems.push(`The attachment "${name}" could not be decoded (${shortReason(error)}).`)
    }
  }

  try {
    const names = resolve(document, document.catalog.get(PDFName.of('Names')))
    const tree = names instanceof PDFDict ? resolve(document, names.get(PDFName.of('EmbeddedFiles'))) : undefined
    walkNameTree(document, tree, (key, value) => collect(value, key), new Set(), 0)
  } catch (error) {
    result.problems.push(`The list of attachments could not be read (${shortReason(error)}).`)
  }
  try {
    document.getPages().forEach((page, index) => {
      const annotations = resolve(document, page.node.get(PDFName.of('Annots')))
      if (!(annotations instanceof PDFArray)) return
      for (const entry of annotations.asArray()) {
        const annotation = resolve(document, entry)
        if (!(annotation instanceof PDFDict)) continue
        if (annotation.get(PDFName.of('Subtype')) !== PDFName.of('FileAttachment')) continue
        collect(annotation.get(PDFName.of('FS')), `attachment on page ${index + 1}`)
      }
    })
  } catch (error) {
    result.problems.push(`File-attachment annotations could not be read (${shortReason(error)}).`)
  }
  return result
}

function walkNameTree(
  document: PDFDocument,
  node: PDFObject | undefined,
  visit: (key: string, value: PDFObject | undefined) => void,
  visited: Set<PDFObject>,
  depth: number
): void {
  // A name tree nested deeper than any real one is built to exhaust the stack: it is not followed.
  if (depth > LIMITS.depth.value) throw new LimitExceeded('depth', 'The list of attachments')
  const resolved = resolve(document, node)
  if (!(resolved instanceof PDFDict) || visited.has(resolved)) return
  visited.add(resolved)
  const pairs = resolve(document, resolved.get(PDFName.of('Names')))
  if (pairs instanceof PDFArray) {
    const items = pairs.asArray()
    for (let index = 0; index + 1 < items.length; index += 2) {
      visit(text(resolve(document, items[index])) ?? `attachment ${index / 2 + 1}`, items[index + 1])
    }
  }
  const kids = resolve(document, resolved.get(PDFName.of('Kids')))
  if (kids instanceof PDFArray) for (const kid of kids.asArray()) walkNameTree(document, kid, visit, visited, depth + 1)
}

function resolve(document: PDFDocument, value: PDFObject | undefined): PDFObject | undefined {
  let current = value
  for (let depth = 0; current instanceof PDFRef && depth < 8; depth++) current = document.context.lookup(current)
  return current instanceof PDFRef ? undefined : current
}

function text(value: PDFObject | undefined): string | undefined {
  if (value instanceof PDFString || value instanceof PDFHexString) return value.decodeText()
  return undefined
}

function readInfo(document: PDFDocument): PdfInspection['info'] {
  const read = (getter: () => string | Date | undefined): string | undefined => {
    try {
      const value = getter()
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString()
      return value?.trim() || undefined
    } catch {
      return undefined
    }
  }
  const info = {
    title: read(() => document.getTitle()),
    author: read(() => document.getAuthor()),
    subject: read(() => document.getSubject()),
    producer: read(() => document.getProducer()),
    creationDate: read(() => document.getCreationDate())
  }
  return Object.fromEntries(Object.entries(info).filter(([, value]) => value !== undefined))
}

function shortReason(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 160)
}
