import type { ErrorCode } from '../shared/result'

/** The command line's exit codes, documented in the README. */
export const EXIT = {
  ok: 0,
  usage: 1,
  notFound: 2,
  integrity: 3
} as const

export function exitCodeFor(code: ErrorCode): number {
  switch (code) {
    case 'NOT_FOUND':
      return EXIT.notFound
    case 'INTEGRITY':
      return EXIT.integrity
    default:
      return EXIT.usage
  }
}
