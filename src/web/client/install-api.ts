import { EVENT_CHANNELS, INVOKE_CHANNELS } from '../../shared/ipc/channels'
import type { Api } from '../../shared/ipc/contract'

/**
 * window.api for the renderer served by the browser host: the same contract as the desktop
 * app's preload, carried over HTTP to the same dispatcher. Events arrive by server-sent events.
 */
const api: Record<string, unknown> = {}
for (const channel of INVOKE_CHANNELS) {
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

Object.defineProperty(window, 'api', { value: api as Api, writable: false, configurable: false })
