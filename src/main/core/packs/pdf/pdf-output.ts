import { createHash, type Hash } from 'node:crypto'
import { closeSync, fsyncSync, openSync, unlinkSync, writeSync } from 'node:fs'

/**
 * Where a pack's PDF goes as pdfkit writes it: to the file, hashed on the way, through one
 * fixed buffer. pdfkit emits each object as a 'data' event while it writes (once its stream
 * flows), so a page's bytes reach the file when the page is finished rather than when the layout
 * next pauses; memory stays flat however many pages a pack has. Synchronous writes are right
 * here: the export runs in a worker thread of its own.
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

  private write(chunk: Buffer): void {
    if (this.fd === null) throw new Error('The PDF was written after it was closed.')
    this.hash.update(chunk)
    this.written += chunk.length
    if (this.pendingLength + chunk.length > this.pending.length) this.flush()
    if (chunk.length >= this.pending.length) this.writeAll(chunk)
    else {
      chunk.copy(this.pending, this.pendingLength)
      this.pendingLength += chunk.length
    }
  }

  private flush(): void {
    if (this.pendingLength === 0) return
    this.writeAll(this.pending.subarray(0, this.pendingLength))
    this.pendingLength = 0
  }

  private writeAll(data: Buffer): void {
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
