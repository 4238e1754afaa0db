import type { Stepwise } from './time-slices'

/** Text is encoded to bytes in parts of about this many characters, as they fill. */
const PART_CHARS = 1 << 20
/** An array or object with more entries than this is written entry by entry. */
const LARGE_ENTRIES = 32

function entriesOf(value: object): number {
  return Array.isArray(value) ? value.length : Object.keys(value).length
}

/** Whether a value is worth writing a piece at a time: it, or one of its own entries, is large. */
function isLarge(value: object): boolean {
  if (entriesOf(value) > LARGE_ENTRIES) return true
  for (const entry of Object.values(value)) {
    if (entry !== null && typeof entry === 'object' && entriesOf(entry as object) > LARGE_ENTRIES) return true
  }
  return false
}

/** What JSON.stringify leaves out of an object (and writes as null in an array). */
function isSkipped(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol'
}

/**
 * The UTF-8 bytes of JSON.stringify(value), written as steps: large arrays and objects a piece at a
 * time, each small piece by JSON.stringify itself. Plain data only (as JSON.stringify would write
 * it); a value with toJSON is written whole. Lets a large document be encoded without holding the
 * event loop for the whole of it.
 */
export function* jsonBytesInSteps(value: unknown): Stepwise<Uint8Array> {
  const encoder = new TextEncoder()
  const parts: Uint8Array[] = []
  let pending: string[] = []
  let pendingChars = 0
  const flush = (): void => {
    if (pending.length === 0) return
    parts.push(encoder.encode(pending.join('')))
    pending = []
    pendingChars = 0
  }
  const emit = (text: string): void => {
    pending.push(text)
    pendingChars += text.length
    if (pendingChars >= PART_CHARS) flush()
  }

  function* write(item: unknown, top: boolean): Stepwise<void> {
    if (
      item === null ||
      typeof item !== 'object' ||
      typeof (item as { toJSON?: unknown }).toJSON === 'function' ||
      !(top || isLarge(item))
    ) {
      emit(JSON.stringify(item))
      yield
      return
    }
    if (Array.isArray(item)) {
      emit('[')
      for (let index = 0; index < item.length; index++) {
        if (index > 0) emit(',')
        const entry: unknown = item[index]
        if (isSkipped(entry)) emit('null')
        else yield* write(entry, false)
      }
      emit(']')
      return
    }
    emit('{')
    let first = true
    for (const [key, entry] of Object.entries(item)) {
      if (isSkipped(entry)) continue
      emit(`${first ? '' : ','}${JSON.stringify(key)}:`)
      first = false
      yield* write(entry, false)
    }
    emit('}')
  }

  if (isSkipped(value)) throw new TypeError('There is no JSON for this value.')
  yield* write(value, true)
  flush()
  if (parts.length === 1) return parts[0]!
  const bytes = new Uint8Array(parts.reduce((total, part) => total + part.byteLength, 0))
  let offset = 0
  for (const part of parts) {
    bytes.set(part, offset)
    offset += part.byteLength
  }
  return bytes
}
