import { AppShell } from './pages/app-shell'
import { expect, test } from './support/fixtures'

test.beforeEach(async ({ app }) => {
  await new AppShell(app).goTo('Frameworks')
})

test('shows each framework as a requirement tree with mapped controls and results', async ({ app }) => {
  const tree = app.getByRole('tree', { name: 'HIPAA requirements' })
  await expect(tree.getByRole('treeitem', { name: /^164\.308\s*Administrative safeguards/ })).toBeVisible()
  const riskAnalysis = tree.getByRole('treeitem', { name: /^164\.308\(a\)\(1\)\(ii\)\(A\)\s*Risk Analysis/ })
  await expect(riskAnalysis).toBeVisible()
  await expect(riskAnalysis.getByRole('link').first()).toHaveText(/^[A-Z]+-\d+$/)

  await app.getByRole('link', { name: 'PCI DSS', exact: true }).click()
  const pci = app.getByRole('tree', { name: 'PCI DSS requirements' })
  // Virtualised: a requirement further down is found by its reference.
  const find = app.getByRole('textbox', { name: 'Find a requirement' })
  await find.fill('8.4.2')
  await expect(pci.getByRole('treeitem', { name: /^8\.4\.2\s*\S/ })).toBeVisible()
  await expect(app.getByText(/351 requirements · \d+ in place · \d+ not in place · \d+ not tested/)).toBeVisible()
  // PCI DSS 9.2 is met by PHY-04, which the sample organisation has in progress: not in place, and why.
  await find.fill('9.2')
  const physical = pci.getByRole('treeitem', { name: /^9\.2\s*\S/ }).first()
  await expect(physical).toContainText('Not in place')
  // A row is opened by its requirement (its control chips link to the register).
  await physical.locator('.tree-cell-requirement').click()
  const pane = app.getByRole('complementary', { name: 'Requirement PCI DSS 9.2' })
  await expect(pane.getByRole('region', { name: 'Result' })).toContainText('PHY-04 is in progress.')
})

test('collapses and expands branches of the tree', async ({ app }) => {
  const tree = app.getByRole('tree', { name: 'HIPAA requirements' })
  await tree.focus()
  await app.keyboard.type('164.312(a)(2)(iv)')
  const spec = tree.getByRole('treeitem', { name: /^164\.312\(a\)\(2\)\(iv\)\s*\S/ })
  await expect(spec).toBeVisible()
  const branch = tree.getByRole('treeitem', { name: /^164\.312\s*Technical safeguards/ })
  await branch.locator('[data-toggle]').click()
  await expect(branch).toHaveAttribute('aria-expanded', 'false')
  await expect(spec).toHaveCount(0)
  await branch.locator('[data-toggle]').click()
  await expect(branch).toHaveAttribute('aria-expanded', 'true')
  await app.keyboard.type('164.312(a)(2)(iv)')
  await expect(spec).toBeVisible()
})

test('filters to what is not in place, and a requirement can be marked not applicable with a reason', async ({
  app
}) => {
  await app.getByRole('link', { name: 'GDPR', exact: true }).click()
  await app.getByRole('radio', { name: 'Not in place' }).click()
  const tree = app.getByRole('tree', { name: 'GDPR requirements' })
  const gapRows = tree.locator('[role="treeitem"][data-kind="article"]')
  const gaps = await gapRows.count()
  expect(gaps).toBeGreaterThan(0)
  const summary = app.getByText(
    /45 requirements · \d+ in place · \d+ not in place · \d+ not tested · (\d+) not applicable/
  )
  const before = Number(/(\d+) not applicable/.exec((await summary.textContent())!)![1])

  const first = gapRows.first()
  const ref = (await first.locator('.mono').first().textContent())!
  await first.locator('.tree-cell-requirement').click()
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
  const tree = app.getByRole('tree', { name: 'HIPAA requirements' })
  await tree
    .getByRole('treeitem', { name: /^164\.316\(b\)\(2\)\(i\)\s*\S/ })
    .locator('.tree-cell-requirement')
    .click()
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
  const tree = app.getByRole('tree', { name: 'HIPAA requirements' })
  await tree
    .getByRole('treeitem', { name: /^164\.312\(a\)\(2\)\(iv\)\s*\S/ })
    .locator('.tree-cell-requirement')
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

test('the tree is one Tab stop, walked with the arrow keys, and a requirement is marked not applicable in under ten keys', async ({
  app
}) => {
  const tree = app.getByRole('tree', { name: 'HIPAA requirements' })
  await expect(tree).toBeFocused()
  // Only the roles' own states on the rows, and no Tab stop inside the tree.
  await expect(tree.locator('[role="treeitem"][tabindex], [role="treeitem"] [tabindex="0"]')).toHaveCount(0)
  await expect(tree.locator('[role="treeitem"] a:not([tabindex="-1"])')).toHaveCount(0)

  const active = async (): Promise<string | null> => {
    const id = await tree.getAttribute('aria-activedescendant')
    return id === null ? null : app.locator(`[id="${id}"]`).getAttribute('data-ref')
  }
  expect(await active()).toBe('164.308')
  await app.keyboard.press('ArrowDown')
  expect(await active()).toBe('164.308(a)(1)')
  // Left closes an open branch, then goes to the parent; Right opens it again.
  const standard = tree.getByRole('treeitem', { name: /^164\.308\(a\)\(1\)\s/ })
  await app.keyboard.press('ArrowLeft')
  await expect(standard).toHaveAttribute('aria-expanded', 'false')
  await app.keyboard.press('ArrowRight')
  await expect(standard).toHaveAttribute('aria-expanded', 'true')
  await app.keyboard.press('ArrowRight')
  expect(await active()).toBe('164.308(a)(1)(ii)(A)')
  await app.keyboard.press('ArrowLeft')
  expect(await active()).toBe('164.308(a)(1)')
  await app.keyboard.press('ArrowLeft')
  await app.keyboard.press('ArrowLeft')
  expect(await active()).toBe('164.308')
  await app.keyboard.press('ArrowLeft')
  await expect(tree.getByRole('treeitem', { name: /^164\.308\s/ })).toHaveAttribute('aria-expanded', 'false')
  await expect(tree.getByRole('treeitem', { name: /^164\.308\(a\)\(1\)\s/ })).toHaveCount(0)
  await app.keyboard.press('ArrowRight')
  await expect(tree.getByRole('treeitem', { name: /^164\.308\s/ })).toHaveAttribute('aria-expanded', 'true')
  await app.keyboard.press('End')
  expect(await active()).not.toBe('164.308')
  await app.keyboard.press('Home')
  expect(await active()).toBe('164.308')
  // Tab leaves the tree for what follows it, whatever row is active.
  await app.keyboard.press('Tab')
  await expect(tree).not.toBeFocused()

  // Keyboard only, from the sidebar to "Mark not applicable…" for a requirement of PCI DSS.
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard', exact: true }).click()
  await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Frameworks', exact: true }).focus()
  // Enter opens Frameworks with the tree focused; Down to the first requirement, Enter opens it and
  // takes focus into its pane; past the pane's Close button is the scoping action.
  const presses = ['Enter', 'ArrowDown', 'Enter', 'Tab', 'Tab']
  for (const key of presses) await app.keyboard.press(key)
  const mark = app.getByRole('button', { name: 'Mark not applicable…' })
  await expect(mark).toBeFocused()
  expect(presses.length).toBeLessThan(10)
  await app.keyboard.press('Enter')
  await expect(app.getByRole('dialog', { name: /^Mark .+ not applicable$/ })).toBeVisible()
})
