import { createHash, type Hash } from 'node:crypto'
import { closeSync, fsyncSync, openSync, unlinkSync, writeSync } from 'node:fs'

/** pdfkit's document's one way out (untyped in @types/pdfkit): every object's bytes go through it. */
interface PdfDocumentInternals {
  _offset: number
  _write(data: string | number | Uint8Array): void
}

/**
 * Where a pack's PDF goes as pdfkit writes it: to the file, hashed on the way, through one
 * fixed buffer. pdfkit writes each object as it ends (a page's when the page is finished, not
 * when the layout next pauses), so memory stays flat however many pages a pack has. Its writes
 * (an object's number, its dictionary, "endobj", each a piece of its own) come straight here
 * rather than through its readable stream, which would make a buffer and an event of each piece.
 * Synchronous writes are right here: the export runs in a worker thread of its own.
 */
export class PdfOutput {
  readonly hash: Hash = createHash('sha256')
  private fd: number | null
  private written = 0

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly path: string
  ) {
    // New file only (never over something at the temporary name), readable by its owner alone.
    this.fd = openSync(path, 'wx', 0o600)
    const internals = doc as unknown as PdfDocumentInternals
    internals._write = (data: string | number | Uint8Array) => {
      // As pdfkit's own: bytes as they are, anything else (a line, a number) as text and a newline.
      internals._offset += data instanceof Uint8Array ? this.write(data) : this.writeText(String(data))
    }
    // What pdfkit wrote before this took over (the file's header) comes through its stream.
    doc.on('data', (chunk: Buffer) => this.write(chunk))
  }

  /** Lets pdfkit's stream start flowing, after which every write reaches the file at once. */
  async flowing(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve))
  }

  /** Bytes written so far. */
  get size(): number {
    return this.written
  }

  /**
   * pdfkit emits many small pieces (an object's number, its dictionary, "endobj" each on their
   * own): they are gathered into one buffer and written when it is full, one system call per 256 KiB.
   */
  private readonly pending = Buffer.allocUnsafe(256 * 1024)
  private pendingLength = 0

  private write(chunk: Uint8Array): number {
    if (this.fd === null) throw new Error('The PDF was written after it was closed.')
    this.written += chunk.length
    if (this.pendingLength + chunk.length > this.pending.length) this.flush()
    if (chunk.length >= this.pending.length) this.writeAll(chunk)
    else {
      this.pending.set(chunk, this.pendingLength)
      this.pendingLength += chunk.length
    }
    return chunk.length
  }

  /** A line of pdfkit's (a binary string: one byte per character, as pdfkit encodes it), then a newline. */
  private writeText(text: string): number {
    const length = text.length + 1
    if (length > 4096 || this.fd === null) return this.write(Buffer.from(`${text}\n`, 'latin1'))
    if (this.pendingLength + length > this.pending.length) this.flush()
    this.pending.write(text, this.pendingLength, 'latin1')
    this.pending[this.pendingLength + text.length] = 0x0a
    this.pendingLength += length
    this.written += length
    return length
  }

  private flush(): void {
    if (this.pendingLength === 0) return
    this.writeAll(this.pending.subarray(0, this.pendingLength))
    this.pendingLength = 0
  }

  private writeAll(data: Uint8Array): void {
    this.hash.update(data)
    for (let offset = 0; offset < data.length;) offset += writeSync(this.fd!, data, offset)
  }

  /** Waits for pdfkit's end, then flushes the file to disk and closes it. */
  async close(): Promise<void> {
    if (this.doc.readableEnded === false) await new Promise((resolve) => this.doc.once('end', resolve))
    if (this.fd === null) return
    this.flush()
    fsyncSync(this.fd)
    closeSync(this.fd)
    this.fd = null
  }

  /** Closes and removes the file after a failure (the caller's temporary name). */
  discard(): void {
    if (this.fd !== null) closeSync(this.fd)
    this.fd = null
    try {
      unlinkSync(this.path)
    } catch {
      // Already gone.
    }
  }
}
