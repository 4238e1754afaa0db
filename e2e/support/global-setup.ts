import { execFileSync } from 'node:child_process'
import { resolve } from 'node:path'
import { electronBinary } from './electron-binary'

const root = resolve(__dirname, '../..')

/** Builds once what every test then starts: the browser renderer, and the desktop app if it can run here. */
export default function globalSetup(): void {
  const run = (script: string, args: string[]): void => {
    execFileSync(process.execPath, [resolve(root, script), ...args], { cwd: root, stdio: 'inherit' })
  }
  run('node_modules/tsx/dist/cli.mjs', ['src/web/build-renderer.ts'])
  if ('path' in electronBinary()) run('node_modules/electron-vite/bin/electron-vite.js', ['build'])
}
