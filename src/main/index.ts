import { app, dialog, shell, type IpcMainInvokeEvent } from 'electron'
import { join } from 'node:path'
import { isAppError } from './core/errors'
import type { Register } from './core/register'
import { RegisterHost } from './core/registers/register-host'
import type { InvokeChannel } from '../shared/ipc/channels'
import { startBackupSchedule } from './core/backup/backup-schedule'
import { APP_ORIGIN, registerAppScheme, serveRenderer } from './app-protocol'
import { createDispatcher, type Dispatch } from './ipc/dispatcher'
import { bindIpc, sendEvent } from './ipc/electron-ipc'
import { createHandlers, MUTATING_CHANNELS, type RegisterSwitching } from './ipc/handlers'
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

  const dataDir = dataDirFromArgs(process.argv, app.getPath('userData'))
  let host: RegisterHost
  try {
    host = await RegisterHost.start(dataDir, {
      stateDir: app.getPath('userData'),
      open: {
        appVersion: app.getVersion(),
        // The window keeps answering while the register's whole-register reads are rebuilt after a change.
        backgroundReads: true,
        // Packaged, the fonts for packs sit in the app's resources folder; in development, in the project's.
        ...(app.isPackaged ? { fontsDir: join(process.resourcesPath, 'fonts') } : {})
      }
    })
  } catch (error) {
    const message = isAppError(error) ? error.message : `Evidence Desk could not open its register: ${String(error)}`
    dialog.showErrorBox('Evidence Desk cannot start', message)
    app.exit(1)
    return
  }

  const window = createMainWindow(`${host.current.info().registerName} — Evidence Desk`)
  const announce = (channel: InvokeChannel): void => sendEvent(window.webContents, 'register:changed', { channel })
  const switching: RegisterSwitching = {
    state: () => host.state(),
    switchToRecent: (folder) => host.switchToRecent(folder),
    openSample: () => host.openSample(),
    folderDialog: true,
    // The desktop app takes no path from the page: the folder is chosen in the system's dialog.
    openFolder: async () => {
      const chosen = await dialog.showOpenDialog(window, {
        title: 'Open a register folder',
        buttonLabel: 'Open register',
        properties: ['openDirectory', 'createDirectory']
      })
      const folder = chosen.filePaths[0]
      if (chosen.canceled || !folder) return false
      await host.switchTo(folder)
      return true
    }
  }
  const fromMenu = (work: () => Promise<unknown>): void => {
    work().then(
      () => announce('registers:switch'),
      (error: unknown) =>
        dialog.showErrorBox('Evidence Desk', isAppError(error) ? error.message : 'The register could not be opened.')
    )
  }
  const refreshMenu = (): void =>
    installMenu(devServerUrl !== undefined, {
      recent: host.state().recent,
      openRecent: (folder) => fromMenu(() => switching.switchToRecent(folder)),
      openFolder: () => fromMenu(() => switching.openFolder(undefined)),
      trySample: () => fromMenu(() => switching.openSample())
    })
  refreshMenu()

  const dispatcherFor = (register: Register): Dispatch =>
    createDispatcher(
      createHandlers(register, { showInFolder: (path) => shell.showItemInFolder(path), registers: switching }),
      {
        mutating: MUTATING_CHANNELS,
        onMutation: announce,
        logError: (channel, error) => console.error(`[${channel}]`, error)
      }
    )
  let dispatch = dispatcherFor(host.current)
  const isTrustedSender = (event: IpcMainInvokeEvent): boolean =>
    event.sender === window.webContents &&
    event.senderFrame !== null &&
    event.senderFrame === event.sender.mainFrame &&
    isAppUrl(event.senderFrame.url)
  const unbind = bindIpc((channel, args) => dispatch(channel, args), isTrustedSender)
  const watch = (register: Register): (() => void) => {
    const stopProgress = register.jobs.onProgress((progress) =>
      sendEvent(window.webContents, 'jobs:progress', progress)
    )
    const stopBackups = startBackupSchedule(register.backups, (error) => console.error('[backup]', error))
    return () => {
      stopProgress()
      stopBackups()
    }
  }
  let unwatch = watch(host.current)
  host.onSwitch((register) => {
    unwatch()
    dispatch = dispatcherFor(register)
    unwatch = watch(register)
    refreshMenu()
  })

  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore()
    window.focus()
  })
  window.on('closed', () => {
    unwatch()
    unbind()
    host.close()
  })
  app.on('window-all-closed', () => app.quit())
  await window.loadURL(rendererUrl)
}
