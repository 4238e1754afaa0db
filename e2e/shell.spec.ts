import { AppShell } from './pages/app-shell'
import { expect, test } from './support/fixtures'

test('opens on the dashboard with every section one click away', async ({ app, pageErrors }) => {
  const shell = new AppShell(app)
  await expect(app.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible()
  await expect(app).toHaveTitle(/Harbor Bean Coffee.*Evidence Desk/)
  for (const section of ['Register', 'Frameworks', 'Responsibility', 'Audit log', 'Settings', 'Dashboard']) {
    await shell.goTo(section)
    await expect(shell.nav(section)).toHaveAttribute('aria-current', 'page')
  }
  expect(pageErrors).toEqual([])
})

test('shows results per framework, the most urgent gaps and the evidence due for review', async ({ app }) => {
  for (const name of ['HIPAA Security Rule summary', 'GDPR summary', 'PCI DSS summary']) {
    const card = app.getByRole('region', { name })
    await expect(card).toBeVisible()
    await expect(card).toContainText(/\d+ of \d+ applicable requirements in place/)
    await expect(
      card.getByRole('img', { name: /^Requirements by result: In place \d+, Not in place \d+/ })
    ).toBeVisible()
  }
  await expect(
    app.getByText(
      /^Results for the audit period [A-Z][a-z]{2} \d{1,2}, \d{4} – [A-Z][a-z]{2} \d{1,2}, \d{4}, evidence judged on/
    )
  ).toBeVisible()
  const due = app.getByRole('region', { name: 'Evidence due for review' })
  await expect(due.getByRole('listitem').first()).toContainText(/\d+ days? (left|overdue)/)
  const gaps = app.getByRole('region', { name: 'Most urgent gaps' })
  await expect(gaps.getByRole('listitem')).toHaveCount(10)
  await gaps.getByRole('link').first().click()
  await expect(app.getByRole('heading', { level: 1, name: 'Frameworks' })).toBeVisible()
  await expect(app.getByRole('complementary', { name: /^Requirement / })).toBeVisible()
})

test('runs under a strict Content-Security-Policy with no errors', async ({ app, pageErrors }) => {
  const policy = await app.evaluate(async () => (await fetch(location.href)).headers.get('content-security-policy'))
  expect(policy).toContain("default-src 'none'")
  expect(policy).toContain("script-src 'self'")
  expect(policy).not.toContain('unsafe-inline')
  expect(policy).not.toContain('unsafe-eval')
  await new AppShell(app).goTo('Register')
  await app.getByRole('row').nth(2).click()
  await app.getByRole('combobox', { name: 'Status', exact: true }).first().click()
  await app.keyboard.press('Escape')
  expect(pageErrors).toEqual([])
})

test.describe('in dark mode', () => {
  test.use({ colorScheme: 'dark' })
  test('follows the operating system', async ({ app }) => {
    await expect(app.locator('.radix-themes').first()).toHaveClass(/\bdark\b/)
  })
})

test('jumps to a control or requirement from the command palette', async ({ app }) => {
  const shell = new AppShell(app)
  let palette = await shell.openPalette()
  await palette.getByRole('combobox').fill('IAM-01')
  await palette
    .getByRole('option', { name: /IAM-01/ })
    .first()
    .click()
  await expect(app.getByRole('complementary', { name: 'Control IAM-01' })).toBeVisible()

  palette = await shell.openPalette()
  await palette.getByRole('combobox').fill('164.312(b)')
  await palette.getByRole('option', { name: /HIPAA 164\.312\(b\)/ }).click()
  await expect(app.getByRole('complementary', { name: 'Requirement HIPAA 164.312(b)' })).toBeVisible()
})

test.describe('on a new register', () => {
  test.use({ seed: 'empty' })
  test('opens on the set-up, which can be skipped and run again from Settings', async ({ app, pageErrors }) => {
    await expect(app.getByRole('heading', { level: 1, name: 'Set up your organisation' })).toBeVisible()
    await app.getByRole('button', { name: 'Skip set-up' }).click()
    await expect(app.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible()
    await expect(app.getByRole('link', { name: 'Set up your organisation' })).toBeVisible()
    await app.reload()
    await expect(app.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible()
    await new AppShell(app).goTo('Settings')
    await app.getByRole('link', { name: 'Run the set-up again' }).click()
    await expect(app.getByRole('heading', { level: 1, name: 'Set up your organisation' })).toBeVisible()
    expect(pageErrors).toEqual([])
  })
})
