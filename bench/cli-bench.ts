import { execFileSync, spawnSync } from 'node:child_process'
import { performance } from 'node:perf_hooks'
import { resolve } from 'node:path'
import { runBundledChild } from './bundle'
import { measurement, report } from './measure'

const ROOT = resolve(__dirname, '..')
const CLI = resolve(ROOT, 'bin/evidence-desk.cjs')
const STARTUP_RUNS = 9
const CONTROLS = 10_000
const MiB = 1024 * 1024

/** The median wall time of running a process to its end, in milliseconds. */
function medianRun(args: string[]): number {
  const times: number[] = []
  for (let index = 0; index < STARTUP_RUNS; index++) {
    const start = performance.now()
    const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] })
    times.push(performance.now() - start)
    if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr.toString()}`)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)]!
}

/** A list of 10,000 new controls, as another tool would export it, written with the spreadsheet library. */
async function controlList(path: string): Promise<void> {
  const { Workbook } = await import('@cj-tech-master/excelts')
  const workbook = new Workbook()
  const sheet = workbook.addWorksheet('Controls')
  sheet.addRow([
    'Control ID',
    'Control Name',
    'Description',
    'Control Owner',
    'Implementation Status',
    'Responsible Party',
    'PCI DSS Requirements',
    'Notes'
  ])
  const statuses = ['Implemented', 'Planned', 'In progress', 'Not started']
  const refs = ['1.2.1', '3.5.1', '7.2.4', '8.3.6', '10.2.1', '11.3.1']
  for (let index = 0; index < CONTROLS; index++) {
    const prefix = `BN${String.fromCharCode(65 + Math.floor(index / 1000))}`
    sheet.addRow([
      `${prefix}-${String(index % 1000).padStart(3, '0')}`,
      `Benchmark control ${index}`,
      `What control ${index} does, in a sentence or two of the length a control statement usually has, with its evidence.`,
      `Owner ${index % 40}`,
      statuses[index % statuses.length],
      index % 3 === 0 ? 'Shared' : 'Customer',
      `${refs[index % refs.length]}; ${refs[(index + 1) % refs.length]}`,
      index % 5 === 0 ? `Reviewed in quarter ${index % 4}` : ''
    ])
  }
  await workbook.xlsx.writeFile(path)
}

/** One import in a process of its own, running the code as the app ships it (bundled). */
function child(
  mode: 'preview' | 'apply' | 'baseline',
  path: string,
  dataDir: string
): Promise<{ elapsedMs: number; rows: number; peakRssBytes: number }> {
  return runBundledChild(resolve(__dirname, 'import-controls-child.ts'), [mode, path, dataDir])
}

/**
 * The command line as it ships (the built bundle through bin/evidence-desk.cjs): starting for
 * `--version` and for `frameworks --json` against `node -e ''`; and importing a 10,000-row XLSX
 * control list (preview, then apply) against reading the same workbook with the library alone,
 * each in a process of its own. Targets: each start under 300 ms, preview under 3 s, apply under
 * 5 s, peak resident memory under 300 MB.
 */
export async function cliBenchmarks(workDir: string): Promise<(string | undefined)[]> {
  execFileSync(process.execPath, [resolve(ROOT, 'scripts/build-cli.mjs')])
  const dataDir = resolve(workDir, 'register')
  execFileSync(process.execPath, [CLI, '--data-dir', dataDir, 'init'], { stdio: 'ignore' })
  const misses: (string | undefined)[] = []
  const node = medianRun(['-e', ''])
  misses.push(report(measurement('cli --version start', medianRun([CLI, '--version']), 'ms', node), { maxValue: 300 }))
  misses.push(
    report(
      measurement(
        'cli frameworks --json start',
        medianRun([CLI, '--data-dir', dataDir, 'frameworks', '--json']),
        'ms',
        node
      ),
      { maxValue: 300 }
    )
  )

  const list = resolve(workDir, 'controls.xlsx')
  await controlList(list)
  const parsed = await child('baseline', list, dataDir)
  const preview = await child('preview', list, dataDir)
  const applied = await child('apply', list, dataDir)
  if (preview.rows !== CONTROLS || applied.rows !== CONTROLS) throw new Error('the import did not read every row')
  misses.push(
    report(measurement('import 10,000 controls: preview', preview.elapsedMs, 'ms', parsed.elapsedMs), {
      maxValue: 3000
    })
  )
  misses.push(
    report(measurement('import 10,000 controls: apply', applied.elapsedMs, 'ms', parsed.elapsedMs), { maxValue: 5000 })
  )
  const peak = Math.max(preview.peakRssBytes, applied.peakRssBytes) / MiB
  misses.push(
    report(measurement('import 10,000 controls: peak RSS', peak, 'MB', parsed.peakRssBytes / MiB), { maxValue: 300 })
  )
  return misses
}
