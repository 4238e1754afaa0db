import { EVENT_CHANNELS, RENDERER_CHANNELS } from '../../shared/ipc/channels'
import type { Api, ImportBatchResult } from '../../shared/ipc/contract'
import type { Result } from '../../shared/result'
import type { ImportedItem } from '../../shared/types'

/**
 * window.api for the renderer served by the browser host: the same contract as the desktop
 * app's preload, carried over HTTP to the same dispatcher. Events arrive by server-sent events;
 * files are attached by uploading their contents.
 */
const api: Record<string, unknown> = {}
for (const channel of RENDERER_CHANNELS) {
  api[channel] = async (args?: unknown) => {
    const response = await fetch(`/api/invoke/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: args === undefined ? '' : JSON.stringify(args)
    })
    return response.json() as Promise<unknown>
  }
}

let events: EventSource | undefined
api.on = (event: string, listener: (payload: unknown) => void) => {
  if (!(EVENT_CHANNELS as readonly string[]).includes(event)) throw new Error(`Unknown event ${event}`)
  events ??= new EventSource('/api/events')
  const forward = (message: MessageEvent<string>): void => listener(JSON.parse(message.data))
  events.addEventListener(event, forward)
  return () => events?.removeEventListener(event, forward)
}

/** Uploads in flight by job id, so cancelling a job also stops sending its bytes. */
const uploads = new Map<string, AbortController>()
const cancelJob = api['jobs:cancel'] as (args: { jobId: string }) => Promise<unknown>
api['jobs:cancel'] = (args: { jobId: string }) => {
  uploads.get(args.jobId)?.abort()
  return cancelJob(args)
}

const CANCELLED: Result<never> = {
  ok: false,
  error: { code: 'CANCELLED', message: 'The import was cancelled; nothing was changed.' }
}

api.importFiles = async (files: File[], options: unknown, jobId: string): Promise<Result<ImportBatchResult>> => {
  const result: ImportBatchResult = { imported: [], failed: [] }
  const controller = new AbortController()
  uploads.set(jobId, controller)
  try {
    for (const file of files) {
      const query = new URLSearchParams({
        name: file.name,
        size: String(file.size),
        jobId,
        options: JSON.stringify(options)
      })
      let outcome: Result<ImportedItem>
      try {
        const response = await fetch(`/api/upload?${query.toString()}`, {
          method: 'POST',
          body: file,
          signal: controller.signal
        })
        outcome = (await response.json()) as Result<ImportedItem>
      } catch (error) {
        if (controller.signal.aborted) return CANCELLED
        throw error
      }
      if (outcome.ok) result.imported.push(outcome.value)
      else if (outcome.error.code === 'CANCELLED') return outcome
      else result.failed.push({ name: file.name, ...outcome.error })
    }
    return { ok: true, value: result }
  } finally {
    uploads.delete(jobId)
  }
}

api.verifyPackFile = async (file: File): Promise<Result<unknown>> => {
  const response = await fetch(`/api/verify-pack?${new URLSearchParams({ name: file.name }).toString()}`, {
    method: 'POST',
    body: file
  })
  return (await response.json()) as Result<unknown>
}

api.importControlsFile = async (file: File, options: unknown): Promise<Result<unknown>> => {
  const query = new URLSearchParams({ name: file.name, options: JSON.stringify(options) })
  const response = await fetch(`/api/import-controls?${query.toString()}`, { method: 'POST', body: file })
  return (await response.json()) as Result<unknown>
}

api.importRequestsFile = async (file: File, options: unknown): Promise<Result<unknown>> => {
  const query = new URLSearchParams({ name: file.name, options: JSON.stringify(options) })
  const response = await fetch(`/api/import-requests?${query.toString()}`, { method: 'POST', body: file })
  return (await response.json()) as Result<unknown>
}

Object.defineProperty(window, 'api', { value: api as Api, writable: false, configurable: false })
