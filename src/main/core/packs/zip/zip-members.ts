import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'

/** Formats already compressed: deflating them again costs time and saves nothing. */
const ALREADY_COMPRESSED =
  /^(application\/(pdf|zip|gzip|x-7z-compressed|vnd\.openxmlformats)|image\/(png|jpeg|gif|webp|heic)|video\/)/

/** Whether a file of this media type is worth deflating inside a ZIP. */
export function worthCompressing(mediaType: string): boolean {
  return !ALREADY_COMPRESSED.test(mediaType)
}

/** A file's SHA-256 and size, read once in 1 MB chunks, never held whole. */
export async function hashFile(path: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256')
  let size = 0
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
    hash.update(chunk as Buffer)
    size += (chunk as Buffer).length
  }
  return { sha256: hash.digest('hex'), size }
}
