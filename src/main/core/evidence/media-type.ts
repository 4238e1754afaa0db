import { extname } from 'node:path'

interface Signature {
  mediaType: string
  /** Bytes at the given offset; null matches any byte. */
  bytes: (number | null)[]
  offset?: number
}

const ascii = (text: string): number[] => [...text].map((char) => char.charCodeAt(0))

/**
 * The signatures of the formats evidence comes in: documents, images, archives and office files.
 * A short table of our own rather than a general-purpose detector, which would load hundreds of
 * formats' rules into the import for files that are only ever these.
 */
const SIGNATURES: Signature[] = [
  { mediaType: 'application/pdf', bytes: ascii('%PDF-') },
  { mediaType: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { mediaType: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { mediaType: 'image/gif', bytes: ascii('GIF8') },
  { mediaType: 'image/webp', bytes: [...ascii('RIFF'), null, null, null, null, ...ascii('WEBP')] },
  { mediaType: 'image/bmp', bytes: ascii('BM') },
  { mediaType: 'image/tiff', bytes: [0x49, 0x49, 0x2a, 0x00] },
  { mediaType: 'image/tiff', bytes: [0x4d, 0x4d, 0x00, 0x2a] },
  { mediaType: 'image/heic', bytes: ascii('ftypheic'), offset: 4 },
  { mediaType: 'video/mp4', bytes: ascii('ftyp'), offset: 4 },
  { mediaType: 'application/gzip', bytes: [0x1f, 0x8b] },
  { mediaType: 'application/x-7z-compressed', bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { mediaType: 'application/x-ole-storage', bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
  { mediaType: 'application/vnd.sqlite3', bytes: ascii('SQLite format 3\0') },
  { mediaType: 'application/rtf', bytes: ascii('{\\rtf') },
  { mediaType: 'application/zip', bytes: [0x50, 0x4b, 0x03, 0x04] }
]

/** Office documents are ZIP archives; the folder names of their first entries tell them apart. */
const OFFICE_PARTS: [string, string][] = [
  ['word/', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ['xl/', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ['ppt/', 'application/vnd.openxmlformats-officedocument.presentationml.presentation']
]

function matches(head: Buffer, signature: Signature): boolean {
  const offset = signature.offset ?? 0
  if (head.length < offset + signature.bytes.length) return false
  return signature.bytes.every((byte, index) => byte === null || head[offset + index] === byte)
}

/**
 * The media type of a file, judged from its content (its first bytes), with the name's extension
 * only used to tell apart text formats that carry no signature (CSV, Markdown).
 */
export async function detectMediaType(head: Buffer, name: string): Promise<string> {
  const signature = SIGNATURES.find((candidate) => matches(head, candidate))
  if (signature?.mediaType === 'application/zip') {
    const text = head.toString('latin1')
    return OFFICE_PARTS.find(([folder]) => text.includes(folder))?.[1] ?? signature.mediaType
  }
  if (signature) return signature.mediaType
  const utf16 = utf16Text(head)
  if (utf16 === undefined && !looksLikeText(head)) return 'application/octet-stream'
  const text = (utf16 ?? head.toString('utf8')).replace(/^\ufeff/, '').trimStart()
  const extension = extname(name).toLowerCase()
  if (text.startsWith('{') || text.startsWith('[')) return 'application/json'
  if (/^<\?xml|^<svg/i.test(text)) return text.toLowerCase().includes('<svg') ? 'image/svg+xml' : 'application/xml'
  if (/^<!doctype html|^<html/i.test(text)) return 'text/html'
  if (extension === '.csv' || extension === '.tsv' || looksLikeCsv(text)) return 'text/csv'
  if (extension === '.md') return 'text/markdown'
  return 'text/plain'
}

/** Text in UTF-16 with a byte-order mark (what Windows PowerShell 5.1 writes), decoded; undefined otherwise. */
function utf16Text(head: Buffer): string | undefined {
  const littleEndian = head[0] === 0xff && head[1] === 0xfe
  if (!littleEndian && !(head[0] === 0xfe && head[1] === 0xff)) return undefined
  const body = Buffer.from(head.subarray(2, 2 + ((head.length - 2) & ~1)))
  const decoded = new TextDecoder('utf-16le').decode(littleEndian ? body : body.swap16())
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0008\u000e-\u001f]/.test(decoded) ? undefined : decoded
}

/** No NUL bytes and valid UTF-8 (allowing a character cut at the end of the sample). */
function looksLikeText(head: Buffer): boolean {
  if (head.includes(0)) return false
  const decoded = new TextDecoder('utf-8', { fatal: false }).decode(head)
  const replacements = decoded.split('\ufffd').length - 1
  return replacements <= 1
}

/** At least three lines with the same number (two or more) of fields separated by commas, semicolons or tabs. */
function looksLikeCsv(text: string): boolean {
  const lines = text.split(/\r?\n/)
  const complete = lines.slice(0, -1).filter(Boolean).slice(0, 10)
  if (complete.length < 3) return false
  return [',', ';', '\t'].some((delimiter) => {
    const columns = complete[0]!.split(delimiter).length
    return columns > 1 && complete.every((line) => line.split(delimiter).length === columns)
  })
}
