/**
 * One measurement of reading a large export, in a process of its own so that its peak resident
 * memory is its own. `summarise` runs Evidence Desk's export summary; `baseline` parses the same
 * file with a well-kept streaming JSON parser (@streamparser/json), handing out each finding and
 * doing nothing with it. Prints one JSON object on stdout.
 */
import { JSONParser } from '@streamparser/json'
import { createReadStream } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { summariseExport } from '../src/main/core/evidence/exports/summarise-export'
import { peakResidentBytes } from '../src/main/core/testing/peak-memory'

async function baseline(path: string): Promise<number> {
  let findings = 0
  const parser = new JSONParser({ paths: ['$.Findings.*'], keepStack: false })
  parser.onValue = () => {
    findings++
  }
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) parser.write(chunk as Buffer)
  return findings
}

async function summarise(path: string): Promise<number> {
  const reading = await summariseExport(path, 'securityhub-findings.json')
  const total = reading.recognised?.summary.findings?.total
  if (!total) throw new Error(`the export was not summarised: ${reading.notes.join(' ')}`)
  return total
}

async function main(): Promise<void> {
  const [mode, path] = process.argv.slice(2) as ['summarise' | 'baseline', string]
  let peakRss = process.memoryUsage().rss
  const sample = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 10)
  const start = performance.now()
  const findings = await (mode === 'summarise' ? summarise(path) : baseline(path))
  const elapsedMs = performance.now() - start
  clearInterval(sample)
  peakRss = Math.max(peakRss, peakResidentBytes())
  process.stdout.write(`${JSON.stringify({ elapsedMs, findings, peakRssBytes: peakRss })}\n`)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
