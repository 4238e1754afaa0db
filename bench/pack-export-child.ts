/**
 * One measurement of exporting a large pack, run in a process of its own so that its peak resident
 * memory is its own (the export's worker thread shares it): register.packs.export against the
 * plainest baseline, raw pdfkit in a worker thread of this process writing as many pages of the
 * same text density with the pack's own words in the same fonts, with the same evidence files attached through doc.file, to
 * a file (raw-pdfkit.ts). Best of three rounds each (or of the rounds asked for). Peak memory is watched during the first
 * export; the main thread's event loop during every export and every baseline (which keeps the
 * main thread idle: its delays are the machine's). Prints one JSON object (PackChildResult).
 */
import { readFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import { setTimeout as delay } from 'node:timers/promises'
import { defaultFontsDir, Register } from '../src/main/core/register'
import { packRequest, type PackChildResult } from './pack-request'
import { packTexts, writeRawPdfInWorker, type Density, type RawPdfInput } from './raw-pdfkit'
import { peakResidentBytes } from '../src/main/core/testing/peak-memory'

/** The event-loop delay histogram's resolution: its maximum overstates a stall by at most this. */
const LOOP_RESOLUTION_MS = 10
/** At most this many pages are read back to measure the pack's text density (evenly spread). */
const DENSITY_SAMPLE_PAGES = 400

/** How much text the pack's pages carry, read back with pdf.js (not timed). */
async function densityOf(path: string): Promise<Density> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')
  const task = pdfjs.getDocument({ data: new Uint8Array(readFileSync(path)), disableFontFace: true, verbosity: 0 })
  try {
    const document = await task.promise
    let runs = 0
    let chars = 0
    const step = Math.max(1, document.numPages / DENSITY_SAMPLE_PAGES)
    const sampled = new Set<number>()
    for (let at = 1; at <= document.numPages; at += step) sampled.add(Math.floor(at))
    for (const number of sampled) {
      const page = await document.getPage(number)
      for (const item of (await page.getTextContent()).items) {
        if (!('str' in item) || item.str.trim() === '') continue
        runs++
        chars += item.str.length
      }
      page.cleanup()
    }
    return { runsPerPage: runs / sampled.size, charsPerRun: chars / runs }
  } finally {
    await task.destroy()
  }
}

/**
 * Watches the main thread's own CPU time between ticks of a 1 ms timer; stops and returns the most
 * it spent in one go (ms). Unlike the event-loop delay, time the thread spends descheduled on a
 * busy machine does not count (nor does time blocked in a synchronous system call).
 */
function watchMainThread(): () => number {
  let last = process.threadCpuUsage()
  let longest = 0
  const tick = (): void => {
    const now = process.threadCpuUsage()
    longest = Math.max(longest, (now.user - last.user + now.system - last.system) / 1000)
    last = now
  }
  const timer = setInterval(tick, 1)
  return () => {
    clearInterval(timer)
    tick()
    return longest
  }
}

/** Times `work` (ms) and the main thread's largest event-loop delay (ms) and longest busy spell (ms) meanwhile. */
async function watched<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; loopMs: number; busyMs: number }> {
  const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS })
  loop.enable()
  // The histogram's first tick only starts its clock: let it tick before the work's synchronous start.
  await delay(LOOP_RESOLUTION_MS * 3)
  const busy = watchMainThread()
  const start = performance.now()
  const value = await work()
  const ms = performance.now() - start
  const busyMs = busy()
  loop.disable()
  return { value, ms, loopMs: loop.max / 1e6, busyMs }
}

async function main(): Promise<void> {
  const [dataDir, workDir, roundsArgument] = process.argv.slice(2) as [string, string, string | undefined]
  const rounds = Number(roundsArgument ?? 3)
  const register = await Register.open({ dataDir, actor: 'bench', mustExist: true })
  const request = packRequest()
  const phases: Record<string, number> = {}
  const time = <T>(phase: string, work: () => T): T => {
    const start = performance.now()
    try {
      return work()
    } finally {
      phases[phase] = Math.max(phases[phase] ?? 0, performance.now() - start)
    }
  }
  // The synchronous parts of an export on the main thread, timed where they can be reached.
  const packs = register.packs as unknown as Record<string, (...args: unknown[]) => unknown>
  const tasks = register.tasks as unknown as Record<string, (...args: unknown[]) => unknown>
  for (const [target, method, phase] of [
    [packs, 'signingKeys', 'signing key'],
    [tasks, 'runDedicated', 'worker start and posting the content'],
    [packs, 'recordExport', 'recording the export']
  ] as const) {
    const original = target[method]!.bind(target)
    target[method] = (...args: unknown[]) => time(phase, () => original(...args))
  }

  const exports: { ms: number; loopMs: number; busyMs: number }[] = []
  const baselines: { ms: number; loopMs: number }[] = []
  let peakRss = process.memoryUsage().rss
  let baseline: RawPdfInput | undefined
  let pages = 0
  let baselinePages = 0
  for (let round = 0; round < rounds; round++) {
    const target = join(workDir, `pack-${round}.pdf`)
    const sample = setInterval(() => {
      if (round === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss)
    }, 10)
    const exported = await watched(() =>
      time('export until its first await', () => register.packs.export(request, { pdf: target, zip: null }))
    )
    clearInterval(sample)
    exports.push(exported)
    if (round === 0) {
      // Memory is watched during the first export only, before the baseline's buffers churn the heap;
      // the process's high-water mark covers moments the sampling missed.
      peakRss = Math.max(peakRss, peakResidentBytes())
      pages = exported.value.pages
      const content = time('assembly (warm, after an export)', () => register.packs.assemble(request))
      baseline = {
        path: join(workDir, 'baseline.pdf'),
        pages,
        density: await densityOf(target),
        texts: packTexts(content),
        fontsDir: defaultFontsDir(),
        attachments: content.evidence.map((item) => ({
          path: item.path,
          name: item.fileName,
          mediaType: item.mediaType,
          description: `${item.id}: ${item.title}`
        }))
      }
    }
    await rm(target)
    const input = baseline!
    const raw = await watched(() => writeRawPdfInWorker(input))
    baselines.push(raw)
    baselinePages = raw.value
    await rm(input.path)
  }
  register.close()
  const result: PackChildResult = {
    pages,
    baselinePages,
    density: baseline!.density,
    exportMs: Math.min(...exports.map((round) => round.ms)),
    baselineMs: Math.min(...baselines.map((round) => round.ms)),
    peakRssBytes: peakRss,
    loopDelaysMs: exports.map((round) => round.loopMs),
    baselineLoopDelaysMs: baselines.map((round) => round.loopMs),
    longestBusyMs: exports.map((round) => round.busyMs),
    phases
  }
  process.stdout.write(`${JSON.stringify(result)}\n`)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
