import { RegisterView } from './pages/register-view'
import { expect as baseExpect, test } from './support/fixtures'

// Each test starts its own web host and browser: allow for a busy machine.
test.describe.configure({ timeout: 180_000 })
const expect = baseExpect.configure({ timeout: 30_000 })

test.describe('at 1024x700', () => {
  test.use({ viewport: { width: 1024, height: 700 } })

  test('a control open beside the register keeps the key columns in view; the pane resizes and columns hide', async ({
    app
  }) => {
    const register = new RegisterView(app)
    await register.open()
    // The table draws only the rows in view: bring IAM-01 into it first.
    await register.search('IAM')
    await register.row('IAM-01').click()
    const pane = app.getByRole('complementary', { name: 'Control IAM-01' })
    await expect(pane).toBeVisible()
    // Column headers are their sort buttons.
    for (const column of ['ID', 'Title', 'Responsibility', 'Status']) {
      await expect(register.table.getByRole('button', { name: column, exact: true })).toBeInViewport({ ratio: 0.9 })
    }
    await expect(pane.getByLabel('Title')).toBeInViewport()

    // The handle on the pane's edge, from the keyboard: wider with the left arrow (at 1024 px it starts narrowest).
    const handle = app.getByRole('separator', { name: 'Resize the details pane' })
    const before = (await pane.boundingBox())!.width
    await handle.focus()
    await app.keyboard.press('ArrowLeft')
    await app.keyboard.press('ArrowLeft')
    await expect.poll(async () => (await pane.boundingBox())!.width).toBeGreaterThan(before + 40)
    // The handle tells its value: the pane's width (the box adds the 1 px border).
    const value = Number(await handle.getAttribute('aria-valuenow'))
    expect(Math.abs(value - (await pane.boundingBox())!.width)).toBeLessThanOrEqual(2)

    // Hidden columns stay hidden after a reload.
    await app.getByRole('button', { name: 'Columns of Controls' }).click()
    await app.getByRole('menuitemcheckbox', { name: 'Responsibility' }).click()
    await app.keyboard.press('Escape')
    await expect(register.table.getByRole('button', { name: 'Responsibility', exact: true })).toHaveCount(0)
    await app.reload()
    await expect(register.rows.first()).toBeVisible()
    await expect(register.table.getByRole('button', { name: 'Responsibility', exact: true })).toHaveCount(0)
    await expect(register.table.getByRole('button', { name: 'Status', exact: true })).toBeVisible()
  })
})
