import { spawnSync } from 'node:child_process'
import { resolve } from 'node:path'

export const CLI_BIN = resolve(__dirname, '../../../bin/evidence-desk.cjs')

export interface CliRun {
  code: number | null
  stdout: string
  stderr: string
  json<T = unknown>(): T
}

/** Runs the real command-line program in a child process, as a user would. */
export function runCli(args: string[], options: { env?: NodeJS.ProcessEnv; command?: string[] } = {}): CliRun {
  const [program, ...prefix] = options.command ?? [process.execPath]
  const result = spawnSync(program!, [...prefix, CLI_BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, EVIDENCE_DESK_USER: 'cli.tester', ...options.env },
    timeout: 60_000
  })
  return {
    code: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    json: <T>() => JSON.parse(result.stdout) as T
  }
}
