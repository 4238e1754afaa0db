import type { AppErrorInfo } from '../shared/result'
import { exitCodeFor } from './exit-codes'

/** Ends the command with a one-line message on stderr and the exit code for its kind. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number
  ) {
    super(message)
  }

  static from(error: AppErrorInfo): CliError {
    return new CliError(error.message, exitCodeFor(error.code))
  }
}
