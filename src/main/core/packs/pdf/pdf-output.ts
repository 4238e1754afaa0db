import { createHash, type Hash } from 'node:crypto'
import { closeSync, fsyncSync, openSync, unlinkSync, writeSync } from 'node:fs'

/**
 * Where a pack's PDF goes as pdfkit writes it: straight to the file, hashed on the way, with no
 * buffering between. pdfkit emits each object as a 'data' event while it writes (once its stream
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

  private write(chunk: Buffer): void {
    if (this.fd === null) throw new Error('The PDF was written after it was closed.')
    this.hash.update(chunk)
    for (let offset = 0; offset < chunk.length;) offset += writeSync(this.fd, chunk, offset)
    this.written += chunk.length
  }

  /** Waits for pdfkit's end, then flushes the file to disk and closes it. */
  async close(): Promise<void> {
    if (this.doc.readableEnded === false) await new Promise((resolve) => this.doc.once('end', resolve))
    if (this.fd === null) return
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
