import { readFileSync } from 'node:fs'
import { PacksView } from './pages/packs-view'
import { expect, test } from './support/fixtures'

test('writes the read-only AWS collector for a pack’s accounts from its Export tab', async ({ app }) => {
  const packs = new PacksView(app)
  await packs.open()
  await packs.create({ name: 'PCI DSS collector', units: ['Workloads/Production'] })
  const pane = await packs.tab('PK-0001', 'Export')
  const section = pane.getByRole('region', { name: 'AWS collector' })
  await expect(section).toContainText('SecurityAudit is enough')

  await section.getByLabel('AWS Regions').fill('eu-west-1 moon-1')
  await section.getByRole('button', { name: 'CloudShell script' }).click()
  await expect(section.getByRole('alert')).toContainText('AWS Region')

  await section.getByLabel('AWS Regions').fill('eu-west-1, us-east-1')
  await section.getByRole('button', { name: 'CloudShell script' }).click()
  const status = section.getByRole('status')
  await expect(status).toContainText(/Wrote .*collector PK-0001 .*\.sh/)
  const path = (await status.textContent())!.replace(/^Wrote /, '').trim()
  const script = readFileSync(path, 'utf8')
  expect(script).toContain("ACCOUNTS=('605183429774')")
  expect(script).toContain("REGIONS=('eu-west-1' 'us-east-1')")
})
