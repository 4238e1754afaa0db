import { RegisterView } from './pages/register-view'
import { expect as baseExpect, test } from './support/fixtures'

// Each test starts its own web host and browser, and the Frameworks page draws hundreds of rows: allow for a busy
// machine.
test.describe.configure({ timeout: 180_000 })
const expect = baseExpect.configure({ timeout: 30_000 })

const NOTE = 'Reviewed with the platform team; rotation evidence due in March.'

test('switching rows with unsaved notes asks first, and keeps them when asked to', async ({ app }) => {
  const register = new RegisterView(app)
  await register.open()
  await register.row('IAM-01').click()
  const pane = app.getByRole('complementary', { name: 'Control IAM-01' })
  await pane.getByLabel('Notes').fill(NOTE)

  await register.row('IAM-02').click()
  const question = app.getByRole('alertdialog', { name: 'Discard changes?' })
  await expect(question).toBeVisible()
  await question.getByRole('button', { name: 'Keep editing' }).click()
  await expect(question).toBeHidden()
  await expect(app).toHaveURL(/#\/register\/IAM-01$/)
  await expect(pane.getByLabel('Notes')).toHaveValue(NOTE)

  // Closing the pane (button or Esc) asks too.
  await pane.getByRole('button', { name: 'Close details' }).click()
  await question.getByRole('button', { name: 'Keep editing' }).click()
  await expect(pane).toBeVisible()
  await pane.getByRole('heading', { level: 2 }).click()
  await app.keyboard.press('Escape')
  await expect(question).toBeVisible()
  await question.getByRole('button', { name: 'Keep editing' }).click()
  await expect(pane.getByLabel('Notes')).toHaveValue(NOTE)

  await register.row('IAM-02').click()
  await question.getByRole('button', { name: 'Discard changes' }).click()
  await expect(app.getByRole('complementary', { name: 'Control IAM-02' })).toBeVisible()
  await register.row('IAM-01').click()
  await expect(pane.getByLabel('Notes')).not.toHaveValue(NOTE)
})

test('unsaved edits survive a look at another tab of the pane', async ({ app }) => {
  const register = new RegisterView(app)
  await register.open()
  await register.row('IAM-01').click()
  const pane = app.getByRole('complementary', { name: 'Control IAM-01' })
  await pane.getByLabel('Notes').fill(NOTE)
  await pane.getByRole('tab', { name: 'History' }).click()
  await expect(pane.getByLabel('Notes')).toBeHidden()
  await pane.getByRole('tab', { name: 'Overview' }).click()
  await expect(pane.getByLabel('Notes')).toHaveValue(NOTE)
  await expect(pane.getByText('Unsaved changes')).toBeVisible()

  // Still unsaved while another tab shows: leaving asks first.
  await pane.getByRole('tab', { name: /^Mappings/ }).click()
  await register.row('IAM-02').click()
  await expect(app.getByRole('alertdialog', { name: 'Discard changes?' })).toBeVisible()
})

test('saved edits leave without a question', async ({ app }) => {
  const register = new RegisterView(app)
  await register.open()
  await register.row('IAM-01').click()
  const pane = app.getByRole('complementary', { name: 'Control IAM-01' })
  await pane.getByLabel('Notes').fill(NOTE)
  await pane.getByRole('button', { name: 'Save' }).click()
  await expect(pane.getByText('Unsaved changes')).toBeHidden()
  await register.row('IAM-02').click()
  await expect(app.getByRole('complementary', { name: 'Control IAM-02' })).toBeVisible()
  await expect(app.getByRole('alertdialog')).toHaveCount(0)
})

test('Esc in a select closes only the select; closing a dialog with typing asks first', async ({ app }) => {
  const register = new RegisterView(app)
  await register.open()
  await app.getByRole('button', { name: 'New control' }).click()
  const dialog = app.getByRole('dialog', { name: 'New control' })
  await dialog.getByLabel('Control id').fill('APP-20')
  await dialog.getByRole('combobox', { name: 'Responsibility' }).click()
  await expect(app.getByRole('listbox')).toBeVisible()
  await app.keyboard.press('Escape')
  await expect(app.getByRole('listbox')).toBeHidden()
  await expect(dialog).toBeVisible()
  await expect(dialog.getByLabel('Control id')).toHaveValue('APP-20')

  await app.keyboard.press('Escape')
  const question = app.getByRole('alertdialog', { name: 'Discard changes?' })
  await expect(question).toBeVisible()
  await question.getByRole('button', { name: 'Keep editing' }).click()
  await expect(dialog.getByLabel('Control id')).toHaveValue('APP-20')
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await question.getByRole('button', { name: 'Discard changes' }).click()
  await expect(dialog).toBeHidden()
})

test('focus moves into a pane when it opens, and to a new control after creating it', async ({ app }) => {
  const register = new RegisterView(app)
  await register.open()
  await register.row('IAM-01').click()
  const pane = app.getByRole('complementary', { name: 'Control IAM-01' })
  await expect(pane.getByRole('heading', { level: 2 })).toBeFocused()

  await app.getByRole('button', { name: 'New control' }).click()
  const dialog = app.getByRole('dialog', { name: 'New control' })
  await dialog.getByLabel('Control id').fill('APP-20')
  await dialog.getByLabel('Title').fill('Release approvals recorded')
  await app.keyboard.press('Enter')
  const created = app.getByRole('complementary', { name: 'Control APP-20' })
  await expect(created).toBeVisible()
  await expect(created.getByRole('heading', { level: 2, name: 'Release approvals recorded' })).toBeFocused()
  await expect(app.getByRole('button', { name: 'New control' })).not.toBeFocused()
})

test('after Ctrl+K, focus lands on the requirement opened', async ({ app }) => {
  await app.keyboard.press('Control+k')
  const palette = app.getByRole('dialog', { name: 'Go to anything' })
  await palette.getByRole('combobox').fill('3.3.3')
  await expect(palette.getByRole('option').first()).toHaveAttribute('aria-selected', 'true')
  await app.keyboard.press('Enter')
  const pane = app.getByRole('complementary', { name: 'Requirement PCI DSS 3.3.3' })
  await expect(pane.getByRole('heading', { level: 2 })).toBeFocused()
})
