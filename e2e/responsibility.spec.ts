import { AppShell } from './pages/app-shell'
import { CONTROLS_SHOWN } from '../src/shared/schemas'
import { expect, test } from './support/fixtures'

const COLUMNS = ['AWS secures', 'Shared', 'You secure'] as const
/** Controls a column lists before "+N more". */
const LISTED = CONTROLS_SHOWN * 5

test('splits the controls into what AWS secures, what is shared and what you secure', async ({ app }) => {
  await new AppShell(app).goTo('Responsibility')
  const counts: number[] = []
  for (const heading of COLUMNS) {
    const column = app.getByRole('region', { name: new RegExp(`^${heading} \\(\\d+\\)$`) })
    await expect(column).toBeVisible()
    const count = Number(/\((\d+)\)$/.exec((await column.getAttribute('aria-label'))!)![1])
    // Sized to the screen: the first controls of a column, and how many more there are.
    await expect(column.getByRole('listitem')).toHaveCount(Math.min(count, LISTED))
    if (count > LISTED) await expect(column.getByText(`+${count - LISTED} more`)).toBeVisible()
    counts.push(count)
  }
  expect(counts.every((count) => count > 0)).toBe(true)

  const total = counts.reduce((sum, count) => sum + count, 0)
  await new AppShell(app).goTo('Register')
  await expect(app.getByText(`${total} of ${total} controls`)).toBeVisible()
})

test('shows the split per framework, and an inherited control opens in the register', async ({ app }) => {
  await new AppShell(app).goTo('Responsibility')
  const counts = app.getByRole('table', { name: 'Controls per framework and responsibility' })
  await expect(counts.getByRole('row')).toHaveCount(4)
  const hipaaRow = counts.getByRole('row', { name: /^HIPAA Security Rule/ })
  const awsForHipaa = Number(await hipaaRow.getByRole('cell').nth(0).textContent())

  await app.getByRole('radio', { name: 'HIPAA' }).click()
  const aws = app.getByRole('region', { name: /^AWS secures/ })
  await expect(aws).toHaveAttribute('aria-label', `AWS secures (${awsForHipaa})`)
  const first = aws.getByRole('link').first()
  const id = (await first.textContent())!
  await first.click()
  await expect(app.getByRole('complementary', { name: `Control ${id}` })).toBeVisible()
  await expect(
    app
      .getByRole('complementary', { name: `Control ${id}` })
      .getByText('AWS-inherited')
      .first()
  ).toBeVisible()
})
