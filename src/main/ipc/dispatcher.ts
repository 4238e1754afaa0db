import type { z } from 'zod'
import { isInvokeChannel, type InvokeChannel } from '../../shared/ipc/channels'
import { contract } from '../../shared/ipc/contract'
import { fail, ok, type Result } from '../../shared/result'
import { isAppError } from '../core/errors'
import type { Handlers } from './handlers'

export type Dispatch = (channel: unknown, args: unknown) => Promise<Result<unknown>>

export interface DispatcherOptions {
  /** Where unexpected errors are logged in full; the caller only sees a short message. */
  logError?: (channel: string, error: unknown) => void
  /** Called after a call that changed the register succeeded. */
  onMutation?: (channel: InvokeChannel) => void
  mutating?: ReadonlySet<InvokeChannel>
}

/**
 * The one entry point for every face of the app: checks the channel, validates the argument
 * against the contract, runs the handler and wraps the outcome in the result envelope.
 * It never throws.
 */
export function createDispatcher(handlers: Handlers, options: DispatcherOptions = {}): Dispatch {
  return async (channel, args) => {
    if (!isInvokeChannel(channel)) return fail('VALIDATION', `Unknown request ${String(channel).slice(0, 60)}.`)
    const parsed = contract[channel].args.safeParse(args)
    if (!parsed.success) return fail('VALIDATION', describeValidationError(parsed.error))
    try {
      const handler = handlers[channel] as (input: unknown) => unknown
      const value = await handler(parsed.data)
      if (options.mutating?.has(channel)) options.onMutation?.(channel)
      return ok(value)
    } catch (error) {
      if (isAppError(error)) return fail(error.code, error.message)
      options.logError?.(channel, error)
      return fail('INTERNAL', 'Something went wrong inside Evidence Desk; nothing was changed. Details are in the log.')
    }
  }
}

/** One line naming each invalid field and what is expected of it. */
export function describeValidationError(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      // Positions in a list (paths.0) name nothing a user typed: the field is named without them.
      const field = issue.path.filter((part) => typeof part === 'string').join('.')
      const namesItself = /^(A|An|The) /.test(issue.message)
      return field && !namesItself && !issue.message.toLowerCase().startsWith(field.toLowerCase())
        ? `${field}: ${issue.message}`
        : issue.message
    })
    .join(' ')
}
