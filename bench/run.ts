/**
 * npm run bench: one JSON line per measurement, { name, value, unit, baseline, ratio }, where the
 * baseline is the same work done the plainest way in the same process (so a busy machine slows
 * both alike). Missed targets are listed on stderr and make the exit code 1.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { cliBenchmarks } from './cli-bench'
import { evidenceBenchmarks } from './evidence-bench'
import { exportsBenchmarks } from './exports-bench'
import { packsBenchmarks } from './packs-bench'
import { registerBenchmarks } from './register-bench'
import { scaleBenchmarks } from './scale-bench'

const suites: Record<string, (workDir: string) => Promise<(string | undefined)[]>> = {
  register: registerBenchmarks,
  evidence: evidenceBenchmarks,
  packs: packsBenchmarks,
  exports: exportsBenchmarks,
  cli: cliBenchmarks,
  scale: scaleBenchmarks
}

async function main(): Promise<number> {
  const chosen = process.argv.slice(2)
  const workDir = mkdtempSync(join(tmpdir(), 'evidence-desk-bench-'))
  const misses: string[] = []
  try {
    for (const [name, run] of Object.entries(suites)) {
      if (chosen.length && !chosen.includes(name)) continue
      misses.push(...((await run(join(workDir, name))).filter(Boolean) as string[]))
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true })
  }
  for (const miss of misses) process.stderr.write(`target missed: ${miss}\n`)
  return misses.length ? 1 : 0
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error)
    process.exitCode = 1
  }
)
