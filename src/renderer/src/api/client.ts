import type { EventChannel, RendererChannel } from '@shared/ipc/channels'
import type { ArgsOf, EventPayload, ResultOf } from '@shared/ipc/contract'
import type { ErrorCode, Result } from '@shared/result'

/** An error from the main process, with the code views use to decide what to show. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

/** Calls one channel of the contract and unwraps its result envelope. */
export async function call<C extends RendererChannel>(channel: C, args?: ArgsOf<C>): Promise<ResultOf<C>> {
  const invoke = window.api[channel] as (args?: unknown) => Promise<Result<ResultOf<C>>>
  let result: Result<ResultOf<C>>
  try {
    result = await invoke(args)
  } catch {
    throw new ApiError('INTERNAL', 'Evidence Desk did not answer. Restart the app; your register is safe on disk.')
  }
  if (!result.ok) throw new ApiError(result.error.code, result.error.message)
  return result.value
}

export function onEvent<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return window.api.on(event, listener)
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
