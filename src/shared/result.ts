/** The envelope every call across the contract returns: handlers never throw across IPC. */

/** CANCELLED: the user stopped long work; nothing was changed and there is nothing to report as a failure. */
export const ERROR_CODES = ['VALIDATION', 'NOT_FOUND', 'CONFLICT', 'INTEGRITY', 'CANCELLED', 'INTERNAL'] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

export interface AppErrorInfo {
  code: ErrorCode
  /** A sentence for the user: what went wrong and what to do next. */
  message: string
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorInfo }

export const ok = <T>(value: T): Result<T> => ({ ok: true, value })
export const fail = (code: ErrorCode, message: string): Result<never> => ({
  ok: false,
  error: { code, message }
})
