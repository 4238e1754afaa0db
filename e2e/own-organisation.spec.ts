import { spawnSync } from 'node:child_process'
import { readdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { EvidenceView } from './pages/evidence-view'
import { PacksView } from './pages/packs-view'
import { expect as baseExpect, test } from './support/fixtures'

// Each step refreshes the whole register (the tree, the dashboard): give it time on a busy machine.
const expect = baseExpect.configure({ timeout: 30_000 })

test.use({ seed: 'empty' })
// Starting the host on a busy machine and making the sample take time: the whole test, host included, gets it.
test.describe.configure({ timeout: 480_000 })

/**
 * The output of `aws organizations list-accounts` as AWS documents it (AWS CLI reference,
 * https://awscli.amazonaws.com/v2/documentation/api/latest/reference/organizations/list-accounts.html;
 * source: aws/aws-cli, awscli/examples/organizations/list-accounts.rst).
 */
const LIST_ACCOUNTS = resolve(__dirname, '../src/main/core/organisation/fixtures/list-accounts.json')
/** Security Hub findings as AWS documents them: every finding is for account 123456789012. */
const SECURITY_HUB_FINDINGS = resolve(__dirname, '../src/main/core/evidence/exports/fixtures/securityhub-findings.json')

test('from an empty register: the organisation, its accounts and people, a control for a gap, evidence tagged with an account, and a pack scoped to Production', async ({
  app,
  dataDir,
  pageErrors
}, testInfo) => {
  const shot = async (name: string): Promise<void> => {
    await app.screenshot({ path: testInfo.outputPath(`${name}.png`) })
  }

  // 1. The first run opens on the set-up: the organisation and its frameworks.
  await expect(app.getByRole('heading', { level: 1, name: 'Set up your organisation' })).toBeVisible()
  await app.getByLabel('Organisation name').fill('Northwind Health')
  const frameworks = app.getByRole('group', { name: 'Frameworks in scope' })
  await frameworks.getByRole('checkbox', { name: 'PCI DSS' }).click()
  await frameworks.getByRole('checkbox', { name: 'HIPAA Security Rule' }).click()
  await shot('1-organisation')
  await app.getByRole('button', { name: 'Next: AWS accounts' }).click()
  await expect(app.getByRole('heading', { name: 'AWS accounts', level: 2 })).toBeVisible()

  // 2. AWS accounts: one by hand (a wrong id is refused with what to do), the rest imported from AWS Organizations.
  await app.getByRole('button', { name: 'Add account' }).click()
  let dialog = app.getByRole('dialog', { name: 'Add an AWS account' })
  await dialog.getByLabel('Account id').fill('12345')
  await dialog.getByLabel('Account name').fill('Development')
  await dialog.getByRole('button', { name: 'Add account' }).click()
  await expect(dialog.getByRole('alert')).toContainText('12 digits')
  await dialog.getByLabel('Account id').fill('210987654321')
  await dialog.getByLabel('Environment').fill('Development')
  await dialog.getByLabel('Organizational unit').fill('Workloads')
  await dialog.getByLabel('Purpose').fill('Where new features are built')
  await dialog.getByRole('button', { name: 'Add account' }).click()
  await expect(dialog).toBeHidden()

  await app.getByRole('button', { name: 'Import from AWS Organizations…' }).click()
  dialog = app.getByRole('dialog', { name: 'Import from AWS Organizations' })
  await dialog.getByLabel('AWS Organizations listing').setInputFiles(LIST_ACCOUNTS)
  await expect(dialog.getByLabel('Listing (JSON)')).toHaveValue(/"Accounts"/)
  await dialog.getByRole('button', { name: 'Import' }).click()
  await expect(dialog.getByRole('status').filter({ hasText: 'Imported' })).toContainText('4 accounts added')
  await dialog.getByRole('button', { name: 'Close' }).click()
  const accounts = app.getByRole('table', { name: 'AWS accounts' })
  await expect(accounts.getByRole('row')).toHaveCount(6)
  await expect(accounts).toContainText('222222222222')
  // An imported account is given its environment and unit like any other.
  await accounts.getByRole('button', { name: 'Edit Production Account' }).click()
  dialog = app.getByRole('dialog', { name: 'Edit Production Account' })
  await dialog.getByLabel('Environment').fill('Production')
  await dialog.getByLabel('Organizational unit').fill('Cardholder data')
  await dialog.getByRole('button', { name: 'Save account' }).click()
  await expect(dialog).toBeHidden()
  await accounts.getByRole('button', { name: 'Retire Test Account' }).click()
  await expect(accounts.getByRole('row', { name: /Test Account Retired/ })).toBeVisible()
  await shot('2-accounts')
  await app.getByRole('button', { name: 'Next: People' }).click()

  // 3. Two people, then who "you" are.
  for (const [name, role, email] of [
    ['Dana Ruiz', 'Compliance officer', 'dana.ruiz@example.com'],
    ['Sam Okafor', 'Platform lead', 'sam.okafor@example.com']
  ] as const) {
    await app.getByRole('button', { name: 'Add person' }).click()
    dialog = app.getByRole('dialog', { name: 'Add a person' })
    await dialog.getByLabel('Name').fill(name)
    await dialog.getByLabel('Role').fill(role)
    await dialog.getByLabel('E-mail').fill(email)
    await dialog.getByRole('button', { name: 'Add person' }).click()
    await expect(dialog).toBeHidden()
  }
  await expect(app.getByRole('table', { name: 'People' }).getByRole('row')).toHaveCount(3)
  await shot('3-people')
  await app.getByRole('button', { name: 'Choose who you are' }).click()
  await app.getByRole('combobox', { name: 'You are' }).click()
  await app.getByRole('option', { name: 'Dana Ruiz (Compliance officer)' }).click()
  await app.getByRole('button', { name: 'Save organisation' }).click()
  await expect(app.getByRole('button', { name: 'Save organisation' })).toBeDisabled()
  await app.getByRole('button', { name: '3 People' }).click()
  await expect(app.getByRole('table', { name: 'People' }).getByRole('row', { name: /Dana Ruiz You/ })).toBeVisible()
  await app.getByRole('button', { name: 'Finish set-up' }).click()
  await expect(app.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible()
  await expect(app.getByText('Northwind Health').first()).toBeVisible()

  // 4. A control for a gap (a requirement not in place), made from its pane with its owner and status.
  await app.goto(`${new URL(app.url()).origin}/#/frameworks/pci/3.3.2`)
  const requirement = app.getByRole('complementary', { name: 'Requirement PCI DSS 3.3.2' })
  await expect(requirement.getByText('Not in place').first()).toBeVisible()
  await requirement.getByRole('button', { name: 'Create a control for this requirement' }).click()
  dialog = app.getByRole('dialog', { name: 'New control' })
  await expect(dialog.getByRole('group', { name: 'Requirements it meets' })).toContainText('PCI DSS 3.3.2')
  await dialog.getByLabel('Control id').fill('PAY-20')
  await dialog.getByLabel('Title').fill('Authorisation data encrypted until it is deleted')
  await dialog.getByLabel('Owner').fill('Sam Okafor')
  await dialog.getByRole('combobox', { name: 'Status' }).click()
  await app.getByRole('option', { name: 'In progress' }).click()
  await shot('4-new-control')
  await dialog.getByRole('button', { name: 'Create control' }).click()
  await expect(requirement.getByRole('link', { name: 'PAY-20' })).toBeVisible()
  await expect(requirement).toContainText('In progress')

  // 5. Evidence: an export naming an account the register does not list says so and offers to add it.
  const evidence = new EvidenceView(app)
  await evidence.open()
  await evidence.attach([SECURITY_HUB_FINDINGS])
  const unknown = app.locator('.toast').filter({ hasText: 'AWS account 123456789012 is not in the register' })
  await expect(unknown).toBeVisible()
  await unknown.getByRole('button', { name: 'Add account' }).click()
  dialog = app.getByRole('dialog', { name: 'Add an AWS account' })
  await expect(dialog.getByLabel('Account id')).toHaveValue('123456789012')
  await dialog.getByLabel('Account name').fill('Payments')
  await dialog.getByLabel('Environment').fill('Production')
  await dialog.getByLabel('Organizational unit').fill('Cardholder data')
  await dialog.getByRole('button', { name: 'Add account' }).click()
  await expect(dialog).toBeHidden()

  // A policy of our own, tagged with the production account and linked to the new control.
  const policy = join(dataDir, 'card-data-retention.txt')
  writeFileSync(policy, 'Issuer card data is kept only while the authorisation needs it.\n')
  await evidence.attach([policy])
  await evidence.row('EV-0002').click()
  const pane = evidence.pane('EV-0002')
  const accountsField = pane.getByRole('group', { name: 'AWS accounts' })
  await accountsField.getByRole('checkbox', { name: 'Production Account' }).click()
  await pane.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(pane).toContainText('Saved · version 2')
  await pane.getByRole('tab', { name: /Controls/ }).click()
  await pane.getByRole('button', { name: 'Link to a control' }).click()
  await app.getByPlaceholder('Find a control').fill('PAY-20')
  await app.getByRole('option', { name: /^PAY-20/ }).click()
  await expect(pane.getByRole('region', { name: 'Linked controls' })).toContainText('PAY-20')
  await shot('5-evidence')

  // 6. A PCI DSS pack scoped to the production unit, exported.
  const packs = new PacksView(app)
  await packs.open()
  await packs.create({ name: 'PCI DSS assessment', frameworks: ['PCI DSS'], units: ['Cardholder data'] })
  const exportTab = await packs.tab('PK-0001', 'Export')
  await exportTab.getByRole('button', { name: 'Export pack' }).click()
  // A register set up today has open items; the export asks once and says how many.
  const question = app.getByRole('alertdialog', { name: /^Export with \d+ open items?\?$/ })
  await question.getByRole('button', { name: 'Export anyway' }).click()
  await expect(exportTab.getByRole('status', { name: 'Export finished' })).toContainText(/Exported: \d+ pages/, {
    timeout: 120_000
  })
  await shot('6-pack')
  const pdf = readdirSync(join(dataDir, 'exports')).find((name) => name.endsWith('.pdf'))!
  const text = spawnSync('pdftotext', ['-layout', join(dataDir, 'exports', pdf), '-'], { encoding: 'utf8' }).stdout
  expect(text).toContain('Northwind Health')
  // The scope names both production accounts (the unit's), and the policy speaks for the one it was tagged with.
  expect(text).toMatch(/Scope\s+Payments \(123456789012\), Production Account \(222222222222\)/)
  expect(text).toContain('Accounts: Production Account (222222222222)')
  expect(text).toContain('PAY-20')
  expect(text).toContain('card-data-retention')
  expect(pageErrors).toEqual([])
})
