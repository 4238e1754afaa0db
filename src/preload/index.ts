import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { INVOKE_CHANNELS, isEventChannel } from '../shared/ipc/channels'

/**
 * window.api: one function per channel of the contract, plus `on` for events. Nothing else of
 * Electron or Node reaches the renderer.
 */
const api: Record<string, unknown> = {}
for (const channel of INVOKE_CHANNELS) {
  api[channel] = (args?: unknown) => ipcRenderer.invoke(channel, args)
}
api.on = (event: string, listener: (payload: unknown) => void): (() => void) => {
  if (!isEventChannel(event)) throw new Error(`Unknown event ${event}`)
  const forward = (_event: IpcRendererEvent, payload: unknown): void => listener(payload)
  ipcRenderer.on(event, forward)
  return () => {
    ipcRenderer.removeListener(event, forward)
  }
}

contextBridge.exposeInMainWorld('api', api)
