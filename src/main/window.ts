import { BrowserWindow, nativeTheme } from 'electron'
import { join } from 'node:path'

/** The app's one window, with the renderer sandboxed and isolated from Node and Electron. */
export function createMainWindow(title: string): BrowserWindow {
  const window = new BrowserWindow({
    title,
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    show: false,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#111113' : '#ffffff',
    webPreferences: {
      // The preload only exposes the contract's channel names; nothing else of Node (reviewed).
      preload: join(__dirname, '../preload/index.js') /* eng-disable PRELOAD_JS_CHECK */,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      // A middle click opens no new window or navigation (Electronegativity AUXCLICK_JS_CHECK).
      disableBlinkFeatures: 'Auxclick',
      spellcheck: true
    }
  })
  window.once('ready-to-show', () => window.show())
  return window
}
