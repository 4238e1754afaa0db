import { execFileSync } from 'node:child_process'
import { resolve } from 'node:path'

/** The command-line tests run the CLI as it ships: built to JavaScript first (about a second). */
export default function setup(): void {
  execFileSync(process.execPath, [resolve(__dirname, 'build-cli.mjs')], { stdio: 'inherit' })
}
