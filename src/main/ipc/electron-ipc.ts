import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron'
import { INVOKE_CHANNELS, type EventChannel } from '../../shared/ipc/channels'
import type { EventPayload } from '../../shared/ipc/contract'
import { fail } from '../../shared/result'
import type { Dispatch } from './dispatcher'

/**
 * The only code that touches ipcMain. A call is served only when it comes from the main frame
 * of the app's own window showing the app's own pages; everything else is refused.
 */
export function bindIpc(dispatch: Dispatch, isTrustedSender: (event: IpcMainInvokeEvent) => boolean): () => void {
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, (event, args: unknown) => {
      if (!isTrustedSender(event)) return fail('VALIDATION', 'Request refused: it did not come from Evidence Desk.')
      return dispatch(channel, args)
    })
  }
  return () => {
    for (const channel of INVOKE_CHANNELS) ipcMain.removeHandler(channel)
  }
}

export function sendEvent<E extends EventChannel>(contents: WebContents, event: E, payload: EventPayload<E>): void {
  if (!contents.isDestroyed()) contents.send(event, payload)
}
