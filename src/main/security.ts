import { app, session, type WebContents } from 'electron'

/**
 * Deny by default: no navigation away from the app, no new windows, no webviews, and no
 * permission (camera, notifications, ...) but clipboard writing is ever granted. The CSP comes with every page the
 * app:// protocol serves (see app-protocol.ts).
 */
export function hardenSessions(isAllowedUrl: (url: string) => boolean): void {
  // The one permission granted: writing text to the clipboard (the copy buttons beside hashes).
  const allowed = (permission: string): boolean => permission === 'clipboard-sanitized-write'
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => callback(allowed(permission)))
  session.defaultSession.setPermissionCheckHandler((_contents, permission) => allowed(permission))
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
