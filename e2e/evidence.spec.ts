import { mkdtempSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { artifactWrapper } from '../src/main/core/evidence/testing/pdf-fixtures'
import { AppShell } from './pages/app-shell'
import { EvidenceView } from './pages/evidence-view'
import { RegisterView } from './pages/register-view'
import { expect, test } from './support/fixtures'

let files: string
test.beforeAll(() => {
  files = mkdtempSync(join(tmpdir(), 'evidence-desk-e2e-files-'))
})
test.afterAll(() => rmSync(files, { recursive: true, force: true }))

test('lists the vault with freshness, and filters it', async ({ app }) => {
  const evidence = new EvidenceView(app)
  await evidence.open()
  await expect(app.getByText('18 items')).toBeVisible()
  await expect(app.getByLabel('Freshness of the vault')).toContainText('Expired 1')
  await evidence.filter('Freshness', 'Expired')
  await expect(evidence.rows).toHaveCount(1)
  await expect(evidence.rows.first()).toContainText('WAF web ACLs')
  await evidence.filter('Freshness', 'Any freshness')
  await evidence.filter('Kind', 'Findings export')
  await expect(evidence.rows).toHaveCount(2)
  await evidence.filter('Kind', 'Any kind')
  await app.getByRole('textbox', { name: 'Search evidence' }).fill('GuardDuty')
  await expect(evidence.rows).toHaveCount(1)
  await app.getByRole('textbox', { name: 'Search evidence' }).fill('')

  // The control filter searches the register as you type, from the keyboard.
  await app.getByRole('button', { name: 'Control: Any control' }).click()
  const find = app.getByRole('combobox', { name: 'Control to filter by' })
  await expect(find).toBeFocused()
  await find.fill('IAM-05')
  await expect(app.getByRole('option').first()).toContainText('IAM-05')
  await app.keyboard.press('Enter')
  const filter = app.getByRole('button', { name: 'Control: IAM-05' })
  await expect(filter).toBeVisible()
  await expect(evidence.rows.first()).toBeVisible()
  const linked = await evidence.rows.count()
  expect(linked).toBeLessThan(18)
  await filter.click()
  await app.getByRole('option', { name: 'Any control' }).click()
  await expect(app.getByText('18 items')).toBeVisible()
})

test('attaches an AWS Artifact download, extracts the report, and applies the details read only on confirmation', async ({
  app
}) => {
  const { wrapper } = await artifactWrapper(
    'SOC 2 Type 2 Report for the period January 1, 2026 to June 30, 2026. Service auditor: Example Assurance LLP'
  )
  const path = join(files, 'AWS-SOC2-2026H1.pdf')
  writeFileSync(path, wrapper)
  const evidence = new EvidenceView(app)
  await evidence.open()
  await evidence.attach([path])
  await expect(new AppShell(app).toast('Attached 1 file')).toContainText('1 report extracted')
  await expect(app.getByText('20 items')).toBeVisible()

  await evidence.row('EV-0020').click()
  const pane = evidence.pane('EV-0020')
  await expect(pane.getByRole('link', { name: 'EV-0019' })).toBeVisible()
  const detected = pane.getByRole('region', { name: 'Details read from the file' })
  await expect(detected).toContainText('Jan 1, 2026 – Jun 30, 2026')
  await expect(pane.getByLabel('Period start')).toHaveValue('')
  await detected.getByRole('button', { name: 'Apply these details' }).click()
  await expect(pane.getByLabel('Period start')).toHaveValue('2026-01-01')
  await expect(pane.getByLabel('Period end')).toHaveValue('2026-06-30')
  await expect(pane.getByLabel('Source detail')).toHaveValue('Example Assurance LLP')
  await expect(detected).toHaveCount(0)

  await pane.getByRole('tab', { name: /Controls/ }).click()
  await pane.getByRole('button', { name: 'All AWS-inherited HIPAA controls' }).click()
  await expect(new AppShell(app).toast(/Linked to \d+ AWS-inherited HIPAA controls/)).toBeVisible()
  await expect(pane.getByRole('region', { name: 'Linked controls' }).getByRole('listitem').first()).toBeVisible()
})

test('previews PDFs, images and text safely', async ({ app, pageErrors }) => {
  const evidence = new EvidenceView(app)
  await evidence.open()
  await evidence.row('EV-0002').click()
  await evidence.pane('EV-0002').getByRole('tab', { name: 'Preview' }).click()
  const page = evidence.pane('EV-0002').getByRole('img', { name: /page 1$/ })
  await expect(page).toBeVisible()
  await expect(evidence.pane('EV-0002').getByText('Page 1 of 1')).toBeVisible()
  const inked = await page.evaluate(async (canvas: HTMLCanvasElement) => {
    await new Promise((resolve) => setTimeout(resolve, 300))
    const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data
    let dark = 0
    for (let index = 0; index < pixels.length; index += 4) if (pixels[index]! < 128) dark++
    return dark
  })
  expect(inked).toBeGreaterThan(100)

  await evidence.row('EV-0018').click()
  await evidence.pane('EV-0018').getByRole('tab', { name: 'Preview' }).click()
  await expect(evidence.pane('EV-0018').getByRole('img', { name: 'cloudtrail-organization-trail.png' })).toBeVisible()

  await evidence.row('EV-0011').click()
  await evidence.pane('EV-0011').getByRole('tab', { name: 'Preview' }).click()
  await expect(evidence.pane('EV-0011').getByLabel('Contents of guardduty-findings.json')).toContainText('"Findings"')
  expect(pageErrors).toEqual([])
})

test('shows an export’s summary and the file’s hash', async ({ app }) => {
  const evidence = new EvidenceView(app)
  await evidence.open()
  await evidence.row('EV-0011').click()
  const pane = evidence.pane('EV-0011')
  const summary = pane.getByRole('region', { name: 'GuardDuty findings summary' })
  await expect(summary).toContainText('5 records')
  await expect(summary).toContainText('High: 2')
  await expect(summary).toContainText('605183429774')
  await expect(pane.locator('.hash')).toHaveText(/^[0-9a-f]{64}$/)
})

test('removes evidence softly, with undo, and verifies the vault', async ({ app }) => {
  const evidence = new EvidenceView(app)
  await evidence.open()
  await evidence.row('EV-0013').click()
  await evidence.pane('EV-0013').getByRole('button', { name: 'Remove…' }).click()
  const dialog = app.getByRole('alertdialog', { name: 'Remove EV-0013?' })
  await dialog.getByLabel('Reason').fill('Replaced by the December export')
  await dialog.getByRole('button', { name: 'Remove' }).click()
  await expect(evidence.row('EV-0013')).toHaveCount(0)
  await app.getByRole('button', { name: 'Undo' }).click()
  await expect(evidence.row('EV-0013')).toBeVisible()

  await app.getByRole('button', { name: 'Verify vault' }).click()
  await expect(app.getByText(/The vault is intact: \d+ files verified/)).toBeVisible()
})

test('attaches files dropped on a control, linking them to it', async ({ app }) => {
  const path = join(files, 'quarterly-access-review.csv')
  writeFileSync(path, 'user,reviewed,decision\nana,2026-10-01,keep\nbo,2026-10-01,remove\nche,2026-10-01,keep\n')
  const register = new RegisterView(app)
  await register.open()
  const pane = await register.openControl('IAM-05')
  await pane.getByRole('tab', { name: 'Evidence' }).click()
  // The dropped File objects come from a file input, so they are real files on disk in both hosts;
  // the input's own change event is held back so that only the drop attaches them.
  const zone = pane.getByRole('group', { name: 'Attach evidence to IAM-05' })
  const input = pane.getByLabel('Files to attach')
  await input.evaluate((element: HTMLInputElement) => {
    element.addEventListener('change', (event) => event.stopImmediatePropagation(), { capture: true, once: true })
  })
  await input.setInputFiles([path])
  await zone.evaluate(
    (element, inputElement) => {
      const transfer = new DataTransfer()
      for (const file of (inputElement as HTMLInputElement).files ?? []) transfer.items.add(file)
      element.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }))
    },
    await input.elementHandle()
  )
  await expect(new AppShell(app).toast('Attached 1 file')).toBeVisible()
  await expect(pane.getByRole('list', { name: 'Evidence of IAM-05' })).toContainText('quarterly-access-review')
})

test('shows a progress bar while attaching a large file, and cancelling leaves nothing behind', async ({
  app,
  host,
  dataDir
}) => {
  const path = join(files, 'large-export.bin')
  writeFileSync(path, '')
  truncateSync(path, 1024 * 1024 * 1024)
  if (host === 'browser') {
    // Uploading over loopback is quicker than a user can click: slow it to a real network's pace.
    const cdp = await app.context().newCDPSession(app)
    await cdp.send('Network.enable')
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 50 * 1024 * 1024
    })
  }
  const evidence = new EvidenceView(app)
  await evidence.open()
  await evidence.attach([path])
  const panel = app.getByRole('region', { name: 'Work in progress' })
  await expect(panel.getByRole('progressbar', { name: /Attaching large-export\.bin/ })).toBeVisible()
  await panel.getByRole('button', { name: 'Cancel' }).click()
  await expect(new AppShell(app).toast('Import cancelled')).toBeVisible()
  await expect(panel).toHaveCount(0)
  await expect(app.getByText('18 items')).toBeVisible()
  await expect.poll(() => readdirSync(join(dataDir, 'vault', 'tmp'))).toEqual([])
})

test('marks each control’s evidence and filters the register and frameworks by it', async ({ app }) => {
  const register = new RegisterView(app)
  await register.open()
  await register.search('APP-02')
  await expect(register.row('APP-02')).toContainText('Expired')
  await register.search('')
  await register.filter('Evidence', 'Without fresh evidence')
  const stale = await register.shownCount()
  expect(stale).toBeGreaterThan(10)
  await expect(register.row('APP-02')).toBeVisible()

  await new AppShell(app).goTo('Frameworks')
  await app.getByRole('radio', { name: 'Not tested' }).click()
  await expect(
    app
      .getByRole('tree', { name: 'HIPAA requirements' })
      .locator('[role="treeitem"][data-kind="implementation-specification"]')
      .first()
  ).toBeVisible()
})

test('shows which AWS report backs each inherited control, and for which period', async ({ app }) => {
  await new AppShell(app).goTo('Responsibility')
  const backing = app.getByRole('region', { name: 'AWS reports backing inherited controls' })
  await expect(backing).toContainText('Amazon Web Services System and Organization Controls (SOC) 2 Type 2 Report')
  await expect(backing).toContainText(/[A-Z][a-z]{2} \d{1,2}, \d{4} – [A-Z][a-z]{2} \d{1,2}, \d{4}/)
  await expect(backing).toContainText('PHY-01')
})
