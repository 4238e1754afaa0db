import { app, dialog, shell, type IpcMainInvokeEvent } from 'electron'
import { join } from 'node:path'
import { isAppError } from './core/errors'
import { Register } from './core/register'
import { startBackupSchedule } from './core/backup/backup-schedule'
import { APP_ORIGIN, registerAppScheme, serveRenderer } from './app-protocol'
import { createDispatcher } from './ipc/dispatcher'
import { bindIpc, sendEvent } from './ipc/electron-ipc'
import { createHandlers, MUTATING_CHANNELS } from './ipc/handlers'
import { dataDirFromArgs } from './launch-options'
import { installMenu } from './menu'
import { hardenSessions } from './security'
import { createMainWindow } from './window'

const devServerUrl = process.env.ELECTRON_RENDERER_URL
const rendererUrl = devServerUrl ?? `${APP_ORIGIN}/index.html`
const isAppUrl = (url: string): boolean =>
  url.startsWith(`${APP_ORIGIN}/`) || (devServerUrl !== undefined && url.startsWith(devServerUrl))

registerAppScheme()

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  void start()
}

async function start(): Promise<void> {
  await app.whenReady()
  hardenSessions(isAppUrl)
  serveRenderer(join(__dirname, '../renderer'))
  installMenu(devServerUrl !== undefined)

  const dataDir = dataDirFromArgs(process.argv, app.getPath('userData'))
  let register: Register
  try {
    register = await Register.open({
      dataDir,
      appVersion: app.getVersion(),
      // Packaged, the fonts for packs sit in the app's resources folder; in development, in the project's.
      ...(app.isPackaged ? { fontsDir: join(process.resourcesPath, 'fonts') } : {})
    })
  } catch (error) {
    const message = isAppError(error) ? error.message : `Evidence Desk could not open its register: ${String(error)}`
    dialog.showErrorBox('Evidence Desk cannot start', message)
    app.exit(1)
    return
  }

  const window = createMainWindow(`${register.info().registerName} — Evidence Desk`)
  const dispatch = createDispatcher(
    createHandlers(register, { showInFolder: (path) => shell.showItemInFolder(path) }),
    {
      mutating: MUTATING_CHANNELS,
      onMutation: (channel) => sendEvent(window.webContents, 'register:changed', { channel }),
      logError: (channel, error) => console.error(`[${channel}]`, error)
    }
  )
  const isTrustedSender = (event: IpcMainInvokeEvent): boolean =>
    event.sender === window.webContents &&
    event.senderFrame !== null &&
    event.senderFrame === event.sender.mainFrame &&
    isAppUrl(event.senderFrame.url)
  const unbind = bindIpc(dispatch, isTrustedSender)
  const stopProgress = register.jobs.onProgress((progress) => sendEvent(window.webContents, 'jobs:progress', progress))
  const stopBackups = startBackupSchedule(register.backups, (error) => console.error('[backup]', error))

  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore()
    window.focus()
  })
  window.on('closed', () => {
    stopProgress()
    stopBackups()
    unbind()
    register.close()
  })
  app.on('window-all-closed', () => app.quit())
  await window.loadURL(rendererUrl)
}
