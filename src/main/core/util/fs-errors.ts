import { AppError } from '../errors'

/** Turns a Node file-system error into a sentence a user can act on. */
export function describeFsError(error: unknown, path: string, action: string): AppError {
  if (error instanceof AppError) return error
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  switch (code) {
    case 'ENOENT':
      return new AppError('NOT_FOUND', `Could not ${action}: ${path} does not exist.`, { cause: error })
    case 'EACCES':
    case 'EPERM':
      return new AppError(
        'VALIDATION',
        `Could not ${action}: permission denied for ${path}. Check the file's permissions.`,
        { cause: error }
      )
    case 'EROFS':
      return new AppError(
        'VALIDATION',
        `Could not ${action}: ${path} is on a read-only file system. Choose a writable data folder with --data-dir.`,
        { cause: error }
      )
    case 'ENOSPC':
    case 'EDQUOT':
      return new AppError(
        'VALIDATION',
        `Could not ${action}: the disk holding ${path} is full. Free some space and try again; nothing was changed.`,
        { cause: error }
      )
    case 'EISDIR':
      return new AppError('VALIDATION', `Could not ${action}: ${path} is a folder, not a file.`, { cause: error })
    case 'ENOTDIR':
      return new AppError('VALIDATION', `Could not ${action}: part of ${path} is a file, not a folder.`, {
        cause: error
      })
    default:
      return new AppError('INTERNAL', `Could not ${action} (${code ?? 'unexpected error'}): ${path}.`, {
        cause: error
      })
  }
}
