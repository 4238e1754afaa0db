import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron'
import { isEventChannel, RENDERER_CHANNELS } from '../shared/ipc/channels'

/**
 * window.api: one function per channel of the contract, `on` for events, `importFiles` and
 * `verifyPackFile`.
 * Nothing else of Electron or Node reaches the renderer. Paths never come from the renderer:
 * both turn File objects (which only a drop or the file dialog can produce) into paths here.
 */
const api: Record<string, unknown> = {}
for (const channel of RENDERER_CHANNELS) {
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
api.importFiles = (files: File[], options: unknown, jobId: string) => {
  const paths = files.map((file) => webUtils.getPathForFile(file))
  if (paths.length === 0 || paths.some((path) => !path)) {
    return Promise.resolve({
      ok: false,
      error: { code: 'VALIDATION', message: 'Only files from your disk can be attached: drop them here or pick them.' }
    })
  }
  return ipcRenderer.invoke('evidence:import', { paths, options, jobId })
}

api.verifyPackFile = (file: File) => {
  const path = webUtils.getPathForFile(file)
  if (!path) {
    return Promise.resolve({ ok: false, error: { code: 'VALIDATION', message: 'Choose a pack file from your disk.' } })
  }
  return ipcRenderer.invoke('packs:verifyPath', { path })
}

api.importControlsFile = (file: File, options: Record<string, unknown>) => {
  const path = webUtils.getPathForFile(file)
  if (!path) {
    return Promise.resolve({
      ok: false,
      error: { code: 'VALIDATION', message: 'Choose a spreadsheet from your disk.' }
    })
  }
  return ipcRenderer.invoke('controls:import', { ...options, path })
}

api.importRequestsFile = (file: File, options: Record<string, unknown>) => {
  const path = webUtils.getPathForFile(file)
  if (!path) {
    return Promise.resolve({
      ok: false,
      error: { code: 'VALIDATION', message: 'Choose a spreadsheet from your disk.' }
    })
  }
  return ipcRenderer.invoke('requests:import', { ...options, path })
}

contextBridge.exposeInMainWorld('api', api)
