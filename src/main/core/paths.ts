import { homedir, userInfo } from 'node:os'
import { join, resolve } from 'node:path'

export const PRODUCT_NAME = 'Evidence Desk'
export const DATA_DIR_ENV = 'EVIDENCE_DESK_DATA_DIR'
export const ACTOR_ENV = 'EVIDENCE_DESK_USER'

/** Where each kind of file lives inside a data folder. */
export interface DataPaths {
  dataDir: string
  database: string
  backups: string
  vault: string
  keys: string
  exports: string
}

export function dataPaths(dataDir: string): DataPaths {
  const root = resolve(dataDir)
  return {
    dataDir: root,
    database: join(root, 'register.sqlite'),
    backups: join(root, 'backups'),
    vault: join(root, 'vault'),
    keys: join(root, 'keys'),
    exports: join(root, 'exports')
  }
}

/**
 * The per-user application data folder, the same one Electron's app.getPath('userData') gives
 * the desktop app, so the command line and the app share a register by default.
 */
export function defaultDataDir(platform: NodeJS.Platform = process.platform, env = process.env): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME)
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME)
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), PRODUCT_NAME)
}

/** --data-dir wins, then EVIDENCE_DESK_DATA_DIR, then the platform default. */
export function resolveDataDir(flag: string | undefined, env = process.env, fallback = defaultDataDir()): string {
  const chosen = flag?.trim() || env[DATA_DIR_ENV]?.trim() || fallback
  return resolve(chosen)
}

/** The name EVIDENCE_DESK_USER gives for who is making changes, if any. */
export function actorFromEnvironment(env = process.env): string | undefined {
  return env[ACTOR_ENV]?.trim() || undefined
}

/** The operating-system user: who changes are recorded under until the register names a person. */
export function operatingSystemUser(env = process.env): string {
  try {
    return userInfo().username || 'unknown'
  } catch {
    return env.USER ?? env.USERNAME ?? 'unknown'
  }
}
