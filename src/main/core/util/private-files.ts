import { chmodSync, closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs'

/** Owner-only modes for what the data folder keeps: the register, the vault, keys and backups. */
export const PRIVATE_DIR_MODE = 0o700
export const PRIVATE_FILE_MODE = 0o600

/** Creates a folder readable by its owner only (and tightens one that already exists). */
export function ensurePrivateDir(path: string): void {
  mkdirSync(path, { recursive: true, mode: PRIVATE_DIR_MODE })
  if (process.platform !== 'win32') chmodSync(path, PRIVATE_DIR_MODE)
}

/**
 * Writes a file under a temporary name and renames it into place, with `mode` set on the file
 * itself: a leftover temporary file of an earlier crash (which may have another mode) is removed
 * first, never reused, so a private key is never written into a file others can read.
 */
export function writeFileAtomically(path: string, content: string | Buffer, mode: number): void {
  const part = `${path}.part`
  rmSync(part, { force: true })
  const fd = openSync(part, 'wx', mode)
  try {
    const bytes = typeof content === 'string' ? Buffer.from(content) : content
    for (let offset = 0; offset < bytes.length;) offset += writeSync(fd, bytes, offset)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  if (process.platform !== 'win32') chmodSync(part, mode)
  renameSync(part, path)
}
