import { AppShell } from './pages/app-shell'
import { RegisterView } from './pages/register-view'
import { expect, test } from './support/fixtures'

test.beforeEach(async ({ app }) => {
  await new RegisterView(app).open()
})

test('lists every control with a count, and narrows it with filters and search', async ({ app }) => {
  const register = new RegisterView(app)
  await expect(register.count).toHaveText(/^(\d+) of \1 controls$/)
  const total = await register.shownCount()
  expect(total).toBeGreaterThanOrEqual(60)

  await register.filter('Responsibility', 'AWS-inherited')
  await expect(register.count).not.toHaveText(`${total} of ${total} controls`)
  const inherited = await register.shownCount()
  expect(inherited).toBeGreaterThan(0)
  await expect(register.rows).toHaveCount(inherited)
  for (const row of await register.rows.all()) await expect(row).toContainText('AWS-inherited')

  await register.filter('Framework', 'HIPAA')
  await register.filter('Status', 'Implemented')
  for (const row of await register.rows.all()) {
    await expect(row).toContainText('Implemented')
    await expect(row).toContainText('HIPAA')
  }

  await app.getByRole('button', { name: 'Clear filters' }).click()
  await expect(register.count).toHaveText(`${total} of ${total} controls`)

  await register.search('GuardDuty')
  await expect(register.count).not.toHaveText(`${total} of ${total} controls`)
  expect(await register.shownCount()).toBeGreaterThan(0)

  await register.search('zzqx nothing matches this')
  await expect(app.getByRole('heading', { name: 'No controls match these filters' })).toBeVisible()
  await app.getByRole('button', { name: 'Clear filters' }).first().click()
  await expect(register.count).toHaveText(`${total} of ${total} controls`)
})

test('moves through the table with the keyboard and opens the detail pane', async ({ app }) => {
  const register = new RegisterView(app)
  await register.rows.first().focus()
  await app.keyboard.press('ArrowDown')
  await app.keyboard.press('ArrowDown')
  const third = (await register.rows.nth(2).getAttribute('aria-rowindex'))!
  await expect(register.rows.nth(2)).toBeFocused()
  await app.keyboard.press('Enter')
  const id = (await register.rows.nth(2).locator('td').first().textContent())!
  await expect(register.pane(id)).toBeVisible()
  expect(third).toBe('4')
  await register.rows.nth(2).focus()
  await app.keyboard.press('Escape')
  await expect(register.pane(id)).toHaveCount(0)
})

test('edits a control, shows it saved everywhere, records it, and undoes it', async ({ app }) => {
  const register = new RegisterView(app)
  const pane = await register.openControl('IAM-02')
  await pane.getByRole('combobox', { name: 'Status' }).click()
  await app.getByRole('option', { name: 'In progress', exact: true }).click()
  await pane.getByLabel('Owner').fill('Morgan Diaz')
  await expect(pane.getByText('Unsaved changes')).toBeVisible()
  await pane.getByRole('button', { name: 'Save' }).click()

  await expect(new AppShell(app).toast('IAM-02 saved')).toBeVisible()
  await expect(pane.getByText(/Saved · version/)).toBeVisible()
  await expect(register.row('IAM-02')).toContainText('In progress')
  await expect(register.row('IAM-02')).toContainText('Morgan Diaz')

  await pane.getByRole('tab', { name: 'History' }).click()
  await expect(pane.getByRole('list', { name: 'History of IAM-02' }).getByRole('listitem').first()).toContainText(
    /Updated IAM-02: .*status .* → in-progress/
  )

  await app.getByRole('button', { name: 'Undo' }).click()
  await expect(register.row('IAM-02')).not.toContainText('Morgan Diaz')
  await expect(register.row('IAM-02')).not.toContainText('In progress')
})

test('shows text as text: HTML in a field is never run', async ({ app }) => {
  const register = new RegisterView(app)
  const pane = await register.openControl('IAM-03')
  const payload = '<img src=x onerror="window.__injected=1"><b>bold?</b>'
  await pane.getByLabel('Notes').fill(payload)
  await pane.getByRole('button', { name: 'Save' }).click()
  await expect(new AppShell(app).toast('IAM-03 saved')).toBeVisible()
  await pane.getByRole('tab', { name: 'History' }).click()
  // The Overview tab stays mounted (hidden) to keep unsaved edits, so look in the history itself.
  await expect(pane.getByRole('list', { name: /^History of IAM-03/ }).getByText(payload)).toBeVisible()
  expect(await app.evaluate(() => (window as unknown as { __injected?: number }).__injected)).toBeUndefined()
  await expect(app.locator('b', { hasText: 'bold?' })).toHaveCount(0)
})

test('refuses invalid input with a message and saves nothing', async ({ app }) => {
  const register = new RegisterView(app)
  const pane = await register.openControl('IAM-04')
  await pane.getByLabel('Title').fill('x'.repeat(250))
  await pane.getByRole('button', { name: 'Save' }).click()
  await expect(pane.getByRole('alert')).toContainText('Title is too long')
  await pane.getByRole('button', { name: 'Discard' }).click()
  await expect(pane.getByText(/Saved · version/)).toBeVisible()
  await pane.getByRole('tab', { name: 'History' }).click()
  await expect(pane.getByRole('list', { name: 'History of IAM-04' }).getByRole('listitem').first()).not.toContainText(
    'Title'
  )
})

test('adds and removes a mapping, with undo', async ({ app }) => {
  const register = new RegisterView(app)
  const pane = await register.openControl('APP-01')
  await pane.getByRole('tab', { name: /Mappings/ }).click()
  await pane.getByRole('combobox', { name: 'Framework to map to' }).click()
  await app.getByRole('option', { name: 'GDPR', exact: true }).click()
  await pane.getByRole('button', { name: 'Add mapping' }).click()
  await app.getByPlaceholder('Find a requirement by reference or words').fill('Art. 30')
  await app.getByRole('option', { name: /Art\. 30 Records of processing/ }).click()
  await expect(new AppShell(app).toast('Mapped APP-01 to GDPR Art. 30')).toBeVisible()
  const remove = pane.getByRole('button', { name: 'Remove mapping to GDPR Art. 30' })
  await expect(remove).toBeVisible()
  await remove.click()
  await expect(remove).toHaveCount(0)
  await app.getByRole('button', { name: 'Undo' }).click()
  await expect(pane.getByRole('button', { name: 'Remove mapping to GDPR Art. 30' })).toBeVisible()
})

test('creates a control of the organisation’s own', async ({ app }) => {
  await app.getByRole('button', { name: 'New control' }).click()
  const dialog = app.getByRole('dialog', { name: 'New control' })
  await dialog.getByLabel('Control id').fill('bad id')
  await dialog.getByLabel('Title').fill('Feature flag review')
  await dialog.getByRole('button', { name: 'Create control' }).click()
  await expect(dialog.getByRole('alert')).toContainText('A control id looks like IAM-03')
  await dialog.getByLabel('Control id').fill('APP-90')
  await dialog.getByRole('button', { name: 'Create control' }).click()
  await expect(new RegisterView(app).pane('APP-90')).toBeVisible()
  await expect(new RegisterView(app).row('APP-90')).toContainText('Feature flag review')
})

test('scrolls a control opened by link into view, below the sticky header', async ({ app }) => {
  const register = new RegisterView(app)
  await app.evaluate(() => (location.hash = '#/register/VUL-03'))
  await expect(register.pane('VUL-03')).toBeVisible()
  await expect(register.row('VUL-03')).toBeInViewport()
  const container = await app.locator('.table-scroll').boundingBox()
  const header = await register.table.locator('thead').boundingBox()
  const row = await register.row('VUL-03').boundingBox()
  expect(row!.y).toBeGreaterThanOrEqual(header!.y + header!.height - 1)
  expect(row!.y + row!.height).toBeLessThanOrEqual(container!.y + container!.height + 1)
})
