import { createHash, randomBytes } from 'node:crypto'
import { createReadStream, createWriteStream, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs'
import { chmod, mkdir, open, rename, rm, stat, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { AppError } from '../errors'
import { CancelledError } from '../jobs/job-registry'
import { describeFsError } from '../util/fs-errors'
import { hashingTap } from '../util/hashing-tap'
import { PRIVATE_DIR_MODE } from '../util/private-files'

const CHUNK = 1024 * 1024
const FILE_CHUNK = 4 * 1024 * 1024
const FLUSH_EVERY = 64 * 1024 * 1024
const HEAD_BYTES = 4100
const TEMP_SUFFIX = '.part'
/** A temporary file not written to for this long is abandoned even if its owner's id is in use again. */
const ABANDONED_AFTER_MS = 24 * 60 * 60 * 1000

/** Whether the process that made a temporary file (its id is in the name) is still running. */
function ownerAlive(pid: number): boolean {
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Keeps the first bytes of a file, for recognising its type from its content. */
class HeadCollector {
  private readonly chunks: Buffer[] = []
  private length = 0

  add(chunk: Buffer): void {
    if (this.length >= HEAD_BYTES) return
    const part = Buffer.from(chunk.subarray(0, HEAD_BYTES - this.length))
    this.chunks.push(part)
    this.length += part.length
  }

  bytes(): Buffer {
    return Buffer.concat(this.chunks)
  }
}

async function writeFully(file: FileHandle, block: Buffer): Promise<void> {
  let offset = 0
  while (offset < block.length) {
    const { bytesWritten } = await file.write(block, offset, block.length - offset)
    offset += bytesWritten
  }
}

export interface StoredBlob {
  sha256: string
  size: number
  /** The first bytes of the content, for recognising its type. */
  head: Buffer
  /** True when the vault already held this content and nothing new was written. */
  existed: boolean
}

export interface StoreOptions {
  signal?: AbortSignal
  /** The file as it was checked before the copy: it must not change while it is copied. */
  expect?: { size: number; mtimeMs: number; name: string }
  /** Called as bytes are copied (at most once per chunk). */
  onProgress?: (bytes: number) => void
}

/**
 * The content-addressed store under `vault/`: every file is kept once, named by its SHA-256,
 * written to a temporary name, flushed and then renamed, and made read-only. A file is hashed
 * while it streams, never read whole into memory.
 */
export class VaultStore {
  readonly objectsDir: string
  readonly tempDir: string

  constructor(readonly root: string) {
    this.objectsDir = join(root, 'objects')
    this.tempDir = join(root, 'tmp')
  }

  pathOf(sha256: string): string {
    return join(this.objectsDir, sha256.slice(0, 2), sha256)
  }

  has(sha256: string): boolean {
    return existsSync(this.pathOf(sha256))
  }

  /**
   * Removes temporary files a crash left behind. Each is named after the process that writes it:
   * a file of a process still running (another window, a command line importing now) is left
   * alone, unless nothing wrote to it for a day. Returns how many were removed.
   */
  cleanTemporaryFiles(now = Date.now()): number {
    if (!existsSync(this.tempDir)) return 0
    let removed = 0
    for (const name of readdirSync(this.tempDir)) {
      if (!name.endsWith(TEMP_SUFFIX)) continue
      const path = join(this.tempDir, name)
      const owner = Number(/^(\d+)-/.exec(name)?.[1])
      const modified = statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0
      if (Number.isInteger(owner) && ownerAlive(owner) && now - modified < ABANDONED_AFTER_MS) continue
      rmSync(path, { force: true })
      removed++
    }
    return removed
  }

  /** Stored files no record refers to (left by an import that failed between copy and record). */
  unreferenced(known: (sha256: string) => boolean): string[] {
    if (!existsSync(this.objectsDir)) return []
    const found: string[] = []
    for (const prefix of readdirSync(this.objectsDir)) {
      const folder = join(this.objectsDir, prefix)
      if (!statSync(folder).isDirectory()) continue
      for (const name of readdirSync(folder)) if (/^[0-9a-f]{64}$/.test(name) && !known(name)) found.push(name)
    }
    return found.sort()
  }

  /** Removes a stored file that no record refers to (the failure path of the import that stored it). */
  async discard(sha256: string): Promise<void> {
    await rm(this.pathOf(sha256), { force: true })
  }

  /** Streams `source` (an upload) into the vault. On any failure or cancellation the temporary file is removed. */
  async store(source: Readable, options: StoreOptions = {}): Promise<StoredBlob> {
    const tempPath = await this.tempPath()
    const head = new HeadCollector()
    const tap = hashingTap((chunk, size) => {
      head.add(chunk)
      options.onProgress?.(size)
    })
    try {
      // `flush` makes the stream fsync the file before it closes it: the bytes are on disk before the rename.
      const target = createWriteStream(tempPath, { flags: 'wx', mode: 0o600, flush: true, highWaterMark: CHUNK })
      await pipeline(source, tap.stream, target, { signal: options.signal })
    } catch (error) {
      throw await this.abandon(tempPath, error, options.signal)
    }
    return this.commit(tempPath, tap.hash.digest('hex'), tap.size(), head.bytes())
  }

  /**
   * Copies a file on disk into the vault, hashing it on the way: two fixed buffers take turns, so
   * reading the next block overlaps writing the last, memory stays flat whatever the file's size,
   * and the hash is of exactly the bytes written.
   */
  async storeFile(path: string, options: StoreOptions = {}): Promise<StoredBlob> {
    const tempPath = await this.tempPath()
    const hash = createHash('sha256')
    const head = new HeadCollector()
    const buffers = [Buffer.allocUnsafe(FILE_CHUNK), Buffer.allocUnsafe(FILE_CHUNK)]
    let size = 0
    let source: FileHandle | undefined
    let target: FileHandle | undefined
    try {
      source = await open(path, 'r')
      const expect = options.expect
      if (expect) assertUnchanged(await source.stat(), expect, 0)
      target = await open(tempPath, 'wx', 0o600)
      let writing: Promise<unknown> = Promise.resolve()
      // Writing back to disk starts while copying goes on, so the final flush has little left to do.
      let flushing: Promise<unknown> = Promise.resolve()
      let flushed = 0
      let flushInFlight = false
      for (let turn = 0; ; turn++) {
        if (options.signal?.aborted) throw new CancelledError('The import')
        const buffer = buffers[turn % 2]!
        const { bytesRead } = await source.read(buffer, 0, buffer.length, null)
        if (bytesRead === 0) break
        const block = buffer.subarray(0, bytesRead)
        hash.update(block)
        head.add(block)
        size += bytesRead
        await writing
        writing = writeFully(target, block)
        // A failed write (a full disk) is rethrown by the next await; until then it must not count as unhandled.
        writing.catch(() => undefined)
        options.onProgress?.(size)
        if (size - flushed >= FLUSH_EVERY && !flushInFlight) {
          const file = target
          flushed = size
          flushInFlight = true
          const flush = writing.then(() => file.datasync())
          // Handled here so a failure waits for the await below instead of surfacing as unhandled.
          void flush.catch(() => undefined).finally(() => (flushInFlight = false))
          flushing = flush
        }
      }
      await writing
      await flushing
      // Bytes read against the size at the start, and the file's size and time now: a file that
      // grew, shrank or was rewritten while it was copied is refused, never stored torn.
      if (options.expect) assertUnchanged(await source.stat(), options.expect, size)
      await target.sync()
    } catch (error) {
      await target?.close().catch(() => undefined)
      target = undefined
      throw await this.abandon(tempPath, error, options.signal)
    } finally {
      await source?.close().catch(() => undefined)
      await target?.close()
    }
    return this.commit(tempPath, hash.digest('hex'), size, head.bytes())
  }

  private async tempPath(): Promise<string> {
    try {
      await mkdir(this.tempDir, { recursive: true, mode: PRIVATE_DIR_MODE })
    } catch (error) {
      throw describeFsError(error, this.tempDir, 'prepare the evidence vault')
    }
    // Named after this process: start-up elsewhere removes only files whose process has ended.
    return join(this.tempDir, `${process.pid}-${randomBytes(12).toString('hex')}${TEMP_SUFFIX}`)
  }

  /** Removes the temporary file of a failed copy and says what went wrong. */
  private async abandon(tempPath: string, error: unknown, signal: AbortSignal | undefined): Promise<Error> {
    await rm(tempPath, { force: true })
    if (error instanceof CancelledError || signal?.aborted) return new CancelledError('The import')
    if (error instanceof AppError) return error
    return describeFsError(error, this.root, 'copy the file into the evidence vault')
  }

  /** Moves a complete, flushed temporary file to its content address (or drops it when the content is known). */
  private async commit(tempPath: string, sha256: string, size: number, head: Buffer): Promise<StoredBlob> {
    if (size === 0) {
      await rm(tempPath, { force: true })
      throw new AppError('VALIDATION', 'The file is empty (0 bytes): there is nothing to keep as evidence.')
    }
    const target = this.pathOf(sha256)
    if (existsSync(target)) {
      await rm(tempPath, { force: true })
      return { sha256, size, head, existed: true }
    }
    try {
      await mkdir(join(this.objectsDir, sha256.slice(0, 2)), { recursive: true, mode: PRIVATE_DIR_MODE })
      await rename(tempPath, target)
      await chmod(target, 0o444)
      await syncDirectory(join(this.objectsDir, sha256.slice(0, 2)))
    } catch (error) {
      await rm(tempPath, { force: true })
      throw describeFsError(error, target, 'store the file in the evidence vault')
    }
    return { sha256, size, head, existed: false }
  }

  /** Re-hashes a stored file: 'ok', 'missing', or 'altered' when its content no longer matches its name. */
  async check(sha256: string, onProgress?: (bytes: number) => void): Promise<'ok' | 'missing' | 'altered'> {
    const path = this.pathOf(sha256)
    if (!existsSync(path)) return 'missing'
    const hash = createHash('sha256')
    let bytes = 0
    for await (const chunk of createReadStream(path, { highWaterMark: CHUNK })) {
      hash.update(chunk as Buffer)
      bytes += (chunk as Buffer).length
      onProgress?.(bytes)
    }
    return hash.digest('hex') === sha256 ? 'ok' : 'altered'
  }

  async size(sha256: string): Promise<number | undefined> {
    return (await stat(this.pathOf(sha256)).catch(() => undefined))?.size
  }

  ensureRoot(): void {
    mkdirSync(this.objectsDir, { recursive: true, mode: PRIVATE_DIR_MODE })
  }
}

function assertUnchanged(
  now: { size: number; mtimeMs: number },
  expected: { size: number; mtimeMs: number; name: string },
  bytesRead: number
): void {
  const readAll = bytesRead === 0 || bytesRead === expected.size
  if (now.size !== expected.size || now.mtimeMs !== expected.mtimeMs || !readAll) {
    throw new AppError(
      'CONFLICT',
      `${expected.name} changed while attaching (it was ${expected.size} bytes; ${bytesRead ? `${bytesRead} were read, ` : ''}it is now ${now.size}); try again once nothing is writing to it. Nothing was stored.`
    )
  }
}

/** Makes a rename durable: the directory entry itself is flushed to disk. */
async function syncDirectory(path: string): Promise<void> {
  if (process.platform === 'win32') return
  const directory = await open(path, 'r')
  try {
    await directory.sync()
  } finally {
    await directory.close()
  }
}
