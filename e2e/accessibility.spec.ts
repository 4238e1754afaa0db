import type { Locator, Page } from '@playwright/test'
import { PacksView } from './pages/packs-view'
import { violations } from './support/axe'
import { expect as baseExpect, test } from './support/fixtures'

// Each test starts its own web host and browser, and the Frameworks page draws hundreds of rows: allow for a busy
// machine.
test.describe.configure({ timeout: 180_000 })
const expect = baseExpect.configure({ timeout: 30_000 })

interface Screen {
  page: string
  path: string
  /** What shows once the screen is ready: its open pane when it has one. */
  ready: (app: Page) => Locator
}

const SCREENS: Screen[] = [
  { page: 'Dashboard', path: '/dashboard', ready: (app) => app.getByRole('region', { name: 'Most urgent gaps' }) },
  {
    page: 'Register',
    path: '/register/IAM-01',
    ready: (app) => app.getByRole('complementary', { name: 'Control IAM-01' }).getByLabel('Title')
  },
  {
    page: 'Frameworks',
    path: '/frameworks/pci/3.3.3',
    ready: (app) => app.getByRole('complementary', { name: 'Requirement PCI DSS 3.3.3' }).getByLabel('Result')
  },
  { page: 'Responsibility', path: '/responsibility', ready: (app) => app.getByRole('table').first() },
  {
    page: 'Evidence',
    path: '/evidence/EV-0002',
    ready: (app) =>
      app
        .getByRole('complementary', { name: /^Evidence EV-0002/ })
        .getByRole('tab')
        .first()
  },
  {
    page: 'Packs',
    path: '/packs/PK-0001',
    ready: (app) => app.getByRole('complementary', { name: 'Pack PK-0001' }).getByRole('status').first()
  },
  { page: 'Audit log', path: '/audit', ready: (app) => app.getByRole('table').first() },
  { page: 'Settings', path: '/settings', ready: (app) => app.getByRole('heading', { level: 2 }).first() }
]

async function expectNoViolations(app: Page, scheme: 'light' | 'dark') {
  // Every screen needs a pack to open.
  await new PacksView(app).open()
  await new PacksView(app).create({ name: 'Accessibility review pack' })
  for (const screen of SCREENS) {
    await app.evaluate((path) => (location.hash = path), screen.path)
    await expect(app.getByRole('heading', { level: 1, name: screen.page })).toBeVisible()
    await expect(screen.ready(app)).toBeVisible()
    expect(await violations(app), `${screen.page} (${scheme})`).toEqual([])
  }
}

test('every page, with its pane open, passes the WCAG 2.1 A and AA rules in light', async ({ app }) => {
  test.setTimeout(480_000)
  await expectNoViolations(app, 'light')
})

test.describe('in dark mode', () => {
  test.use({ colorScheme: 'dark' })
  test('every page, with its pane open, passes the WCAG 2.1 A and AA rules in dark', async ({ app }) => {
    test.setTimeout(480_000)
    await expectNoViolations(app, 'dark')
  })
})

test('the palette, a confirmation and the discard question pass too', async ({ app }) => {
  await app.keyboard.press('Control+k')
  await app.getByRole('dialog', { name: 'Go to anything' }).getByRole('combobox').fill('3.3')
  await expect(app.getByRole('option').first()).toBeVisible()
  expect(await violations(app)).toEqual([])
  await app.keyboard.press('Escape')

  await app.evaluate(() => (location.hash = '/register/IAM-01'))
  const pane = app.getByRole('complementary', { name: 'Control IAM-01' })
  await pane.getByLabel('Notes').fill('Draft')
  await pane.getByRole('button', { name: 'Close details' }).click()
  await expect(app.getByRole('alertdialog', { name: 'Discard changes?' })).toBeVisible()
  expect(await violations(app)).toEqual([])
})

test('status and responsibility are told in words, not by colour alone', async ({ app }) => {
  await app.evaluate(() => (location.hash = '/register'))
  const table = app.getByRole('table', { name: 'Controls' })
  await expect(table.locator('tbody tr[data-index]').first()).toBeVisible()
  // Each coloured badge carries its meaning as text.
  const badges = table.locator('.rt-Badge')
  const texts = await badges.allTextContents()
  expect(texts.length).toBeGreaterThan(10)
  for (const text of texts) expect(text.trim()).not.toBe('')
  await app.evaluate(() => (location.hash = '/frameworks/pci'))
  const chips = app.locator('.control-chip')
  await expect(chips.first()).toBeVisible()
  // A mapped control's colour comes with a mark on screen, and its status in its description.
  const first = chips.first()
  const mark = await first.evaluate((chip) => getComputedStyle(chip, '::before').content)
  expect(mark).toMatch(/[✓◐○–]/)
  await expect(first).toHaveAccessibleDescription(/\((implemented|in-progress|planned|not-started|not-applicable);/)
})

test('with reduced motion asked for, nothing animates', async ({ app }) => {
  await app.emulateMedia({ reducedMotion: 'reduce' })
  await app.keyboard.press('Control+k')
  const palette = app.getByRole('dialog', { name: 'Go to anything' })
  await expect(palette).toBeVisible()
  const durations = await palette.evaluate((dialog) => {
    const style = getComputedStyle(dialog)
    return [style.animationDuration, style.transitionDuration]
  })
  for (const duration of durations) expect(Number.parseFloat(duration)).toBeLessThanOrEqual(0.01)
})

test.describe('zoomed to 200% at 1440x900', () => {
  // Zooming a 1440x900 window to 200% lays pages out in 720x450 CSS pixels.
  test.use({ viewport: { width: 720, height: 450 } })
  test('every page keeps its title, navigation and content on screen, with no sideways scrolling', async ({ app }) => {
    for (const screen of SCREENS.filter((item) => item.page !== 'Packs')) {
      await app.evaluate((path) => (location.hash = path), screen.path)
      const title = app.getByRole('heading', { level: 1, name: screen.page })
      await expect(title).toBeInViewport()
      await expect(screen.ready(app)).toBeVisible()
      await screen.ready(app).scrollIntoViewIfNeeded()
      await expect(screen.ready(app)).toBeInViewport()
      const overflow = await app.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
      expect(overflow, `${screen.page} scrolls sideways`).toBeLessThanOrEqual(0)
      await expect(app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' })).toBeVisible()
    }
  })
})
