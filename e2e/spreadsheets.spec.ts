import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { inspectXlsx } from '../src/main/core/spreadsheets/testing/other-tools'
import { RegisterView } from './pages/register-view'
import { violations } from './support/axe'
import { expect, test } from './support/fixtures'

const files = mkdtempSync(join(tmpdir(), 'evidence-desk-e2e-sheets-'))

/** A control list from another tool: one control changed, one new. */
function controlList(name: string, status = 'Implemented'): string {
  const path = join(files, name)
  writeFileSync(
    path,
    '\ufeffControl ID;Control Name;Control Owner;Implementation Status;Responsible Party;PCI DSS Requirements\r\n' +
      'IAM-01;Workforce identity and MFA;Priya Natarajan;Implemented;Customer;\r\n' +
      `ACME-01;Badge access to the office;Facilities;${status};Customer;9.2.1\r\n`
  )
  return path
}

/** Drops a file on the window as the system would, through a file input's real File. */
async function dropOnWindow(app: Page, path: string): Promise<void> {
  const input = await app.evaluateHandle(() => {
    const element = document.createElement('input')
    element.type = 'file'
    element.hidden = true
    document.body.append(element)
    return element
  })
  await input.asElement()!.setInputFiles([path])
  await app.evaluate((element) => {
    const transfer = new DataTransfer()
    for (const file of (element as HTMLInputElement).files ?? []) transfer.items.add(file)
    element.remove()
    document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }))
  }, input)
}

test('exports the whole register as an Excel workbook into the exports folder', async ({ app, dataDir }) => {
  const register = new RegisterView(app)
  await register.open()
  await app.getByRole('button', { name: 'Export' }).click()
  await app.getByRole('menuitem', { name: 'Excel workbook (.xlsx)' }).click()
  // Written into the data folder's exports/ (the toast that says so lasts a few seconds).
  const exports = join(dataDir, 'exports')
  await expect
    .poll(() => (existsSync(exports) ? readdirSync(exports).filter((name) => name.endsWith('.xlsx')) : []), {
      timeout: 120_000
    })
    .toEqual([expect.stringMatching(/^Register of controls \d{4}-\d{2}-\d{2}\.xlsx$/)])
  const path = join(
    exports,
    readdirSync(exports).find((name) => name.endsWith('.xlsx'))!
  )
  const [sheet] = inspectXlsx(path)
  expect(sheet!.rows.length - 1).toBe(await register.shownCount())
})

/** The Register's import wizard with the control list of one new and one changed control, previewed. */
async function previewControlList(app: Page) {
  const register = new RegisterView(app)
  await register.open()
  await app.getByRole('button', { name: 'Import…' }).click()
  const wizard = app.getByRole('dialog', { name: 'Import controls' })
  await wizard.getByLabel('Control list').setInputFiles([controlList('controls.csv')])
  const preview = wizard.getByRole('status', { name: 'Import preview' })
  await expect(preview).toContainText('1 to create', { timeout: 60_000 })
  return { register, wizard, preview }
}

test('imports a control list from the wizard: the columns guessed, the changes previewed, then applied', async ({
  app
}) => {
  const { register, wizard, preview } = await previewControlList(app)
  await expect(preview).toContainText('1 to update')
  await expect(wizard.getByRole('combobox', { name: 'Field for Control Owner' })).toHaveText('Owner')
  await expect(wizard.getByRole('table').filter({ hasText: 'Before' })).toContainText('Priya Natarajan')
  // Leaving the owner out: IAM-01 no longer changes.
  await wizard.getByRole('combobox', { name: 'Field for Control Owner' }).click()
  await app.getByRole('option', { name: 'Not imported' }).click()
  await expect(preview).toContainText('0 to update')
  await wizard.getByRole('button', { name: 'Apply 1 change' }).click()
  // The wizard closes and the new control is in the register.
  await expect(wizard).toHaveCount(0, { timeout: 60_000 })
  await expect(register.row('ACME-01')).toBeVisible()
})

test('a spreadsheet dropped on the Register asks whether to import it; errors are shown by row and column', async ({
  app
}) => {
  const register = new RegisterView(app)
  await register.open()
  await dropOnWindow(app, controlList('with-error.csv', 'Sort of done'))
  const question = app.getByRole('alertdialog', { name: 'Import controls or attach as evidence?' })
  await expect(question).toBeVisible()
  await question.getByRole('button', { name: 'Import controls…' }).click()
  const wizard = app.getByRole('dialog', { name: 'Import controls' })
  const errors = wizard.getByRole('table').filter({ hasText: 'What is wrong' })
  await expect(errors).toContainText('"Sort of done" is not a status', { timeout: 60_000 })
  await expect(errors.getByRole('row').nth(1)).toContainText('3')
  await expect(errors).toContainText('Implementation Status')
  await expect(wizard.getByRole('button', { name: 'Correct the errors to apply' })).toBeDisabled()
})

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`in ${scheme} mode`, () => {
    test.use({ colorScheme: scheme })
    test(`the import wizard, its preview and its row errors pass the WCAG 2.1 A and AA rules (${scheme})`, async ({
      app
    }) => {
      const { wizard } = await previewControlList(app)
      expect(await violations(app), 'preview').toEqual([])
      await wizard.getByLabel('Control list').setInputFiles([controlList('with-error.csv', 'Sort of done')])
      await expect(wizard.getByRole('table', { name: 'Rows with errors' })).toContainText('Sort of done', {
        timeout: 60_000
      })
      expect(await violations(app), 'errors').toEqual([])
    })
  })
}
