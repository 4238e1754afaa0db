import { createHash } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { Transform, Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import yauzl from 'yauzl'
import { LimitExceeded, LIMITS, type LimitName } from '../../util/limits'

export interface ZipMember {
  size: number
  sha256: string
  /** The bytes, when asked for. */
  content?: Buffer
  /** Why the member could not be read (a corrupt entry, a ceiling reached). */
  error?: string
}

const DATA_DESCRIPTOR_SIZES = [12, 16, 20, 24]

/**
 * A ZIP opened for checking: its members listed from the central directory (duplicates and the
 * number of members checked against limits), each read on demand with a ceiling on the bytes it
 * expands to. Nothing is decompressed unless asked for.
 */
export class ZipArchive {
  private constructor(
    private readonly zip: yauzl.ZipFile,
    /** Members by name; a name listed twice maps to null (neither copy is trusted). */
    readonly members: Map<string, yauzl.Entry | null>,
    readonly comment: string,
    /** Bytes of the file that no listed member accounts for (hidden members or data). */
    readonly unlistedBytes: number
  ) {}

  static open(path: string): Promise<ZipArchive> {
    return new Promise((resolve, reject) => {
      yauzl.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, (openError, zip) => {
        if (openError || !zip) return reject(openError ?? new Error('cannot open'))
        if (zip.entryCount > LIMITS.zipEntries.value) {
          zip.close()
          return reject(new LimitExceeded('zipEntries', 'The ZIP'))
        }
        const centralDirectory = (zip as unknown as { readEntryCursor: number }).readEntryCursor
        const members = new Map<string, yauzl.Entry | null>()
        const entries: yauzl.Entry[] = []
        zip.on('error', reject)
        zip.on('entry', (entry: yauzl.Entry) => {
          entries.push(entry)
          if (!entry.fileName.endsWith('/')) members.set(entry.fileName, members.has(entry.fileName) ? null : entry)
          zip.readEntry()
        })
        zip.on('end', () => {
          unlistedBytesOf(zip, entries, centralDirectory).then(
            (unlisted) => resolve(new ZipArchive(zip, members, zip.comment, unlisted)),
            reject
          )
        })
        zip.readEntry()
      })
    })
  }

  /**
   * Reads one member, hashing it as it streams; stops with LimitExceeded at `ceiling` bytes
   * (checked against the size the ZIP declares before anything is decompressed, and again as it
   * streams). `keep` returns its bytes; `to` writes them to a file.
   */
  async read(
    name: string,
    options: { ceiling: number; limit: LimitName; keep?: boolean; to?: string }
  ): Promise<ZipMember> {
    const entry = this.members.get(name)
    if (entry === null) return { size: 0, sha256: '', error: 'the name is in the ZIP more than once' }
    if (!entry) return { size: 0, sha256: '', error: 'it is not in the ZIP' }
    if (entry.uncompressedSize > options.ceiling) throw new LimitExceeded(options.limit, `The ZIP member ${name}`)
    const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
      this.zip.openReadStream(entry, (error, readable) => (error || !readable ? reject(error) : resolve(readable)))
    ).catch((error: unknown) => error as Error)
    if (stream instanceof Error) return { size: 0, sha256: '', error: stream.message }
    const hash = createHash('sha256')
    const kept: Buffer[] = []
    let size = 0
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length
        if (size > options.ceiling) return done(new LimitExceeded(options.limit, `The ZIP member ${name}`))
        hash.update(chunk)
        if (options.keep) kept.push(chunk)
        done(null, options.to ? chunk : undefined)
      }
    })
    const sink = options.to
      ? createWriteStream(options.to, { flags: 'wx', mode: 0o600 })
      : new Writable({ write: (_chunk, _encoding, done) => done() })
    try {
      await pipeline(stream, counter, sink)
    } catch (error) {
      if (error instanceof LimitExceeded) throw error
      return { size, sha256: '', error: (error as Error).message }
    }
    return { size, sha256: hash.digest('hex'), ...(options.keep ? { content: Buffer.concat(kept) } : {}) }
  }

  close(): void {
    this.zip.close()
  }
}

/** Bytes between the members' local records and before the central directory that no member covers. */
async function unlistedBytesOf(zip: yauzl.ZipFile, entries: yauzl.Entry[], centralDirectory: number): Promise<number> {
  const sorted = [...entries].sort((a, b) => a.relativeOffsetOfLocalHeader - b.relativeOffsetOfLocalHeader)
  let cursor = 0
  let unlisted = 0
  for (const entry of sorted) {
    const header = await new Promise<{ fileDataStart: number }>((resolve, reject) =>
      zip.readLocalFileHeader(entry, { minimal: true }, (error, local) =>
        error || !local ? reject(error) : resolve(local as { fileDataStart: number })
      )
    )
    unlisted += Math.max(0, entry.relativeOffsetOfLocalHeader - cursor)
    const end = header.fileDataStart + entry.compressedSize
    const gapAllowed = (entry.generalPurposeBitFlag & 0x8) !== 0
    cursor = end
    const next = sorted[sorted.indexOf(entry) + 1]?.relativeOffsetOfLocalHeader ?? centralDirectory
    if (gapAllowed && DATA_DESCRIPTOR_SIZES.includes(next - end)) cursor = next
  }
  return unlisted + Math.max(0, centralDirectory - cursor)
}
