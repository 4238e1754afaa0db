/**
 * One measurement of importing a control list, in a process of its own so that its peak resident
 * memory is its own. `preview` and `apply` run Evidence Desk's import (read in its worker, mapped,
 * compared with the register, and for apply written in one transaction); `baseline` only opens the
 * same workbook with the spreadsheet library and reads every cell as text. Prints one JSON object.
 */
import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { Register } from '../src/main/core/register'
import { peakResidentBytes } from '../src/main/core/testing/peak-memory'

async function baseline(path: string): Promise<number> {
  const { Workbook } = await import('@cj-tech-master/excelts')
  const workbook = new Workbook()
  await workbook.xlsx.load(readFileSync(path))
  let cells = 0
  workbook.worksheets[0]!.eachRow((row) => {
    for (const value of row.values as unknown[]) if (value !== undefined) cells += String(value).length > 0 ? 1 : 0
  })
  return cells
}

async function main(): Promise<void> {
  const [mode, path, dataDir] = process.argv.slice(2) as ['preview' | 'apply' | 'baseline', string, string]
  let peakRss = process.memoryUsage().rss
  const sample = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 10)
  const register = mode === 'baseline' ? null : await Register.open({ dataDir, actor: 'bench' })
  const start = performance.now()
  let rows: number
  if (register) {
    const result =
      mode === 'apply' ? await register.controlImport.apply({ path }) : await register.controlImport.preview({ path })
    if (result.errors.length) throw new Error(`the import has errors: ${JSON.stringify(result.errors.slice(0, 3))}`)
    rows = result.created + result.updated + result.unchanged
  } else {
    rows = await baseline(path)
  }
  const elapsedMs = performance.now() - start
  clearInterval(sample)
  register?.close()
  peakRss = Math.max(peakRss, peakResidentBytes())
  process.stdout.write(`${JSON.stringify({ elapsedMs, rows, peakRssBytes: peakRss })}\n`)
}

void main()
