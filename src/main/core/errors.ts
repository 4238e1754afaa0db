import type { ErrorCode } from '../../shared/result'

/**
 * An error the user can act on. Its message is shown as is (in the app, on the CLI's stderr),
 * so it says what went wrong and what to do next; internal details stay in `cause`.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown }
  ) {
    super(message, options)
    this.name = 'AppError'
  }
}

export const validationError = (message: string): AppError => new AppError('VALIDATION', message)
export const notFound = (message: string): AppError => new AppError('NOT_FOUND', message)
export const conflict = (message: string): AppError => new AppError('CONFLICT', message)
export const integrityError = (message: string): AppError => new AppError('INTEGRITY', message)

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError
}
