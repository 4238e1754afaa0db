import type { Locator, Page } from '@playwright/test'
import { AppShell } from './pages/app-shell'
import { expect as baseExpect, test } from './support/fixtures'

// Each test starts its own web host and browser, and the Frameworks page draws hundreds of rows: allow for a busy
// machine.
test.describe.configure({ timeout: 180_000 })
const expect = baseExpect.configure({ timeout: 30_000 })

/** The computed look of the palette: what a user sees, not only what it says. */
async function paletteLook(palette: Locator) {
  return palette.evaluate((dialog) => {
    const input = dialog.querySelector('input')!
    const item = dialog.querySelector('[cmdk-item]')!
    const style = (element: Element) => getComputedStyle(element)
    return {
      dialogBackground: style(dialog).backgroundColor,
      dialogFont: style(dialog).fontFamily,
      itemFont: style(item).fontFamily,
      inputFont: style(input).fontFamily,
      inputColor: style(input).color,
      itemColor: style(item).color
    }
  })
}

type Rgba = [number, number, number, number]
const rgba = (css: string): Rgba => {
  const parts = /rgba?\(([^)]+)\)/
    .exec(css)?.[1]
    ?.split(/[\s,/]+/)
    .filter(Boolean)
    .map(Number)
  if (!parts) throw new Error(`Not a colour: ${css}`)
  return [parts[0]!, parts[1]!, parts[2]!, parts[3] ?? 1]
}
const luminance = ([r, g, b]: Rgba): number => {
  const channel = (value: number) => {
    const c = value / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}
const contrast = (a: Rgba, b: Rgba): number => {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (light! + 0.05) / (dark! + 0.05)
}

async function expectThemed(page: Page, scheme: 'light' | 'dark') {
  const palette = await new AppShell(page).openPalette()
  await palette.getByRole('combobox').fill('IAM')
  await expect(palette.getByRole('option').first()).toBeVisible()
  const look = await paletteLook(palette)
  for (const font of [look.dialogFont, look.itemFont, look.inputFont]) {
    expect(font).not.toMatch(/^("?Times|serif)/i)
    expect(font).toMatch(/system-ui|sans-serif/)
  }
  const background = rgba(look.dialogBackground)
  expect(background[3], 'the palette is opaque').toBe(1)
  expect(luminance(background) < 0.2).toBe(scheme === 'dark')
  for (const text of [look.inputColor, look.itemColor]) {
    expect(contrast(rgba(text), background), `${text} on ${look.dialogBackground}`).toBeGreaterThanOrEqual(7)
  }
  await palette.screenshot({ path: test.info().outputPath(`palette-${scheme}.png`) })
}

test('is drawn by the theme: its font, an opaque panel and readable text', async ({ app }) => {
  await expectThemed(app, 'light')
})

test.describe('in dark mode', () => {
  test.use({ colorScheme: 'dark' })
  test('is drawn by the theme with light text on a dark panel', async ({ app }) => {
    await expectThemed(app, 'dark')
  })
})

test('puts an exact requirement reference first: 3.3.3 then Enter opens the requirement', async ({ app }) => {
  const shell = new AppShell(app)
  const palette = await shell.openPalette()
  await expect(palette.getByRole('combobox')).toBeFocused()
  await palette.getByRole('combobox').fill('3.3.3')
  await expect(palette.getByRole('option').first()).toContainText('PCI DSS 3.3.3')
  await expect(palette.getByRole('option').first()).toHaveAttribute('aria-selected', 'true')
  await app.keyboard.press('Enter')
  await expect(app.getByRole('complementary', { name: 'Requirement PCI DSS 3.3.3' })).toBeVisible()
})

test('finds evidence and controls by exact id', async ({ app }) => {
  const shell = new AppShell(app)
  let palette = await shell.openPalette()
  await palette.getByRole('combobox').fill('ev-0002')
  await expect(palette.getByRole('option').first()).toContainText('EV-0002')
  await app.keyboard.press('Enter')
  await expect(app.getByRole('complementary', { name: /^Evidence EV-0002/ })).toBeVisible()

  palette = await shell.openPalette()
  await palette.getByRole('combobox').fill('iam-01')
  await expect(palette.getByRole('option').first()).toContainText('IAM-01')
  await app.keyboard.press('Enter')
  await expect(app.getByRole('complementary', { name: 'Control IAM-01' })).toBeVisible()
})

test('runs commands and opens settings from the keyboard', async ({ app }) => {
  const shell = new AppShell(app)
  let palette = await shell.openPalette()
  await palette.getByRole('combobox').fill('new control')
  await expect(palette.getByRole('group', { name: 'Commands' }).getByRole('option').first()).toHaveText('New control')
  await app.keyboard.press('Enter')
  await expect(app.getByRole('dialog', { name: 'New control' })).toBeVisible()
  await expect(app).toHaveURL(/#\/register$/)
  await app.getByRole('dialog', { name: 'New control' }).getByRole('button', { name: 'Cancel' }).click()

  await shell.goTo('Dashboard')
  palette = await shell.openPalette()
  await palette.getByRole('combobox').fill('import controls')
  await expect(palette.getByRole('group', { name: 'Commands' }).getByRole('option').first()).toHaveText(
    'Import controls'
  )
  await app.keyboard.press('Enter')
  await expect(app.getByRole('dialog', { name: 'Import controls' })).toBeVisible()
  await expect(app).toHaveURL(/#\/register$/)
  await app.keyboard.press('Escape')

  palette = await shell.openPalette()
  await palette.getByRole('combobox').fill('new pack')
  await app.keyboard.press('Enter')
  await expect(app.getByRole('dialog', { name: 'New pack' })).toBeVisible()
  await app.keyboard.press('Escape')

  palette = await shell.openPalette()
  await palette.getByRole('combobox').fill('attach evidence')
  const chooser = app.waitForEvent('filechooser')
  await app.keyboard.press('Enter')
  expect((await chooser).isMultiple()).toBe(true)
  await expect(app.getByRole('heading', { level: 1, name: 'Evidence' })).toBeVisible()

  palette = await shell.openPalette()
  await palette.getByRole('combobox').fill('theme')
  await expect(palette.getByRole('option').first()).toContainText('Appearance')
  await app.keyboard.press('Enter')
  await expect(app.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()
  await expect(app.getByRole('heading', { level: 2, name: 'Appearance' })).toBeFocused()
})

test('finds a saved pack by its id', async ({ app }) => {
  const shell = new AppShell(app)
  const palette = await shell.openPalette()
  await palette.getByRole('combobox').fill('new pack')
  await app.keyboard.press('Enter')
  const dialog = app.getByRole('dialog', { name: 'New pack' })
  await dialog.getByLabel('Name').fill('Palette pack')
  await dialog.getByRole('button', { name: /Create/ }).click()
  await expect(app).toHaveURL(/#\/packs\/PK-0001$/)
  await shell.goTo('Dashboard')
  const again = await shell.openPalette()
  await again.getByRole('combobox').fill('PK-0001')
  await expect(again.getByRole('option').first()).toContainText('Palette pack')
  await app.keyboard.press('Enter')
  await expect(app.getByRole('complementary', { name: 'Pack PK-0001' })).toBeVisible()
})
