import { createReadStream } from 'node:fs'
import { open } from 'node:fs/promises'
import { pipeline } from 'node:stream'
import { createGunzip } from 'node:zlib'

export interface ReadLimits {
  /** Decoded bytes read at most (the work done, not the file's size); reading stops there. */
  maxWorkBytes: number
}

const CHUNK_BYTES = 1024 * 1024

/**
 * An export's text as UTF-8 chunks, whatever it was stored as: gzip (CloudTrail delivers
 * .json.gz) is decompressed as it is read, a UTF-8 byte-order mark dropped, UTF-16 with a
 * byte-order mark (what Windows PowerShell 5.1 writes) converted. Reading stops after
 * `maxWorkBytes` decoded bytes, which also bounds what a compressed file can expand to.
 */
export class ExportText {
  private readonly queue: Buffer[] = []
  private readonly source: AsyncIterator<Buffer>
  private decode: ((chunk: Buffer) => Buffer) | undefined
  private done = false
  /** Decoded bytes handed out so far. */
  bytesRead = 0
  /** Reading stopped at the limit before the end of the text. */
  truncated = false

  constructor(
    path: string,
    private readonly limits: ReadLimits
  ) {
    this.source = readDecompressed(path)[Symbol.asyncIterator]()
  }

  /** The first bytes of the text (at least `bytes` of them unless the text is shorter); they are still read again by chunks(). */
  async head(bytes: number): Promise<Buffer> {
    let size = this.queue.reduce((sum, chunk) => sum + chunk.length, 0)
    while (size < bytes && !this.done) {
      const chunk = await this.nextDecoded()
      if (!chunk) break
      this.queue.push(chunk)
      size += chunk.length
    }
    return Buffer.concat(this.queue).subarray(0, Math.max(bytes, 0))
  }

  async *chunks(): AsyncGenerator<Buffer> {
    for (;;) {
      const chunk = this.queue.shift() ?? (await this.nextDecoded())
      if (!chunk) return
      const allowed = this.limits.maxWorkBytes - this.bytesRead
      if (chunk.length > allowed) {
        this.truncated = true
        if (allowed > 0) {
          this.bytesRead += allowed
          yield chunk.subarray(0, allowed)
        }
        return
      }
      this.bytesRead += chunk.length
      yield chunk
    }
  }

  private async nextDecoded(): Promise<Buffer | undefined> {
    for (;;) {
      const next = await this.source.next()
      if (next.done) {
        this.done = true
        return undefined
      }
      let chunk = next.value
      if (!this.decode) chunk = this.chooseDecoding(chunk)
      const decoded = this.decode!(chunk)
      if (decoded.length) return decoded
    }
  }

  private chooseDecoding(first: Buffer): Buffer {
    if (first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf) {
      this.decode = (chunk) => chunk
      return first.subarray(3)
    }
    if ((first[0] === 0xff && first[1] === 0xfe) || (first[0] === 0xfe && first[1] === 0xff)) {
      const bigEndian = first[0] === 0xfe
      const decoder = new TextDecoder('utf-16le')
      let odd: Buffer | undefined
      this.decode = (chunk) => {
        let bytes = odd ? Buffer.concat([odd, chunk]) : chunk
        odd = bytes.length % 2 ? Buffer.from(bytes.subarray(bytes.length - 1)) : undefined
        if (odd) bytes = bytes.subarray(0, bytes.length - 1)
        if (bigEndian) bytes = Buffer.from(bytes).swap16()
        return Buffer.from(decoder.decode(bytes, { stream: true }), 'utf8')
      }
      return first.subarray(2)
    }
    this.decode = (chunk) => chunk
    return first
  }
}

/** The file's bytes, gunzipped when it is gzip (judged by its magic number, not its name). */
async function* readDecompressed(path: string): AsyncGenerator<Buffer> {
  const magic = Buffer.alloc(2)
  const handle = await open(path, 'r')
  try {
    await handle.read(magic, 0, 2, 0)
  } finally {
    await handle.close()
  }
  const file = createReadStream(path, { highWaterMark: CHUNK_BYTES })
  const gzip = magic[0] === 0x1f && magic[1] === 0x8b
  // pipeline() destroys both streams on an error, so a damaged archive ends the loop with it.
  const stream = gzip ? pipeline(file, createGunzip({ chunkSize: 256 * 1024 }), () => {}) : file
  try {
    for await (const chunk of stream) yield chunk as Buffer
  } finally {
    stream.destroy()
    file.destroy()
  }
}
