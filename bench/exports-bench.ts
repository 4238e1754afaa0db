import { closeSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { runBundledChild } from './bundle'
import { measurement, report } from './measure'

const TARGET_BYTES = 500 * 1024 * 1024
const FIXTURE = resolve(__dirname, '../src/main/core/evidence/exports/fixtures/securityhub-findings.json')

/**
 * An organisation-wide Security Hub export of about 500 MB: the real sample findings, copied with
 * their ids, accounts, severities, compliance results and record states varied, written in blocks
 * so that this never holds the file in memory.
 */
export function securityHubExport(path: string): number {
  const samples = (JSON.parse(readFileSync(FIXTURE, 'utf8')) as { Findings: Record<string, unknown>[] }).Findings
  const labels = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL']
  const fd = openSync(path, 'w')
  writeSync(fd, '{"Findings":[\n')
  let written = 0
  let count = 0
  let block: string[] = []
  while (written < TARGET_BYTES) {
    const sample = samples[count % samples.length]!
    const finding = {
      ...sample,
      Id: `${String(sample.Id)}-${count}`,
      AwsAccountId: String(100000000000 + (count % 40)),
      Severity: { Label: labels[count % labels.length], Normalized: 40 },
      Compliance: { ...(sample.Compliance as object), Status: count % 3 === 0 ? 'PASSED' : 'FAILED' },
      RecordState: count % 11 === 0 ? 'ARCHIVED' : 'ACTIVE'
    }
    const text = `${count ? ',\n' : ''}${JSON.stringify(finding, null, 2)}`
    block.push(text)
    written += Buffer.byteLength(text)
    count++
    if (block.length === 500) {
      writeSync(fd, block.join(''))
      block = []
    }
  }
  writeSync(fd, `${block.join('')}\n],"NextToken":null}\n`)
  closeSync(fd)
  return count
}

/** One run in a process of its own, on the code as the app ships it (bundled). */
function child(
  mode: 'summarise' | 'baseline',
  path: string
): Promise<{ elapsedMs: number; findings: number; peakRssBytes: number }> {
  return runBundledChild(resolve(__dirname, 'exports-child.ts'), [mode, path])
}

/**
 * Summarising a 500 MB Security Hub export (streaming; the counts of every finding) against a
 * plain streaming JSON parse of the same file with @streamparser/json, each in a process of its
 * own: throughput at least 0.5x the parse, peak resident memory under 200 MB.
 */
export async function exportsBenchmarks(workDir: string): Promise<(string | undefined)[]> {
  mkdirSync(workDir, { recursive: true })
  const path = join(workDir, 'securityhub-findings.json')
  const findings = securityHubExport(path)
  const mib = statSync(path).size / 1048576
  const baseline = await child('baseline', path)
  const summary = await child('summarise', path)
  if (summary.findings !== findings || baseline.findings !== findings) {
    throw new Error(
      `expected ${findings} findings; the summary counted ${summary.findings}, the parse ${baseline.findings}`
    )
  }
  const throughput = mib / (summary.elapsedMs / 1000)
  const baselineThroughput = mib / (baseline.elapsedMs / 1000)
  return [
    report(measurement('exports.securityhub.500MB.throughput', throughput, 'MiB/s', baselineThroughput), {
      minRatio: 0.5
    }),
    // Against the 200 MB budget: the ratio says how much of it the summary used.
    report(measurement('exports.securityhub.500MB.peakRss', summary.peakRssBytes / 1048576, 'MB', 200), {
      maxValue: 200
    })
  ]
}
