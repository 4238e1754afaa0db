import { chromium, type Page } from '@playwright/test'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startWebHost } from '../e2e/support/web-host'
import { Register } from '../src/main/core/register'
import { measurement, report } from './measure'

/** Navigation to a page's first rows must take at most this, with no long task above LONG_TASK_BUDGET_MS. */
const PAGE_BUDGET_MS = 300
const LONG_TASK_BUDGET_MS = 100
const RUNS = 5

/** Each page by its route, and what shows its first rows. */
const PAGES: { name: string; route: (pack: string) => string; firstRows: string }[] = [
  { name: 'dashboard', route: () => '#/dashboard', firstRows: 'section[aria-label$=" summary"] .stacked-bar' },
  { name: 'register', route: () => '#/register', firstRows: 'table[aria-label="Controls"] tbody tr[data-index]' },
  { name: 'frameworks.pci', route: () => '#/frameworks/pci', firstRows: '[role="tree"] [role="treeitem"]' },
  { name: 'responsibility', route: () => '#/responsibility', firstRows: '.matrix-column .mapping-list li' },
  { name: 'evidence', route: () => '#/evidence', firstRows: 'table[aria-label="Evidence"] tbody tr[data-index]' },
  { name: 'packs', route: (pack) => `#/packs/${pack}`, firstRows: 'table[aria-label="Packs"] tbody tr[data-index]' }
]

interface PageTiming {
  ms: number
  longestTaskMs: number
}

/**
 * From a fresh load of the app on another page (nothing of the target page cached in the
 * renderer), the in-app navigation to the target until its first rows are in the page, and the
 * longest task the main thread ran meanwhile.
 */
async function timeNavigation(page: Page, url: string, route: string, firstRows: string): Promise<PageTiming> {
  await page.goto(`${url}#/audit`)
  await page.locator('table[aria-label="Audit log"] tbody tr[data-index], main h1').first().waitFor()
  await page.waitForTimeout(200)
  return page.evaluate(`(${IN_PAGE})(${JSON.stringify({ route, firstRows })})`) as Promise<PageTiming>
}

/** Runs in the page (the bench's own types know no DOM, so it is passed as text). */
const IN_PAGE = `async ({ route, firstRows }) => {
  const tasks = []
  const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries().map((entry) => entry.duration)))
  observer.observe({ type: 'longtask' })
  const start = performance.now()
  location.hash = route
  await new Promise((done) => {
    const check = () => (document.querySelector(firstRows) ? done() : requestAnimationFrame(check))
    check()
  })
  const ms = performance.now() - start
  // Long tasks are reported after they end: give the last one time to arrive.
  await new Promise((done) => setTimeout(done, 100))
  observer.disconnect()
  return { ms, longestTaskMs: Math.max(0, ...tasks) }
}`

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

async function timePages(dataDir: string, pack: string): Promise<Map<string, { ms: number; longestTaskMs: number }>> {
  const host = await startWebHost(dataDir)
  const browser = await chromium.launch({ executablePath: process.env.EVIDENCE_DESK_CHROMIUM ?? '/usr/bin/chromium' })
  const timings = new Map<string, { ms: number; longestTaskMs: number }>()
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
    for (const { name, route, firstRows } of PAGES) {
      const runs: PageTiming[] = []
      for (let run = 0; run < RUNS; run++) runs.push(await timeNavigation(page, host.url, route(pack), firstRows))
      timings.set(name, {
        ms: median(runs.map((run) => run.ms)),
        longestTaskMs: Math.max(...runs.map((run) => run.longestTaskMs))
      })
    }
  } finally {
    await browser.close()
    await host.stop()
  }
  return timings
}

/** A register holding the sample organisation (91 controls) and one pack: the baseline the large register is held to. */
async function sampleRegister(): Promise<{ dataDir: string; pack: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'evidence-desk-bench-sample-'))
  const register = await Register.open({ dataDir, actor: 'bench' })
  await register.loadSampleOrganisation()
  const pack = register.packs.list()[0]?.id ?? packFor(register)
  register.close()
  return { dataDir, pack }
}

function packFor(register: Register): string {
  const period = register.settings.auditPeriod()
  return register.packs.create({
    name: 'PCI DSS',
    frameworks: ['pci'],
    scope: { accounts: [], organizationalUnits: [] },
    periodStart: period.start,
    periodEnd: period.end,
    organisation: 'Bench',
    auditor: '',
    preparer: ''
  }).id
}

/**
 * `scale.page.<name>`: each page in Chromium through the browser host on the large register,
 * against the same page on the sample organisation in the same run.
 */
export async function pageBenchmarks(dataDir: string, pack: string): Promise<(string | undefined)[]> {
  const sample = await sampleRegister()
  try {
    const baseline = await timePages(sample.dataDir, sample.pack)
    const large = await timePages(dataDir, pack)
    const misses: (string | undefined)[] = []
    for (const { name } of PAGES) {
      const timing = large.get(name)!
      misses.push(
        report(measurement(`scale.page.${name}`, timing.ms, 'ms', baseline.get(name)!.ms), {
          maxValue: PAGE_BUDGET_MS
        })
      )
      misses.push(
        report(
          measurement(
            `scale.page.${name}.longestTask`,
            timing.longestTaskMs,
            'ms',
            Math.max(1, baseline.get(name)!.longestTaskMs)
          ),
          { maxValue: LONG_TASK_BUDGET_MS }
        )
      )
    }
    return misses
  } finally {
    rmSync(sample.dataDir, { recursive: true, force: true })
  }
}
