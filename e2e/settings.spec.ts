import { Register } from '../src/main/core/register'
import { AppShell } from './pages/app-shell'
import { expect, test } from './support/fixtures'

test('Settings shows the last backup of the register', async ({ app, dataDir, pageErrors }) => {
  const shell = new AppShell(app)
  await shell.goTo('Settings')
  const card = app.getByRole('heading', { name: 'Backups' }).locator('..')
  await expect(card).toContainText('No backup yet')

  const register = await Register.open({ dataDir, actor: 'e2e.backup' })
  const backup = await register.backups.create()
  register.close()
  await shell.goTo('Dashboard')
  await shell.goTo('Settings')
  await expect(card).toContainText(backup.path)
  await expect(card).toContainText('by hand')
  expect(pageErrors).toEqual([])
})
