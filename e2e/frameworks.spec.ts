import { AppShell } from './pages/app-shell'
import { expect, test } from './support/fixtures'

test.beforeEach(async ({ app }) => {
  await new AppShell(app).goTo('Frameworks')
})

test('shows each framework as a requirement tree with mapped controls and results', async ({ app }) => {
  const tree = app.getByRole('table', { name: 'HIPAA requirements' })
  await expect(tree.getByRole('row', { name: /^164\.308\s*Administrative safeguards/ })).toBeVisible()
  const riskAnalysis = tree.getByRole('row', { name: /^164\.308\(a\)\(1\)\(ii\)\(A\)\s*Risk Analysis/ })
  await expect(riskAnalysis).toBeVisible()
  await expect(riskAnalysis.getByRole('link').first()).toHaveText(/^[A-Z]+-\d+$/)

  await app.getByRole('link', { name: 'PCI DSS', exact: true }).click()
  const pci = app.getByRole('table', { name: 'PCI requirements' })
  await expect(pci.getByRole('row', { name: /^8\.4\.2\s*\S/ })).toBeVisible()
  await expect(app.getByText(/351 requirements · \d+ in place · \d+ not in place · \d+ not tested/)).toBeVisible()
  // PCI DSS 9.2 is met by PHY-04, which the sample organisation has in progress: not in place, and why.
  const physical = pci.getByRole('row', { name: /^9\.2\s*\S/ }).first()
  await expect(physical).toContainText('Not in place')
  await physical.getByRole('cell').first().click()
  const pane = app.getByRole('complementary', { name: 'Requirement PCI DSS 9.2' })
  await expect(pane.getByRole('region', { name: 'Result' })).toContainText('PHY-04 is in progress.')
})

test('collapses and expands branches of the tree', async ({ app }) => {
  const tree = app.getByRole('table', { name: 'HIPAA requirements' })
  const spec = tree.getByRole('row', { name: /^164\.312\(a\)\(2\)\(iv\)\s*\S/ })
  await expect(spec).toBeVisible()
  await tree.getByRole('button', { name: 'Collapse 164.312', exact: true }).click()
  await expect(spec).toHaveCount(0)
  await tree.getByRole('button', { name: 'Expand 164.312', exact: true }).click()
  await expect(spec).toBeVisible()
})

test('filters to what is not in place, and a requirement can be marked not applicable with a reason', async ({
  app
}) => {
  await app.getByRole('link', { name: 'GDPR', exact: true }).click()
  await app.getByRole('radio', { name: 'Not in place' }).click()
  const tree = app.getByRole('table', { name: 'GDPR requirements' })
  const gapRows = tree.locator('tbody tr[data-kind="article"]')
  const gaps = await gapRows.count()
  expect(gaps).toBeGreaterThan(0)
  const summary = app.getByText(
    /45 requirements · \d+ in place · \d+ not in place · \d+ not tested · (\d+) not applicable/
  )
  const before = Number(/(\d+) not applicable/.exec((await summary.textContent())!)![1])

  const first = gapRows.first()
  const ref = (await first.locator('.mono').first().textContent())!
  await first.getByRole('cell').first().click()
  const pane = app.getByRole('complementary', { name: `Requirement GDPR ${ref}` })
  await pane.getByRole('button', { name: 'Mark not applicable…' }).click()
  const dialog = app.getByRole('dialog', { name: `Mark ${ref} not applicable` })
  await expect(dialog.getByRole('button', { name: 'Mark not applicable' })).toBeDisabled()
  await dialog.getByLabel('Reason').fill('Handled by the group DPO under a separate register.')
  await dialog.getByRole('button', { name: 'Mark not applicable' }).click()

  await expect(pane.getByText('Handled by the group DPO under a separate register.').first()).toBeVisible()
  await expect(summary).toContainText(`${before + 1} not applicable`)
  await expect(gapRows).toHaveCount(gaps - 1)
  // A change of state asks once before it is made.
  await pane.getByRole('button', { name: 'Mark applicable' }).click()
  const confirm = app.getByRole('alertdialog', { name: `Mark ${ref} applicable?` })
  await expect(confirm).toBeVisible()
  await expect(summary).toContainText(`${before + 1} not applicable`)
  await confirm.getByRole('button', { name: 'Mark applicable' }).click()
  await expect(summary).toContainText(`${before} not applicable`)
})

test('maps a control from the requirement and links through to it', async ({ app }) => {
  await app.getByRole('textbox', { name: 'Find a requirement' }).fill('164.316(b)(2)(i)')
  const tree = app.getByRole('table', { name: 'HIPAA requirements' })
  await tree.getByRole('row', { name: /^164\.316\(b\)\(2\)\(i\)\s*\S/ }).click()
  const pane = app.getByRole('complementary', { name: 'Requirement HIPAA 164.316(b)(2)(i)' })
  const before = await pane.getByRole('listitem').count()
  await pane.getByRole('button', { name: 'Map a control' }).click()
  await app.getByPlaceholder('Find a control').fill('PHY-01')
  await app.getByRole('option', { name: /^PHY-01/ }).click()
  await expect(pane.getByRole('listitem')).toHaveCount(before + 1)
  await pane.getByRole('link', { name: 'PHY-01' }).click()
  await expect(app.getByRole('complementary', { name: 'Control PHY-01' })).toBeVisible()
})

test('records the decision for a HIPAA addressable specification, and the result follows it', async ({ app }) => {
  await app.getByRole('textbox', { name: 'Find a requirement' }).fill('164.312(a)(2)(iv)')
  const tree = app.getByRole('table', { name: 'HIPAA requirements' })
  await tree
    .getByRole('row', { name: /^164\.312\(a\)\(2\)\(iv\)\s*\S/ })
    .getByRole('cell')
    .first()
    .click()
  const pane = app.getByRole('complementary', { name: 'Requirement HIPAA 164.312(a)(2)(iv)' })
  const decision = pane.getByRole('region', { name: 'Addressable specification decision' })
  await expect(decision).toContainText('No decision recorded')
  await decision.getByRole('button', { name: 'Record decision…' }).click()
  const dialog = app.getByRole('dialog', { name: 'Decision for 164.312(a)(2)(iv)' })
  await expect(dialog.getByRole('button', { name: 'Record decision' })).toBeDisabled()
  await dialog.getByRole('radio', { name: 'Not reasonable and appropriate' }).click()
  await dialog.getByLabel('Rationale').fill('No ePHI is stored: the plan administrator holds it.')
  await dialog.getByRole('button', { name: 'Record decision' }).click()
  await expect(decision).toContainText(
    'Not reasonable and appropriate. No ePHI is stored: the plan administrator holds it.'
  )
  await expect(pane.getByRole('region', { name: 'Result' })).toContainText('Not applicable')
  await new AppShell(app).goTo('Audit log')
  await expect(app.getByText('Decided HIPAA 164.312(a)(2)(iv): not reasonable and appropriate')).toBeVisible()
})
