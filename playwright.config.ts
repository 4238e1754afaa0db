import { defineConfig, type PlaywrightTestOptions, type PlaywrightWorkerOptions, type Project } from '@playwright/test'
import { electronBinary } from './e2e/support/electron-binary'
import type { Host } from './e2e/support/fixtures'

const CHROMIUM = process.env.EVIDENCE_DESK_CHROMIUM ?? '/usr/bin/chromium'
const electron = electronBinary()

const projects: Project<PlaywrightTestOptions & { host: Host }, PlaywrightWorkerOptions>[] = [
  {
    name: 'browser',
    use: {
      browserName: 'chromium',
      viewport: { width: 1440, height: 900 },
      launchOptions: {
        executablePath: CHROMIUM,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run'
        ]
      }
    }
  }
]

// The same specs drive the packaged app wherever the Electron binary can be had.
if ('path' in electron) {
  projects.push({ name: 'electron', use: { host: 'electron' } })
} else {
  console.log(`Electron app specs not run: ${electron.missing}. The browser project runs every spec.`)
}

export default defineConfig<{ host: Host }>({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './e2e/support/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
  projects
})
