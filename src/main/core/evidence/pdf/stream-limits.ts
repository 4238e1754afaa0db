import { inflateBounded, LimitExceeded, LIMITS } from '../../util/limits'

/** Image filters: their data is never decoded to read text or attachments. */
const IMAGE_FILTERS = new Set(['DCTDecode', 'DCT', 'JPXDecode', 'JBIG2Decode', 'CCITTFaxDecode', 'CCF', 'Crypt'])
/** The most a filter that cannot be decoded here can expand its input (LZW codes, run lengths). */
const EXPANSION_BOUND: Record<string, number> = { LZWDecode: 4096, LZW: 4096, RunLengthDecode: 64, RL: 64 }
const FLATE_BOUND = 1032

const decodeName = (name: string): string =>
  name.replace(/#([0-9a-fA-F]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)))

/** The filters named in a stream dictionary, or null when they cannot be read from its text. */
function filtersOf(dictionary: string): string[] | null {
  const at = dictionary.search(/\/Filter(?![#\w])/)
  if (at < 0) return []
  const value = dictionary.slice(at + '/Filter'.length).trimStart()
  const single = /^\/([^\s/[\]<>()%]+)/.exec(value)
  if (single) return [decodeName(single[1]!)]
  const array = /^\[([^\]]*)\]/.exec(value)
  if (array && /^(\s*\/[^\s/[\]<>()%]+)*\s*$/.test(array[1]!)) {
    return [...array[1]!.matchAll(/\/([^\s/[\]<>()%]+)/g)].map((match) => decodeName(match[1]!))
  }
  return null
}

function asciiHex(data: Buffer): Buffer {
  const text = data.toString('latin1').replace(/\s/g, '')
  const end = text.indexOf('>')
  const digits = end >= 0 ? text.slice(0, end) : text
  return Buffer.from(digits.length % 2 ? `${digits}0` : digits, 'hex')
}

function ascii85(data: Buffer): Buffer {
  const text = data.toString('latin1').replace(/\s/g, '').replace(/^<~/, '')
  const end = text.indexOf('~>')
  const body = (end >= 0 ? text.slice(0, end) : text).replace(/z/g, '!!!!!')
  const out: number[] = []
  for (let index = 0; index < body.length; index += 5) {
    const group = body.slice(index, index + 5).padEnd(5, 'u')
    let value = 0
    for (const character of group) value = value * 85 + (character.charCodeAt(0) - 33)
    const bytes = [(value >>> 24) & 255, (value >>> 16) & 255, (value >>> 8) & 255, value & 255]
    out.push(...bytes.slice(0, Math.min(4, body.length - index - 1)))
  }
  return Buffer.from(out)
}

function inflateOrNull(data: Buffer, what: string): Buffer | null {
  try {
    return inflateBounded(data, LIMITS.pdfStreamBytes.value, 'pdfStreamBytes', what)
  } catch (error) {
    if (error instanceof LimitExceeded) throw error
    return null
  }
}

/**
 * Checks every stream of a PDF against the ceilings before any parser (pdf-lib, pdf.js) decodes
 * one: each is found by its `stream` keyword, whatever the cross-reference says, and its filters
 * are applied with a ceiling on what they expand to. A stream whose filters cannot be read from
 * its dictionary counts as over the limit. Throws LimitExceeded naming the limit reached.
 */
export function assertPdfStreamsWithinLimits(bytes: Buffer): void {
  const text = bytes.toString('latin1')
  // An encrypted PDF's streams cannot be inflated here, and no parser here decrypts them either.
  const encrypted = /\/Encrypt\b/.test(text)
  const keyword = /\bstream(\r\n|\n|\r)/g
  let streams = 0
  let total = 0
  for (let match = keyword.exec(text); match; match = keyword.exec(text)) {
    if (text.slice(Math.max(0, match.index - 3), match.index) === 'end') continue
    if (++streams > LIMITS.pdfStreams.value) throw new LimitExceeded('pdfStreams', 'The PDF')
    const objectStart = text.lastIndexOf(' obj', match.index)
    const dictionary = text.slice(Math.max(objectStart, match.index - 64 * 1024), match.index)
    const start = match.index + match[0].length
    const next = text.indexOf('endstream', start)
    const declared = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dictionary)
    const end = Math.min(
      bytes.length,
      Math.max(next < 0 ? bytes.length : next, declared ? start + Number(declared[1]) : 0)
    )
    keyword.lastIndex = Math.max(keyword.lastIndex, next < 0 ? bytes.length : next)
    const filters = filtersOf(dictionary)
    const what = `A compressed stream of the PDF (at byte ${start})`
    if (filters === null) throw new LimitExceeded('pdfStreamBytes', `${what}, whose filters cannot be read,`)
    let data: Buffer | null = bytes.subarray(start, end)
    let bound = data.length
    for (const filter of filters) {
      if (IMAGE_FILTERS.has(filter)) break
      if (filter === 'FlateDecode' || filter === 'Fl') {
        if (data) {
          const inflated = inflateOrNull(data, what)
          // Data zlib refuses may still be read by a laxer parser: counted at the most it could expand to.
          bound = inflated ? inflated.length : encrypted ? 0 : bound * FLATE_BOUND
          data = inflated
        } else bound *= FLATE_BOUND
      } else if (filter === 'ASCIIHexDecode' || filter === 'AHx') {
        if (data) data = asciiHex(data)
        bound = data ? data.length : bound
      } else if (filter === 'ASCII85Decode' || filter === 'A85') {
        if (data) data = ascii85(data)
        bound = data ? data.length : bound
      } else {
        bound *= EXPANSION_BOUND[filter] ?? Infinity
        data = null
      }
      if (bound > LIMITS.pdfStreamBytes.value) throw new LimitExceeded('pdfStreamBytes', what)
    }
    total += bound
    if (total > LIMITS.pdfTotalBytes.value) throw new LimitExceeded('pdfTotalBytes', 'The PDF')
  }
}
