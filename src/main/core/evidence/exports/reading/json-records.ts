/**
 * Splits a JSON document into the records an export is made of, without holding the document:
 * the members of a top-level object (each array member's elements one by one), the elements of a
 * top-level array, or one value per line (JSON Lines). The scanner only tracks nesting and
 * strings byte by byte (UTF-8 keeps every structural character a single byte); each record is
 * then handed to the native JSON.parse, which is several times faster than parsing token by token
 * in JavaScript. Memory is bounded by the largest single record.
 */

export type JsonLayout = 'object' | 'array' | 'lines'

export interface JsonRecordHandler {
  /** A top-level member that is not an array, parsed whole. */
  member(key: string, value: unknown): void
  /** One element of a top-level array member (key), of a top-level array or one line (key null). Return false to skip the rest of that array. */
  element(key: string | null, value: unknown): boolean
}

export class RecordTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`a single record is larger than ${Math.round(limit / 1048576)} MB`)
  }
}

export class MalformedJsonError extends Error {}

const QUOTE = 0x22
const BACKSLASH = 0x5c
const OPEN_BRACE = 0x7b
const CLOSE_BRACE = 0x7d
const OPEN_BRACKET = 0x5b
const CLOSE_BRACKET = 0x5d
const COMMA = 0x2c
const COLON = 0x3a

const isWhitespace = (byte: number): boolean => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09

interface Collector {
  role: 'key' | 'member' | 'element'
  kind: 'composite' | 'string' | 'scalar'
  /** The nesting depth the value starts at; a composite value ends when the depth returns to it. */
  depth: number
  pieces: Buffer[]
  size: number
  /** Where the value starts in the chunk being scanned (0 when it began in an earlier chunk). */
  start: number
}

/** Which layout a document has, judged from its first bytes (the first record of JSON Lines ends within them). */
export function jsonLayout(head: Buffer): JsonLayout | undefined {
  let index = 0
  while (index < head.length && isWhitespace(head[index]!)) index++
  if (head[index] === OPEN_BRACKET) return 'array'
  if (head[index] !== OPEN_BRACE) return undefined
  let depth = 0
  let inString = false
  for (; index < head.length; index++) {
    const byte = head[index]!
    if (inString) {
      if (byte === BACKSLASH) index++
      else if (byte === QUOTE) inString = false
      continue
    }
    if (byte === QUOTE) inString = true
    else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) depth++
    else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      depth--
      if (depth === 0) {
        let next = index + 1
        while (next < head.length && isWhitespace(head[next]!)) next++
        return head[next] === OPEN_BRACE ? 'lines' : 'object'
      }
    }
  }
  return 'object'
}

export class JsonRecordScanner {
  private depth = 0
  private inString = false
  private escaped = false
  private collector: Collector | undefined
  /** object layout: a key is expected next at depth 1. */
  private expectKey = false
  private currentKey: string | null = null
  /** object layout: the current member's value is an array whose elements are streamed. */
  private inArrayMember = false
  private skipping = false
  private rootSeen = false

  constructor(
    private readonly layout: JsonLayout,
    private readonly handler: JsonRecordHandler,
    private readonly maxRecordBytes: number
  ) {}

  write(chunk: Buffer): void {
    const length = chunk.length
    if (this.collector) this.collector.start = 0
    let index = 0
    while (index < length) {
      if (this.inString) {
        index = this.scanString(chunk, index)
        continue
      }
      const byte = chunk[index]!
      if (
        this.collector?.kind === 'scalar' &&
        (isWhitespace(byte) || byte === COMMA || byte === CLOSE_BRACE || byte === CLOSE_BRACKET)
      ) {
        this.finish(chunk, index)
      }
      if (byte === QUOTE) {
        if (!this.collector) this.begin(chunk, index, 'string', byte)
        this.inString = true
      } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
        if (!this.collector) this.begin(chunk, index, 'composite', byte)
        this.depth++
        if (this.layout === 'object' && this.depth === 1) this.expectKey = true
      } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
        this.depth--
        if (this.depth < 0) throw new MalformedJsonError('unbalanced brackets')
        if (this.collector?.kind === 'composite' && this.depth === this.collector.depth) this.finish(chunk, index + 1)
        else if (this.layout === 'object' && this.depth === 1 && this.inArrayMember) {
          this.inArrayMember = false
          this.skipping = false
        }
      } else if (byte === COMMA) {
        if (this.layout === 'object' && this.depth === 1) this.expectKey = true
      } else if (byte !== COLON && !isWhitespace(byte) && !this.collector) {
        this.begin(chunk, index, 'scalar', byte)
      }
      index++
    }
    const collector = this.collector
    if (collector) {
      collector.pieces.push(chunk.subarray(collector.start))
      collector.size += length - collector.start
      if (collector.size > this.maxRecordBytes) throw new RecordTooLargeError(this.maxRecordBytes)
    }
  }

  /** The document ended: everything opened must have been closed. */
  end(): void {
    if (this.collector?.kind === 'scalar') this.finish(Buffer.alloc(0), 0)
    if (this.inString || this.depth !== 0 || this.collector) throw new MalformedJsonError('the document ends early')
    if (!this.rootSeen) throw new MalformedJsonError('the document is empty')
  }

  /** Scans a string from `index`, jumping from quote to quote; returns where scanning goes on. */
  private scanString(chunk: Buffer, index: number): number {
    if (this.escaped) {
      this.escaped = false
      index++
    }
    for (;;) {
      const quote = chunk.indexOf(QUOTE, index)
      if (quote === -1) {
        this.escaped = oddBackslashesBefore(chunk, chunk.length, index)
        return chunk.length
      }
      if (oddBackslashesBefore(chunk, quote, index)) {
        index = quote + 1
        continue
      }
      this.inString = false
      if (this.collector?.kind === 'string' && this.depth === this.collector.depth) this.finish(chunk, quote + 1)
      return quote + 1
    }
  }

  private begin(chunk: Buffer, index: number, kind: Collector['kind'], byte: number): void {
    const depth = this.depth
    let role: Collector['role'] | undefined
    if (this.layout === 'lines') role = depth === 0 ? 'element' : undefined
    else if (this.layout === 'array') {
      if (depth === 0) {
        this.rootSeen = true
        if (byte !== OPEN_BRACKET) throw new MalformedJsonError('expected an array')
        return
      }
      role = depth === 1 && !this.skipping ? 'element' : undefined
    } else if (depth === 0) {
      if (byte !== OPEN_BRACE || this.rootSeen) throw new MalformedJsonError('expected one object')
      this.rootSeen = true
      return
    } else if (depth === 1) {
      if (this.expectKey) {
        if (kind !== 'string') throw new MalformedJsonError('expected a member name')
        role = 'key'
        this.expectKey = false
      } else if (byte === OPEN_BRACKET) {
        this.inArrayMember = true
        return
      } else role = 'member'
    } else if (depth === 2 && this.inArrayMember && !this.skipping) role = 'element'
    if (!role) return
    if (this.layout === 'lines') this.rootSeen = true
    this.collector = { role, kind, depth, pieces: [], size: 0, start: index }
  }

  private finish(chunk: Buffer, end: number): void {
    const collector = this.collector!
    this.collector = undefined
    const last = chunk.subarray(collector.start, end)
    const size = collector.size + last.length
    if (size > this.maxRecordBytes) throw new RecordTooLargeError(this.maxRecordBytes)
    const bytes = collector.pieces.length ? Buffer.concat([...collector.pieces, last], size) : last
    let value: unknown
    try {
      value = JSON.parse(bytes.toString('utf8'))
    } catch (error) {
      throw new MalformedJsonError(error instanceof Error ? error.message : String(error))
    }
    if (collector.role === 'key') this.currentKey = value as string
    else if (collector.role === 'member') this.handler.member(this.currentKey ?? '', value)
    else {
      const key = this.layout === 'object' ? this.currentKey : null
      if (!this.handler.element(key, value) && this.layout === 'object') this.skipping = true
    }
  }
}

/** Whether the run of backslashes just before `position` (not looking before `from`) has odd length. */
function oddBackslashesBefore(chunk: Buffer, position: number, from: number): boolean {
  let count = 0
  for (let index = position - 1; index >= from && chunk[index] === BACKSLASH; index--) count++
  return count % 2 === 1
}
