import { createHash, type Hash } from 'node:crypto'
import { Transform } from 'node:stream'

/** A pass-through stream that hashes (SHA-256) and counts what flows through it, on the way to a file. */
export interface HashingTap {
  stream: Transform
  hash: Hash
  /** Bytes seen so far. */
  size(): number
}

export function hashingTap(onChunk?: (chunk: Buffer, size: number) => void): HashingTap {
  const hash = createHash('sha256')
  let size = 0
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk)
      size += chunk.length
      onChunk?.(chunk, size)
      callback(null, chunk)
    }
  })
  return { stream, hash, size: () => size }
}
