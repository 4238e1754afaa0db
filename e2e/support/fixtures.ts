import { _electron, test as base, type Page } from '@playwright/test'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { Register } from '../../src/main/core/register'
import { startWebHost } from './web-host'

export type Host = 'browser' | 'electron'
export type Seed = 'sample' | 'empty'

interface Options {
  /** Which face of the app the specs drive: the renderer in Chromium via the browser host, or the desktop app. */
  host: Host
  /** What the register holds when the test starts. */
  seed: Seed
}

interface WorkerFixtures {
  /** Registers seeded once per worker and copied for each test (seeding imports the sample evidence). */
  seededTemplates: Record<Seed, string>
}

interface Fixtures {
  /** A fresh data folder for this test alone. */
  dataDir: string
  /** The app's window, showing the register in dataDir. */
  app: Page
  /** Errors and CSP violations the page reported. */
  pageErrors: string[]
}

export const test = base.extend<Fixtures & Options, WorkerFixtures>({
  host: ['browser', { option: true }],
  seed: ['sample', { option: true }],

  seededTemplates: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies by destructuring.
    async ({}, use) => {
      const root = mkdtempSync(join(tmpdir(), 'evidence-desk-e2e-templates-'))
      const templates = { sample: join(root, 'sample'), empty: join(root, 'empty') }
      for (const [seed, dir] of Object.entries(templates)) {
        const register = await Register.open({ dataDir: dir, actor: 'e2e.seed' })
        if (seed === 'sample') await register.loadSampleOrganisation()
        register.close()
      }
      await use(templates)
      rmSync(root, { recursive: true, force: true })
    },
    { scope: 'worker' }
  ],

  dataDir: async ({ seed, seededTemplates }, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'evidence-desk-e2e-'))
    cpSync(seededTemplates[seed], dir, { recursive: true })
    await use(dir)
    rmSync(dir, { recursive: true, force: true })
  },

  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies by destructuring.
  pageErrors: async ({}, use) => {
    await use([])
  },

  app: async ({ host, dataDir, playwright, colorScheme, viewport, pageErrors }, use, testInfo) => {
    const watch = (page: Page): void => {
      // CSP violations that are caught in the page (and so never reach the console) are reported too.
      void page.addInitScript(() =>
        document.addEventListener('securitypolicyviolation', (event) =>
          console.error(`CSP violation: ${event.violatedDirective} ${event.sourceFile}:${event.lineNumber}`)
        )
      )
      page.on('pageerror', (error) => pageErrors.push(error.message))
      page.on('console', (message) => {
        if (message.type() === 'error') pageErrors.push(message.text())
      })
    }
    if (host === 'electron') {
      const app = await _electron.launch({
        args: [resolve(__dirname, '../../out/main/index.js'), '--data-dir', dataDir],
        env: { ...process.env, EVIDENCE_DESK_USER: 'e2e.tester' },
        colorScheme: colorScheme ?? undefined
      })
      const window = await app.firstWindow()
      watch(window)
      await use(window)
      await app.close()
      return
    }
    const webHost = await startWebHost(dataDir)
    const browser = await playwright.chromium.launch(testInfo.project.use.launchOptions)
    const context = await browser.newContext({ viewport, colorScheme: colorScheme ?? undefined })
    const page = await context.newPage()
    watch(page)
    await page.goto(webHost.url)
    await use(page)
    await context.close()
    await browser.close()
    await webHost.stop()
  }
})

export { expect } from '@playwright/test'
