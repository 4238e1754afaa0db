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

export const MEASURED_CLI = resolve(__dirname, 'measured-main.ts')

/** Runs the command line in a child process and reads its peak resident memory (MB) and time (ms). */
export function runCliMeasured(
  args: string[],
  options: { env?: NodeJS.ProcessEnv } = {}
): CliRun & { maxRssMb: number; ms: number } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', MEASURED_CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, EVIDENCE_DESK_USER: 'cli.tester', ...options.env },
    timeout: 120_000
  })
  const measured = /^MEASURED (.+)$/m.exec(result.stderr)
  const usage = measured ? (JSON.parse(measured[1]!) as { maxRssMb: number; ms: number }) : { maxRssMb: NaN, ms: NaN }
  const stderr = result.stderr.replace(/^MEASURED .+\n/m, '')
  return {
    code: result.status,
    stdout: result.stdout,
    stderr,
    json: <T>() => JSON.parse(result.stdout) as T,
    ...usage
  }
}
