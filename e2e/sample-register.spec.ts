import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Register } from '../src/main/core/register'
import { AppShell } from './pages/app-shell'
import { expect as baseExpect, test } from './support/fixtures'

// Each step refreshes the whole register (the tree, the dashboard): give it time on a busy machine.
const expect = baseExpect.configure({ timeout: 30_000 })

test.use({ seed: 'empty' })
// Starting the host on a busy machine and making the sample take time: the whole test, host included, gets it.
test.describe.configure({ timeout: 240_000 })

const fileHash = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex')

test('trying the sample opens it in a register of its own, labelled, and one click goes back; the user’s register is unchanged', async ({
  app,
  dataDir,
  pageErrors
}) => {
  // Making the sample generates its evidence files: allow it the time it takes.
  const shell = new AppShell(app)
  await expect(app.getByRole('heading', { level: 1, name: 'Set up your organisation' })).toBeVisible()
  await app.getByLabel('Organisation name').fill('Northwind Health')
  await app.getByRole('button', { name: 'Save organisation' }).click()
  await expect(app.getByRole('button', { name: 'Save organisation' })).toBeDisabled()

  const userRegister = join(dataDir, 'register.sqlite')
  const before = await Register.open({ dataDir, actor: 'e2e.reader' })
  const chain = { entries: before.audit.count(), head: before.audit.list({ limit: 1 })[0]!.hash }
  before.close()

  await app.getByRole('button', { name: 'Try the sample organisation.' }).click()
  const banner = app.getByRole('region', { name: 'Sample organisation' })
  await expect(banner).toBeVisible({ timeout: 180_000 })
  await expect(banner).toContainText('Harbor Bean Coffee Co.')
  // The user's register is closed while the sample is open (its own last write checkpointed): its bytes now.
  const hash = fileHash(userRegister)
  await expect(app.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible()
  await expect(app.getByText('Harbor Bean Coffee Co.').first()).toBeVisible()
  await shell.goTo('Settings')
  const recent = app.getByRole('table', { name: 'Recent registers' })
  await expect(recent.getByRole('row', { name: /Harbor Bean Coffee Co\. Sample Open/ })).toBeVisible()
  await expect(recent.getByRole('row', { name: /Northwind Health/ })).toContainText(dataDir)

  await banner.getByRole('button', { name: 'Back to Northwind Health' }).click()
  await expect(banner).toBeHidden()
  await expect(app.getByLabel('Organisation name')).toHaveValue('Northwind Health')
  await expect(recent.getByRole('row', { name: /Northwind Health Open/ })).toBeVisible()

  // Switching back and forth again uses the sample's register as it is (made once).
  await recent.getByRole('button', { name: 'Open Harbor Bean Coffee Co.' }).click()
  await expect(banner).toBeVisible()
  await banner.getByRole('button', { name: 'Back to Northwind Health' }).click()
  await expect(banner).toBeHidden()

  expect(fileHash(userRegister)).toBe(hash)
  const after = await Register.open({ dataDir, actor: 'e2e.reader' })
  expect(after.audit.count()).toBe(chain.entries)
  expect(after.audit.list({ limit: 1 })[0]!.hash).toBe(chain.head)
  expect(after.audit.verify().ok).toBe(true)
  expect(after.info().hasSampleOrganisation).toBe(false)
  after.close()
  expect(pageErrors).toEqual([])
})

test('opens another folder typed in Settings, creating a register there', async ({ app, dataDir }) => {
  const shell = new AppShell(app)
  await app.getByRole('button', { name: 'Skip set-up' }).click()
  await shell.goTo('Settings')
  const other = join(dataDir, 'second-register')
  await app.getByLabel('Folder of another register').fill(other)
  await app.getByRole('button', { name: 'Open folder' }).click()
  const recent = app.getByRole('table', { name: 'Recent registers' })
  // The register open now is marked Open and offers no button; the one left offers "Open".
  await expect(recent.getByRole('row', { name: /^My register Open / })).toContainText(other)
  await expect(app.getByRole('navigation', { name: 'Main' })).toContainText(other)
  await recent.getByRole('button', { name: 'Open My register' }).click()
  await expect(app.getByRole('navigation', { name: 'Main' })).not.toContainText(other)
  await expect(recent.getByRole('row', { name: /^My register Open / })).not.toContainText(other)
})
