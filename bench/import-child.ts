/**
 * One measurement of importing a large file, run in a process of its own so that its peak
 * resident memory is its own: the import (copied, hashed and flushed to disk) against the physical
 * baseline (hash the file with Node's crypto, then copy it with fs.copyFile), both on the same file
 * in the same process, best of two rounds each. Prints one JSON object on stdout.
 */
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { copyFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { Register } from '../src/main/core/register'

async function hashAndCopy(source: string, target: string): Promise<number> {
  const start = performance.now()
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(source, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer)
  hash.digest('hex')
  await copyFile(source, target)
  const elapsed = performance.now() - start
  await rm(target)
  return elapsed
}

async function main(): Promise<void> {
  const [source, workDir] = process.argv.slice(2) as [string, string]
  const baselines: number[] = []
  const imports: number[] = []
  // Peak memory is watched during the first import only, before the baseline's own buffers churn the heap.
  let peakRss = process.memoryUsage().rss
  let watching = true
  const sample = setInterval(() => {
    if (watching) peakRss = Math.max(peakRss, process.memoryUsage().rss)
  }, 10)
  for (let round = 0; round < 2; round++) {
    const register = await Register.open({ dataDir: join(workDir, `register-${round}`), actor: 'bench' })
    const start = performance.now()
    const result = await register.evidence.importFiles([source])
    imports.push(performance.now() - start)
    if (round === 0) {
      peakRss = Math.max(peakRss, process.memoryUsage().rss)
      watching = false
    }
    if (result.failed.length) throw new Error(result.failed[0]!.message)
    register.close()
    await rm(join(workDir, `register-${round}`), { recursive: true })
    baselines.push(await hashAndCopy(source, join(workDir, 'baseline-copy')))
  }
  clearInterval(sample)
  process.stdout.write(
    `${JSON.stringify({ baselineMs: Math.min(...baselines), importMs: Math.min(...imports), peakRssBytes: peakRss })}\n`
  )
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
