import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { EvidenceView } from './pages/evidence-view'
import { PacksView } from './pages/packs-view'
import { expect, test } from './support/fixtures'

const YEAR = new Date().getUTCFullYear()

test('starts with an empty state that explains packs, and creates one scoped to production', async ({ app }) => {
  const packs = new PacksView(app)
  await packs.open()
  await expect(app.getByRole('heading', { name: 'No packs yet' })).toBeVisible()
  await packs.create({
    name: `PCI DSS assessment ${YEAR}`,
    auditor: 'Example QSA LLC',
    units: ['Workloads/Production']
  })

  await expect(app).toHaveURL(/#\/packs\/PK-0001$/)
  await expect(packs.rows).toHaveCount(1)
  await expect(packs.row('PK-0001')).toContainText('Production (605183429774)')
  await expect(packs.row('PK-0001')).toContainText('Not exported')

  const pane = packs.pane('PK-0001')
  const summary = pane.getByRole('status').filter({ hasText: 'go into this pack' })
  await expect(summary).toContainText(/\d+ controls and \d+ evidence files go into this pack/)
  const stale = pane.getByRole('region', { name: 'Controls without evidence in force' })
  await expect(stale.getByRole('listitem').first()).toBeVisible()
  const expiring = pane.getByRole('region', { name: 'Evidence expiring before the audit ends' })
  await expect(expiring).toBeVisible()

  // Each gap links to where it is fixed.
  const firstStale = stale.getByRole('link').first()
  const control = (await firstStale.textContent())!.trim()
  await firstStale.click()
  await expect(app).toHaveURL(new RegExp(`#/register/${control}$`))
  await expect(app.getByRole('complementary', { name: `Control ${control}` })).toBeVisible()
})

test('takes a control out with a reason, edits the definition and keeps the history', async ({ app }) => {
  const packs = new PacksView(app)
  await packs.open()
  await packs.create({ name: `PCI DSS assessment ${YEAR}` })
  const pane = await packs.tab('PK-0001', 'Controls')
  const inPack = pane.getByRole('list', { name: 'Controls in the pack' })
  await expect(inPack.getByRole('listitem').first()).toBeVisible()
  // Only the rows in view are drawn: the heading counts the pack's controls.
  const heading = pane.getByRole('heading', { name: /^In the pack \(\d+\)$/ })
  const count = async (): Promise<number> => Number(/\((\d+)\)/.exec((await heading.textContent())!)![1])
  const before = await count()
  expect(before).toBeGreaterThan(5)
  const first = (await inPack.getByRole('listitem').first().getByRole('link').textContent())!.trim()

  await pane.getByRole('button', { name: `Take ${first} out of the pack` }).click()
  const dialog = app.getByRole('dialog', { name: `Take ${first} out of the pack` })
  await dialog.getByRole('button', { name: 'Take out' }).click()
  await expect(dialog.getByRole('alert')).toContainText('Say why')
  await dialog.getByLabel('Reason').fill('Handled by the payment processor under its own AOC')
  await dialog.getByRole('button', { name: 'Take out' }).click()
  await expect(dialog).toBeHidden()
  const takenOut = pane.getByRole('region', { name: 'Taken out of the pack' })
  await expect(takenOut).toContainText(first)
  await expect(takenOut).toContainText('Handled by the payment processor')
  await expect(heading).toHaveText(`In the pack (${before - 1})`)
  await expect(inPack).not.toContainText(first)

  await packs.tab('PK-0001', 'Definition')
  await pane.getByLabel('Auditor').fill('Example QSA LLC')
  await expect(pane.getByText('Unsaved changes')).toBeVisible()
  await app.keyboard.press('Control+s')
  await expect(pane.getByText('Saved · version 2')).toBeVisible()

  await packs.tab('PK-0001', 'History')
  const history = pane.getByRole('list', { name: 'History of PK-0001' })
  await expect(history).toContainText(`Took ${first} out of pack PK-0001`)
  await expect(history).toContainText('Updated pack PK-0001: auditor')

  // Putting the control back undoes taking it out.
  await packs.tab('PK-0001', 'Controls')
  await takenOut.getByRole('button', { name: `Put back ${first}` }).click()
  await expect(takenOut).toBeHidden()
  await expect(heading).toHaveText(`In the pack (${before})`)
  await expect(inPack).toContainText(first)
})

test('exports a signed PDF and ZIP with progress, and verifies them, naming what a changed byte broke', async ({
  app,
  dataDir
}) => {
  const packs = new PacksView(app)
  await packs.open()
  await packs.create({ name: `PCI DSS assessment ${YEAR}`, units: ['Workloads/Production'] })
  const pane = await packs.tab('PK-0001', 'Export')
  const fingerprint = (await pane.getByLabel('Signing key fingerprint').textContent())!.trim()
  expect(fingerprint).toMatch(/^([0-9a-f]{4} ){15}[0-9a-f]{4}$/)

  // The pack has open items: export asks once, saying how many (the count the Readiness tab gives).
  await pane.getByRole('button', { name: 'Export pack' }).click()
  const question = app.getByRole('alertdialog', { name: /^Export with \d+ open items?\?$/ })
  await expect(question).toContainText(/The auditor will find \d+ open items? in this pack/)
  await question.getByRole('button', { name: 'Export anyway' }).click()
  await expect(app.getByRole('region', { name: 'Work in progress' })).toContainText(
    `Exporting PCI DSS assessment ${YEAR}`
  )
  const result = pane.getByRole('status', { name: 'Export finished' })
  await expect(result).toContainText(/Exported: \d+ pages, \d+ evidence files attached/, { timeout: 60_000 })
  await expect(app.getByRole('region', { name: 'Work in progress' })).toBeHidden()

  const exports = join(dataDir, 'exports')
  const written = readdirSync(exports).sort()
  expect(written).toHaveLength(2)
  expect(written.some((name) => name.endsWith('.part'))).toBe(false)
  const pdf = join(
    exports,
    written.find((name) => name.endsWith('.pdf'))!
  )
  const zip = join(
    exports,
    written.find((name) => name.endsWith('.zip'))!
  )
  expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-')
  expect(readFileSync(zip).subarray(0, 2).toString()).toBe('PK')
  await expect(pane.getByRole('region', { name: 'Earlier exports' })).toContainText(written[0]!)
  await expect(packs.row('PK-0001')).not.toContainText('Not exported')

  let dialog = await packs.verify(pdf)
  await expect(dialog.getByRole('region', { name: 'Verification result' })).toContainText(
    /^VALID.*is intact: the signature holds and all \d+ hashes match/
  )
  await expect(dialog).toContainText(fingerprint)
  await expect(dialog).toContainText("This installation's key")
  await dialog.getByRole('button', { name: 'Close' }).click()

  dialog = await packs.verify(zip)
  await expect(dialog.getByRole('region', { name: 'Verification result' })).toContainText('is intact')
  await dialog.getByRole('button', { name: 'Close' }).click()

  // One changed byte in the middle of the PDF: the verifier says the pack does not verify, and what differs.
  const tampered = join(dataDir, 'tampered.pdf')
  copyFileSync(pdf, tampered)
  const bytes = readFileSync(tampered)
  const middle = Math.floor(bytes.length / 2)
  bytes[middle] = bytes[middle]! ^ 0x01
  writeFileSync(tampered, bytes)
  dialog = await packs.verify(tampered)
  const outcome = dialog.getByRole('region', { name: 'Verification result' })
  await expect(outcome).toContainText('NOT VALID — do not rely on this pack')
  await expect(outcome).toContainText('tampered.pdf does not verify')
  await expect(outcome.getByRole('list', { name: 'What differs' }).getByRole('listitem').first()).toBeVisible()
})

test('a cancelled export leaves no file behind', async ({ app, dataDir }) => {
  const packs = new PacksView(app)
  await packs.open()
  await packs.create({ name: `HIPAA and PCI DSS ${YEAR}`, frameworks: ['HIPAA', 'PCI DSS'] })
  const pane = await packs.tab('PK-0001', 'Export')
  await pane.getByRole('button', { name: 'Export pack' }).click()
  await app.getByRole('alertdialog').getByRole('button', { name: 'Export anyway' }).click()
  const panel = app.getByRole('region', { name: 'Work in progress' })
  await panel.getByRole('button', { name: 'Cancel' }).click()
  await expect(packs.shell.toast('Export cancelled')).toContainText('No file was written')
  await expect(panel).toBeHidden()
  const exports = join(dataDir, 'exports')
  expect(existsSync(exports) ? readdirSync(exports) : []).toEqual([])
  await expect(pane.getByRole('region', { name: 'Earlier exports' })).toContainText('Not exported yet')
})

test('copies a pack for next year and deletes a pack after asking once', async ({ app }) => {
  const packs = new PacksView(app)
  await packs.open()
  await packs.create({ name: `PCI DSS assessment ${YEAR}`, periodStart: `${YEAR}-01-01`, periodEnd: `${YEAR}-12-31` })
  let pane = await packs.tab('PK-0001', 'Definition')
  await pane.getByRole('button', { name: 'Copy for next year' }).click()
  await expect(app).toHaveURL(/#\/packs\/PK-0002$/)
  pane = await packs.tab('PK-0002', 'Definition')
  await expect(pane.getByLabel('Name')).toHaveValue(`PCI DSS assessment ${YEAR + 1}`)
  await expect(pane.getByLabel('Audit period start')).toHaveValue(`${YEAR + 1}-01-01`)
  await expect(pane.getByLabel('Audit period end')).toHaveValue(`${YEAR + 1}-12-31`)
  await expect(packs.rows).toHaveCount(2)

  await pane.getByRole('button', { name: 'Delete…' }).click()
  const confirm = app.getByRole('alertdialog', { name: 'Delete PK-0002?' })
  await expect(confirm).toContainText('Files already exported from it are kept')
  await confirm.getByRole('button', { name: 'Delete pack' }).click()
  await expect(app).toHaveURL(/#\/packs$/)
  await expect(packs.rows).toHaveCount(1)
  await expect(packs.row('PK-0001')).toBeVisible()
})

test('evidence tagged with another AWS account stays out of a pack scoped to production', async ({ app }) => {
  const packs = new PacksView(app)
  await packs.open()
  await packs.create({ name: `PCI DSS assessment ${YEAR}`, units: ['Workloads/Production'] })
  const counts = packs.pane('PK-0001').getByRole('status').filter({ hasText: 'go into this pack' })
  const evidenceIn = async (): Promise<number> =>
    Number(/and (\d+) evidence files/.exec((await counts.textContent()) ?? '')?.[1])
  await expect(counts).toContainText('evidence files')
  const before = await evidenceIn()

  // The information security policy speaks for the whole organisation until it is tagged.
  const evidence = new EvidenceView(app)
  await evidence.open()
  await evidence.row('EV-0010').click()
  const pane = evidence.pane('EV-0010')
  const accounts = pane.getByRole('group', { name: 'AWS accounts' })
  await expect(accounts).toContainText('speaks for the whole organisation')
  await accounts.getByRole('checkbox', { name: 'Development' }).click()
  await app.keyboard.press('Control+s')
  await expect(pane.getByText(/Saved · version \d+/)).toBeVisible()
  await expect(accounts).toContainText('Packs scoped to other accounts leave it out')

  await packs.open()
  await packs.row('PK-0001').click()
  await expect(counts).toContainText(`and ${before - 1} evidence files`)
})
