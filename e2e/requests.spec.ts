import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { verifyPackFile } from '../src/main/core/packs/verify/verify-pack'
import { inspectXlsx } from '../src/main/core/spreadsheets/testing/other-tools'
import { PacksView } from './pages/packs-view'
import { violations } from './support/axe'
import { expect, test } from './support/fixtures'

const files = mkdtempSync(join(tmpdir(), 'evidence-desk-e2e-requests-'))

/** A small request list as an auditor sends it: its own numbering and a column of its own. */
function requestList(): string {
  const path = join(files, 'PBC list.csv')
  writeFileSync(
    path,
    'Request No.,Reference,Information requested,Assigned to,Due date,Auditor comment\r\n' +
      'PBC-001,PCI DSS 10.2.1,Audit log settings for the cardholder data environment,Maya Chen,2026-01-15,Sample of 25\r\n' +
      'PBC-002,IAM-01,Evidence of multi-factor authentication for the workforce,,2099-03-01,\r\n' +
      'PBC-003,,Current network diagram,,2099-03-01,Walkthrough\r\n'
  )
  return path
}

test('imports a request list into a pack, answers a request and exports the responses as a ZIP that verifies', async ({
  app,
  dataDir
}) => {
  const packs = new PacksView(app)
  await packs.open()
  await packs.create({ name: 'PCI DSS assessment', auditor: 'Example QSA LLC' })
  const pane = await packs.tab('PK-0001', 'Requests')
  await expect(pane.getByRole('heading', { name: 'No request list yet' })).toBeVisible()
  await expect(pane.getByText(/PBC or information request list/)).toBeVisible()

  // The import: the columns guessed (the request number, the auditor's own comment kept as is), then imported.
  await pane.getByRole('button', { name: 'Import request list…' }).first().click()
  const dialog = app.getByRole('dialog', { name: 'Import a request list' })
  await dialog.getByLabel('Request list').setInputFiles([requestList()])
  await expect(dialog.getByRole('status', { name: 'Import preview' })).toContainText('3 new', { timeout: 60_000 })
  const mapping = dialog.getByRole('table', { name: 'Column mapping' })
  await expect(mapping.getByRole('combobox', { name: 'Field for Request No.' })).toHaveText('Request id')
  await expect(mapping.getByRole('combobox', { name: 'Field for Auditor comment' })).toHaveText('Kept as is (not read)')
  await dialog.getByRole('button', { name: 'Import 3 requests' }).click()
  await expect(dialog).toBeHidden()

  const table = pane.getByRole('table', { name: 'Requests' })
  await expect(table.getByRole('row')).toHaveCount(4)
  // An overdue request says so in words, not by colour alone.
  const overdue = table.getByRole('row').filter({ hasText: 'PBC-001' })
  await expect(overdue).toContainText('Overdue')
  await expect(table.getByRole('row').filter({ hasText: 'PBC-002' })).not.toContainText('Overdue')

  // Answer PBC-001: status, response note and the suggested evidence of the controls of the requirement it cites.
  await table.getByRole('button', { name: 'Request PBC-001, overdue' }).click()
  const editor = pane.getByRole('form', { name: 'Answer request PBC-001' })
  await editor.getByRole('combobox', { name: 'Status' }).click()
  await app.getByRole('option', { name: 'Provided' }).click()
  await editor.getByLabel('Response note').fill('CloudTrail organization trail settings attached.')
  const suggested = editor.getByRole('group', { name: 'Suggested evidence' })
  const link = suggested.getByRole('button', { name: /^Link EV-/ }).first()
  const evidenceId = ((await link.getAttribute('aria-label')) ?? '').replace('Link ', '')
  expect(evidenceId).toMatch(/^EV-\d+$/)
  await link.click()
  await expect(editor.getByText('Unsaved changes')).toBeVisible()
  // Another request while this one is unsaved asks first, as every other pane does.
  await table.getByRole('button', { name: 'Request PBC-002' }).click()
  const question = app.getByRole('alertdialog', { name: 'Discard changes?' })
  await question.getByRole('button', { name: 'Keep editing' }).click()
  await expect(editor.getByLabel('Response note')).toHaveValue('CloudTrail organization trail settings attached.')
  await editor.getByRole('button', { name: 'Save' }).click()
  await expect(editor.getByText('Saved', { exact: true })).toBeVisible()
  await expect(overdue).toContainText('Provided')
  await expect(overdue).not.toContainText('Overdue')

  // Export the responses into the exports folder, then check them as the auditor would.
  await pane.getByRole('button', { name: 'Export responses…' }).click()
  const done = pane.getByRole('status', { name: 'Responses exported' })
  await expect(done).toContainText('Exported 3 requests and 1 evidence files', { timeout: 120_000 })
  const exports = join(dataDir, 'exports')
  const zips = existsSync(exports) ? readdirSync(exports).filter((name) => name.endsWith('.zip')) : []
  expect(zips).toEqual([expect.stringMatching(/^PCI DSS assessment responses .+\.zip$/)])
  const zip = join(exports, zips[0]!)

  const verified = await verifyPackFile(zip)
  expect(verified.problems).toEqual([])
  expect(verified).toMatchObject({ ok: true, kind: 'zip' })
  const listing = execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).split('\n')
  expect(listing).toEqual(
    expect.arrayContaining([
      'requests/PBC-001/response PBC-001.pdf',
      expect.stringMatching(new RegExp(`^requests/PBC-001/${evidenceId} `)),
      'requests/PBC-002/response PBC-002.pdf',
      'request-list.xlsx',
      'SHA256SUMS'
    ])
  )
  const xlsx = join(files, 'request-list.xlsx')
  writeFileSync(xlsx, execFileSync('unzip', ['-p', zip, 'request-list.xlsx']))
  const [sheet] = inspectXlsx(xlsx)
  const header = sheet!.rows[0] as string[]
  const answered = sheet!.rows[1]!
  expect(header.slice(0, 6)).toEqual([
    'Request No.',
    'Reference',
    'Information requested',
    'Assigned to',
    'Due date',
    'Auditor comment'
  ])
  expect(answered[header.indexOf('Status')]).toBe('Provided')
  expect(answered[header.indexOf('Response')]).toBe('CloudTrail organization trail settings attached.')
  expect(String(answered[header.indexOf('Evidence')])).toContain(evidenceId)
})

/** Every WCAG 2.1 A and AA violation on the screen, one line each. */
for (const scheme of ['light', 'dark'] as const) {
  test.describe(`in ${scheme} mode`, () => {
    test.use({ colorScheme: scheme })
    test(`the Requests tab, its import step and an open request pass the WCAG 2.1 A and AA rules (${scheme})`, async ({
      app
    }) => {
      const packs = new PacksView(app)
      await packs.open()
      await packs.create({ name: 'Accessibility review pack' })
      const pane = await packs.tab('PK-0001', 'Requests')
      await expect(pane.getByRole('heading', { name: 'No request list yet' })).toBeVisible()
      expect(await violations(app), 'empty').toEqual([])

      await pane.getByRole('button', { name: 'Import request list…' }).first().click()
      const dialog = app.getByRole('dialog', { name: 'Import a request list' })
      await dialog.getByLabel('Request list').setInputFiles([requestList()])
      await expect(dialog.getByRole('status', { name: 'Import preview' })).toContainText('3 new', { timeout: 60_000 })
      expect(await violations(app), 'import').toEqual([])
      await dialog.getByRole('button', { name: 'Import 3 requests' }).click()
      await expect(dialog).toBeHidden()

      await pane.getByRole('button', { name: 'Request PBC-001, overdue' }).click()
      await expect(pane.getByRole('form', { name: 'Answer request PBC-001' })).toBeVisible()
      expect(await violations(app), 'request').toEqual([])
    })
  })
}
