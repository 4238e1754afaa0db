import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { createWriteStream, readFileSync } from 'node:fs'
import { pipeline } from 'node:stream/promises'
import yauzl from 'yauzl'
import yazl from 'yazl'

export const sha256 = (bytes: Buffer | Uint8Array): string => createHash('sha256').update(bytes).digest('hex')
export const sha256File = (path: string): string => sha256(readFileSync(path))

export interface ToolRun {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs a real command-line tool (qpdf, pdftotext, sha256sum…) and returns what it said. */
export function tool(program: string, args: string[], options: { cwd?: string } = {}): ToolRun {
  const result = spawnSync(program, args, {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 60_000,
    ...options
  })
  if (result.error) throw result.error
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

export interface ZipEntry {
  name: string
  data: Buffer
}

/** Every member of a ZIP with its bytes, in the order they are stored (read with yauzl, not with the code under test). */
export function readZipEntries(path: string): Promise<ZipEntry[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: true }, (openError, zip) => {
      if (openError || !zip) return reject(openError ?? new Error(`cannot open ${path}`))
      const entries: ZipEntry[] = []
      zip.on('error', reject)
      zip.on('end', () => resolve(entries))
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith('/')) return zip.readEntry()
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError ?? new Error(`cannot read ${entry.fileName}`))
          const chunks: Buffer[] = []
          stream.on('data', (chunk: Buffer) => chunks.push(chunk))
          stream.on('error', reject)
          stream.on('end', () => {
            entries.push({ name: entry.fileName, data: Buffer.concat(chunks) })
            zip.readEntry()
          })
        })
      })
      zip.readEntry()
    })
  })
}

/** Writes a ZIP of the given members (how someone would repackage a pack after changing it). */
export async function writeZip(path: string, entries: ZipEntry[]): Promise<void> {
  const zip = new yazl.ZipFile()
  for (const entry of entries) zip.addBuffer(entry.data, entry.name, { mtime: new Date('2026-11-28T09:00:00Z') })
  zip.end()
  await pipeline(zip.outputStream, createWriteStream(path))
}

/** A copy of the bytes with the one at `offset` changed. */
export function flipByte(bytes: Buffer, offset: number): Buffer {
  if (offset < 0 || offset >= bytes.length) throw new Error(`offset ${offset} is outside ${bytes.length} bytes`)
  const copy = Buffer.from(bytes)
  copy[offset] = copy[offset]! ^ 0x01
  return copy
}
