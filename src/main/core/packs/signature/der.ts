/**
 * The few DER (X.690) encodings the pack's CMS signature needs, written by hand: the export runs in
 * a fresh worker for every pack, where loading an ASN.1 library costs more than the signature.
 */

export function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length])
  const bytes: number[] = []
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256)
  return Buffer.from([0x80 | bytes.length, ...bytes])
}

/** One element: its tag byte, its length and its content. */
export const tlv = (tag: number, ...content: Buffer[]): Buffer => {
  const body = Buffer.concat(content)
  return Buffer.concat([Buffer.from([tag]), derLength(body.length), body])
}

export const sequence = (...items: Buffer[]): Buffer => tlv(0x30, ...items)
export const set = (...items: Buffer[]): Buffer => tlv(0x31, ...items)
export const octetString = (value: Buffer): Buffer => tlv(0x04, value)
/** A context-specific constructed tag ([n] EXPLICIT, or [n] IMPLICIT over a constructed type). */
export const tagged = (tagNumber: number, ...content: Buffer[]): Buffer => tlv(0xa0 | tagNumber, ...content)

export function smallInteger(value: number): Buffer {
  if (value < 0 || value > 0x7f) throw new RangeError('Only small non-negative integers are written here.')
  return tlv(0x02, Buffer.from([value]))
}

export function objectIdentifier(oid: string): Buffer {
  const [first, second, ...rest] = oid.split('.').map(Number) as [number, number, ...number[]]
  const bytes: number[] = []
  for (const arc of [first * 40 + second, ...rest]) {
    const groups: number[] = [arc & 0x7f]
    for (let value = Math.floor(arc / 128); value > 0; value = Math.floor(value / 128))
      groups.unshift((value & 0x7f) | 0x80)
    bytes.push(...groups)
  }
  return tlv(0x06, Buffer.from(bytes))
}

/** UTCTime (YYMMDDHHMMSSZ): the form CMS uses for signing times between 1950 and 2049. */
export function utcTime(date: Date): Buffer {
  const two = (value: number): string => String(value).padStart(2, '0')
  const text =
    two(date.getUTCFullYear() % 100) +
    two(date.getUTCMonth() + 1) +
    two(date.getUTCDate()) +
    two(date.getUTCHours()) +
    two(date.getUTCMinutes()) +
    two(date.getUTCSeconds()) +
    'Z'
  return tlv(0x17, Buffer.from(text, 'latin1'))
}

/** An element read back: its tag, and where its whole encoding and its content lie in the input. */
export interface DerElement {
  tag: number
  start: number
  contentStart: number
  end: number
}

/** Reads the element at `offset` (definite lengths only, as DER has). */
export function readElement(der: Buffer, offset: number): DerElement {
  if (offset + 2 > der.length) throw new Error('The DER data ends too soon.')
  const tag = der[offset]!
  let length = der[offset + 1]!
  let contentStart = offset + 2
  if (length & 0x80) {
    const count = length & 0x7f
    if (count === 0 || count > 4 || contentStart + count > der.length) throw new Error('The DER length cannot be read.')
    length = 0
    for (let index = 0; index < count; index++) length = length * 256 + der[contentStart + index]!
    contentStart += count
  }
  const end = contentStart + length
  if (end > der.length) throw new Error('The DER data ends too soon.')
  return { tag, start: offset, contentStart, end }
}

/** The elements directly inside a constructed element. */
export function children(der: Buffer, parent: DerElement): DerElement[] {
  const items: DerElement[] = []
  for (let offset = parent.contentStart; offset < parent.end;) {
    const item = readElement(der, offset)
    items.push(item)
    offset = item.end
  }
  return items
}
