import { AppShell } from './pages/app-shell'
import { RegisterView } from './pages/register-view'
import { expect, test } from './support/fixtures'

test('lists changes newest first, filters them, and verifies the chain', async ({ app }) => {
  const register = new RegisterView(app)
  await register.open()
  const pane = await register.openControl('LOG-01')
  await pane.getByLabel('Owner').fill('Avery Stone')
  await pane.getByRole('button', { name: 'Save' }).click()
  await expect(new AppShell(app).toast('LOG-01 saved')).toBeVisible()

  await new AppShell(app).goTo('Audit log')
  const log = app.getByRole('table', { name: 'Audit log' })
  const newest = log.locator('tbody tr').first()
  await expect(newest).toContainText('Updated LOG-01: owner')
  await expect(newest).toContainText('e2e.tester')

  await app.getByRole('combobox', { name: 'Person' }).click()
  await app.getByRole('option', { name: 'e2e.tester' }).click()
  await expect(log.locator('tbody tr')).toHaveCount(1)

  await newest.click()
  const detail = app.getByRole('complementary', { name: /^Audit entry \d+$/ })
  await expect(detail.getByText('Avery Stone', { exact: true })).toBeVisible()
  await expect(detail.locator('.hash').first()).toHaveText(/^[0-9a-f]{64}$/)

  await app.getByRole('button', { name: 'Verify chain' }).click()
  await expect(app.getByText(/The audit log is intact: \d+ entries verified\./)).toBeVisible()
})
