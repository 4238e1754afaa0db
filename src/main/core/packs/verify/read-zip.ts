import { createHash } from 'node:crypto'
import yauzl from 'yauzl'

export interface ZipMember {
  size: number
  sha256: string
  /** The bytes, for the members asked for by name. */
  content?: Buffer
  /** Why the member could not be read (a corrupt entry). */
  error?: string
}

/**
 * Reads every member of a ZIP, hashing each as it streams; keeps the bytes only of the members
 * named in `keep`. A member that cannot be inflated, or whose name appears twice, is reported, not
 * thrown, so one damaged file does not hide the state of the others.
 */
export function readZip(path: string, keep: Set<string>): Promise<Map<string, ZipMember>> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: true, validateEntrySizes: true }, (openError, zip) => {
      if (openError || !zip) return reject(openError ?? new Error('cannot open'))
      const members = new Map<string, ZipMember>()
      zip.on('error', reject)
      zip.on('end', () => resolve(members))
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith('/')) return zip.readEntry()
        // Two members of one name: tools that unpack the ZIP keep one or the other, so neither is trusted.
        if (members.has(entry.fileName)) {
          members.set(entry.fileName, { size: 0, sha256: '', error: 'the name is in the ZIP more than once' })
          return zip.readEntry()
        }
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) {
            members.set(entry.fileName, { size: 0, sha256: '', error: streamError?.message ?? 'unreadable' })
            return zip.readEntry()
          }
          const hash = createHash('sha256')
          const chunks: Buffer[] = []
          let size = 0
          stream.on('data', (chunk: Buffer) => {
            hash.update(chunk)
            size += chunk.length
            if (keep.has(entry.fileName)) chunks.push(chunk)
          })
          stream.on('error', (error) => {
            members.set(entry.fileName, { size, sha256: '', error: error.message })
            zip.readEntry()
          })
          stream.on('end', () => {
            members.set(entry.fileName, {
              size,
              sha256: hash.digest('hex'),
              ...(keep.has(entry.fileName) ? { content: Buffer.concat(chunks) } : {})
            })
            zip.readEntry()
          })
        })
      })
      zip.readEntry()
    })
  })
}
