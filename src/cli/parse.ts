import type { z } from 'zod'
import { describeValidationError } from '../main/ipc/dispatcher'
import { CliError } from './cli-error'
import { EXIT } from './exit-codes'

/** Validates one command-line value with the shared schema; bad input ends the command with exit 1. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value)
  if (!result.success) throw new CliError(describeValidationError(result.error), EXIT.usage)
  return result.data
}
