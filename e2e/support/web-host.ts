import { spawn, type ChildProcess } from 'node:child_process'
import { resolve } from 'node:path'

const projectRoot = resolve(__dirname, '../..')

export interface WebHost {
  url: string
  stop(): Promise<void>
  /** What the host has printed so far (its log). */
  output(): string
}

/** Starts `npm run web` on a free loopback port for one data folder, as a developer would. */
export async function startWebHost(dataDir: string): Promise<WebHost> {
  const child: ChildProcess = spawn('npm', ['run', 'web', '--', '--data-dir', dataDir, '--port', '0'], {
    cwd: projectRoot,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, EVIDENCE_DESK_USER: 'e2e.tester' }
  })
  let output = ''
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`The web host did not start:\n${output}`)), 60_000)
    const onData = (chunk: Buffer): void => {
      output += chunk.toString()
      const match = /serving (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)
      if (match) {
        clearTimeout(timer)
        resolveUrl(match[1]!)
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`The web host exited with ${code}:\n${output}`))
    })
  })
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  return {
    url,
    output: () => output,
    stop: () =>
      new Promise<void>((resolveStop) => {
        if (child.exitCode !== null) return resolveStop()
        child.once('exit', () => resolveStop())
        try {
          process.kill(-child.pid!, 'SIGTERM')
        } catch {
          resolveStop()
        }
      })
  }
}
