import { constants } from 'node:fs'
import { access, lstat, readlink } from 'node:fs/promises'
import { basename } from 'node:path'
import { AppError } from '../errors'
import { describeFsError } from '../util/fs-errors'

export interface SourceFile {
  path: string
  name: string
  size: number
  /** When it was last modified, as checked: the copy refuses a file that changes meanwhile. */
  mtimeMs: number
}

/**
 * Checks a file the user chose before anything is copied: it must exist, be a readable,
 * non-empty regular file, and not a link (what is stored must be exactly what was chosen).
 */
export async function checkSourceFile(path: string): Promise<SourceFile> {
  let stats
  try {
    stats = await lstat(path)
  } catch (error) {
    throw describeFsError(error, path, 'attach the file')
  }
  if (stats.isSymbolicLink()) {
    const target = await readlink(path).catch(() => 'an unknown location')
    throw new AppError(
      'VALIDATION',
      `${path} is a symbolic link to ${target}. Attach the file it points to instead, so the vault keeps exactly the file you meant.`
    )
  }
  if (stats.isDirectory()) {
    throw new AppError('VALIDATION', `${path} is a folder. Choose the files inside it instead.`)
  }
  if (!stats.isFile()) {
    throw new AppError(
      'VALIDATION',
      `${path} is not a regular file (it is a device, socket or pipe) and cannot be attached.`
    )
  }
  if (stats.size === 0) {
    throw new AppError('VALIDATION', `${path} is empty (0 bytes): there is nothing to keep as evidence.`)
  }
  try {
    await access(path, constants.R_OK)
  } catch (error) {
    throw describeFsError(error, path, 'read the file')
  }
  return { path, name: displayName(basename(path)), size: stats.size, mtimeMs: stats.mtimeMs }
}

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/g

/**
 * A file name as it is recorded and shown: the last path segment only, control characters
 * replaced, Unicode normalised, at most 255 characters. It is data, never used as a path.
 */
export function displayName(name: string): string {
  const lastSegment = name.split(/[\\/]/).filter(Boolean).at(-1) ?? ''
  const cleaned = lastSegment.normalize('NFC').replace(CONTROL_CHARACTERS, '\ufffd').trim()
  if (cleaned === '' || cleaned === '.' || cleaned === '..') return 'unnamed file'
  return [...cleaned].slice(0, 255).join('')
}
