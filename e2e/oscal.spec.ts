import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { oscalErrors } from '../src/main/core/oscal/testing/oscal-validators'
import { AppShell } from './pages/app-shell'
import { expect, test } from './support/fixtures'

// NIST's example catalog (usnistgov/oscal-content, examples/catalog/json/basic-catalog.json).
const CATALOG = join(__dirname, '../src/main/core/oscal/fixtures/basic-catalog.json')

// Each test reads what the app wrote (schema checks of whole plans): more time than a screen-only spec.
test.describe.configure({ timeout: 180_000 })

test.beforeEach(async ({ app }) => {
  await new AppShell(app).goTo('Frameworks')
})

test("exports the framework shown as an OSCAL system security plan into the data folder's exports", async ({
  app,
  dataDir
}) => {
  await app.getByRole('link', { name: 'PCI DSS', exact: true }).click()
  await app.getByRole('button', { name: 'Export OSCAL' }).click()
  await app.getByRole('menuitem', { name: 'PCI DSS system security plan' }).click()
  await expect(app.getByText('PCI DSS system security plan exported', { exact: true })).toBeVisible()
  await expect(app.getByText(/\d+ requirements, \d+ with what AWS secures, \d+ shared\./).first()).toBeVisible()

  const exports = join(dataDir, 'exports')
  const plans = readdirSync(exports).filter((name) => name.includes('system security plan'))
  expect(plans).toHaveLength(1)
  expect(oscalErrors('system-security-plan', JSON.parse(readFileSync(join(exports, plans[0]!), 'utf8')))).toEqual([])
  expect(readdirSync(exports)).toEqual(
    expect.arrayContaining(['evidence-desk-pci-catalog.json', 'evidence-desk-pci-profile.json'])
  )

  await app.getByRole('button', { name: 'Export OSCAL' }).click()
  await app.getByRole('menuitem', { name: 'Control library (component definition)' }).click()
  await expect(app.getByText('Control library exported as a component definition', { exact: true })).toBeVisible()
  const library = readdirSync(exports).filter((name) => name.includes('component definition'))
  expect(library).toHaveLength(1)
})

test('imports an OSCAL catalog as a further framework with its requirement tree', async ({ app }) => {
  await app.getByLabel('OSCAL catalog').setInputFiles([CATALOG])
  await expect(app.getByText('Imported Sample Security Catalog', { exact: true })).toBeVisible()
  const tab = app.getByRole('link', { name: 'Sample Security Catalog', exact: true })
  await expect(tab).toBeVisible()
  const tree = app.getByRole('tree', { name: 'Sample Security Catalog requirements' })
  await expect(
    tree.getByRole('treeitem', { name: /^s1\.1\.1\s*Information security roles and responsibilities/ })
  ).toBeVisible()
  await expect(app.getByText(/^4 requirements · 0 in place · 4 not in place/)).toBeVisible()
})

test('refuses a file that is not an OSCAL catalog and says why', async ({ app, dataDir }) => {
  const path = join(dataDir, 'not-a-catalog.json')
  writeFileSync(path, JSON.stringify({ catalog: { uuid: 'x' } }))
  await app.getByLabel('OSCAL catalog').setInputFiles([path])
  await expect(app.getByText('Catalog not imported', { exact: true })).toBeVisible()
  await expect(app.getByText(/not a valid OSCAL 1\.1 catalog/).first()).toBeVisible()
})
