import { Menu, type MenuItemConstructorOptions } from 'electron'
import type { RecentRegister } from '../shared/types'

/** What the File menu does with registers; the work is the register host's, the menu only asks. */
export interface RegisterMenuActions {
  recent: RecentRegister[]
  openRecent(dataDir: string): void
  openFolder(): void
  trySample(): void
}

/** A plain menu: registers in File, the standard edit and window roles, nothing that loads remote content. */
export function installMenu(isDev: boolean, registers?: RegisterMenuActions): void {
  const fileMenu: MenuItemConstructorOptions = registers
    ? {
        label: 'File',
        submenu: [
          { label: 'Open Register Folder…', accelerator: 'CmdOrCtrl+O', click: () => registers.openFolder() },
          {
            label: 'Recent Registers',
            submenu: registers.recent.length
              ? registers.recent.map((entry) => ({
                  label: `${entry.sample ? 'Sample: ' : ''}${entry.organisation ?? entry.name} — ${entry.dataDir}`,
                  type: 'checkbox' as const,
                  checked: entry.current,
                  enabled: entry.exists,
                  click: () => registers.openRecent(entry.dataDir)
                }))
              : [{ label: 'None yet', enabled: false }]
          },
          { label: 'Try the Sample Organisation', click: () => registers.trySample() },
          { type: 'separator' },
          process.platform === 'darwin' ? { role: 'close' } : { role: 'quit' }
        ]
      }
    : { role: 'fileMenu' }
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    fileMenu,
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        ...(isDev ? [{ role: 'reload' as const }, { role: 'toggleDevTools' as const }] : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' }
      ]
    },
    { role: 'windowMenu' }
  ]
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}
