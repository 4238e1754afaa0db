import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Register } from '../src/main/core/register'
import { AppShell } from './pages/app-shell'
import { PacksView } from './pages/packs-view'
import { expect, test } from './support/fixtures'

/** A GDPR pack exported by another register, as a preparer elsewhere would send it: signed by a key this one does not know. */
async function packFromAnotherRegister(): Promise<{ pdf: string; fingerprint: string; cleanup: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'evidence-desk-other-'))
  const register = await Register.open({ dataDir: dir, actor: 'preparer.elsewhere' })
  try {
    const pack = register.packs.create({
      name: 'GDPR review',
      frameworks: ['gdpr'],
      scope: { accounts: [], organizationalUnits: [] },
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
      organisation: 'Elsewhere Ltd',
      auditor: '',
      preparer: 'Preparer Elsewhere'
    })
    const result = await register.packs.exportSaved(pack.id, { pdf: true, zip: false })
    return {
      pdf: result.pdf!,
      fingerprint: result.keyFingerprint,
      cleanup: () => rmSync(dir, { recursive: true, force: true })
    }
  } finally {
    register.close()
  }
}

const grouped = (fingerprint: string) => fingerprint.match(/.{4}/g)!.join(' ')

test("a pack signed by an unknown key verifies as such until the user trusts the preparer's key", async ({
  app,
  dataDir,
  pageErrors
}) => {
  test.slow() // Exports a pack in a second register first.
  const other = await packFromAnotherRegister()
  try {
    const shell = new AppShell(app)
    await shell.goTo('Packs')
    const dialog = await new PacksView(app).verify(other.pdf)
    const result = dialog.getByRole('region', { name: 'Verification result' })
    // Verification reads the whole pack: given the time a full check takes on a busy machine.
    await expect(result).toContainText('VALID', { timeout: 60_000 })
    await expect(result).toContainText('A key this register does not know')
    await result.getByRole('button', { name: 'Trust this key…' }).click()

    const trust = app.getByRole('dialog', { name: 'Trust a signing key' })
    await expect(trust.getByRole('textbox', { name: 'Fingerprint' })).toHaveValue(grouped(other.fingerprint))
    await trust.getByRole('textbox', { name: 'Whose key it is' }).fill('Preparer Elsewhere')
    await trust.getByRole('button', { name: 'Trust key' }).click()
    // Checked again at once: the verdict now names the key as trusted.
    await expect(result).toContainText('A key this register trusts (Preparer Elsewhere)', { timeout: 60_000 })
    await dialog.getByRole('button', { name: 'Close' }).click()

    await shell.goTo('Settings')
    const keys = app.getByRole('region', { name: 'Signing keys' })
    const row = keys.getByRole('row').filter({ hasText: grouped(other.fingerprint) })
    await expect(row).toContainText('Trusted')
    await expect(row).toContainText('Preparer Elsewhere')

    const register = await Register.open({ dataDir, actor: 'e2e.check' })
    try {
      const audited = register.audit.list({ entityType: 'signing-key' })
      expect(audited).toEqual(
        expect.arrayContaining([expect.objectContaining({ action: 'keys.trust', entityId: other.fingerprint })])
      )
    } finally {
      register.close()
    }
  } finally {
    other.cleanup()
  }
  expect(pageErrors).toEqual([])
})

test('Settings refuses a mistyped fingerprint and trusts a pasted one, spaces and all', async ({ app, pageErrors }) => {
  const shell = new AppShell(app)
  await shell.goTo('Settings')
  await app.getByRole('button', { name: 'Trust a key…' }).click()
  const trust = app.getByRole('dialog', { name: 'Trust a signing key' })
  const field = trust.getByRole('textbox', { name: 'Fingerprint' })
  await field.fill('abcd 1234')
  await expect(trust).toContainText('A fingerprint is 64 hexadecimal digits')
  await expect(trust.getByRole('button', { name: 'Trust key' })).toBeDisabled()

  const fingerprint = 'ab'.repeat(32)
  await field.fill(grouped(fingerprint.toUpperCase()))
  await trust.getByRole('textbox', { name: 'Whose key it is' }).fill('External assessor')
  await trust.getByRole('button', { name: 'Trust key' }).click()
  const row = app
    .getByRole('region', { name: 'Signing keys' })
    .getByRole('row')
    .filter({ hasText: grouped(fingerprint) })
  await expect(row).toContainText('External assessor')
  expect(pageErrors).toEqual([])
})
