import { app, session, type WebContents } from 'electron'

/**
 * Deny by default: no navigation away from the app, no new windows, no webviews, no
 * permission (camera, notifications, ...) is ever granted. The CSP comes with every page the
 * app:// protocol serves (see app-protocol.ts).
 */
export function hardenSessions(isAllowedUrl: (url: string) => boolean): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.defaultSession.setPermissionCheckHandler(() => false)
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAllowedUrl(url)) event.preventDefault()
    })
    contents.on('will-redirect', (event, url) => {
      if (!isAllowedUrl(url)) event.preventDefault()
    })
    contents.on('will-attach-webview', (event) => event.preventDefault())
    contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  })
}
