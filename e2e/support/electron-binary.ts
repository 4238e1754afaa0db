import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/**
 * The path of the Electron binary when it is installed, or the reason it is not. The npm
 * package fetches its binary separately (at install or first use), so a machine can have the
 * package without the binary. Looked up without `require('electron')`, which would start a download.
 */
export function electronBinary(): { path: string } | { missing: string } {
  let packageDir: string
  try {
    packageDir = dirname(createRequire(__filename).resolve('electron/package.json'))
  } catch {
    return { missing: 'the electron package is not installed' }
  }
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH
  const pathFile = join(packageDir, 'path.txt')
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron'
  const path = override ? join(override, executable) : join(packageDir, 'dist', executable)
  if (existsSync(pathFile) || override) {
    if (existsSync(path)) return { path }
  }
  return { missing: `the Electron binary has not been downloaded (no ${override ? path : pathFile})` }
}
