import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDir } from './temp-dir'

const MiB = 1024 * 1024

describe('a process’s own peak memory', () => {
  const cleanups: (() => void)[] = []
  afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()))

  it.runIf(process.platform === 'linux')('is the child’s own, not the peak its large parent carried into it', () => {
    const folder = tempDir()
    cleanups.push(folder.cleanup)
    const script = join(folder.path, 'report.ts')
    writeFileSync(
      script,
      `import { peakResidentBytes } from ${JSON.stringify(join(__dirname, 'peak-memory.ts'))}\n` +
        `console.log(JSON.stringify({ own: peakResidentBytes(), rusage: process.resourceUsage().maxRSS * 1024 }))\n`
    )
    // This process holds 384 MiB, touched, while the child runs.
    const held = Buffer.alloc(384 * MiB, 1)
    const report = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8' })) as {
      own: number
      rusage: number
    }
    expect(held.length).toBe(384 * MiB)
    expect(report.rusage).toBeGreaterThan(384 * MiB)
    expect(report.own).toBeLessThan(250 * MiB)
    expect(report.own).toBeGreaterThan(10 * MiB)
  })
})
