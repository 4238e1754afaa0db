import { expect, type Locator, type Page } from '@playwright/test'
import { AppShell } from './app-shell'

/** The Packs view: saved definitions, the detail pane's tabs, export and "Verify a pack". */
export class PacksView {
  readonly shell: AppShell
  readonly table: Locator
  readonly rows: Locator

  constructor(readonly page: Page) {
    this.shell = new AppShell(page)
    this.table = page.getByRole('table', { name: 'Packs' })
    this.rows = this.table.locator('tbody tr[data-index]')
  }

  async open(): Promise<void> {
    await this.shell.goTo('Packs')
  }

  row(id: string): Locator {
    return this.table.getByRole('row', { name: new RegExp(`^${id}\\b`) })
  }

  pane(id: string): Locator {
    return this.page.getByRole('complementary', { name: `Pack ${id}` })
  }

  async tab(id: string, name: string): Promise<Locator> {
    const pane = this.pane(id)
    await pane.getByRole('tab', { name }).click()
    return pane
  }

  /**
   * Creates a pack through the "New pack" dialog: frameworks by the start of their names (PCI DSS
   * when none is given), scope by organizational units to tick (every account when none is given).
   */
  async create(fields: {
    name: string
    frameworks?: ('HIPAA' | 'GDPR' | 'PCI DSS')[]
    auditor?: string
    units?: string[]
    periodStart?: string
    periodEnd?: string
  }) {
    await this.page.getByRole('button', { name: 'New pack' }).first().click()
    const dialog = this.page.getByRole('dialog', { name: 'New pack' })
    await dialog.getByLabel('Name').fill(fields.name)
    if (fields.frameworks) {
      for (const framework of ['HIPAA', 'GDPR', 'PCI DSS'] as const) {
        const box = dialog.getByRole('checkbox', { name: new RegExp(`^${framework}`) })
        if ((await box.isChecked()) !== fields.frameworks.includes(framework)) await box.click()
      }
    }
    if (fields.auditor) await dialog.getByLabel('Auditor').fill(fields.auditor)
    if (fields.periodStart) await dialog.getByLabel('Audit period start').fill(fields.periodStart)
    if (fields.periodEnd) await dialog.getByLabel('Audit period end').fill(fields.periodEnd)
    if (fields.units) {
      await dialog.getByRole('radio', { name: 'Chosen accounts and organizational units' }).click()
      const units = dialog.getByRole('group', { name: 'Organizational units' })
      for (const unit of fields.units) await units.getByRole('checkbox', { name: unit }).click()
    }
    await dialog.getByRole('button', { name: 'Create pack' }).click()
    await expect(dialog).toBeHidden()
  }

  async verify(path: string): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Verify a pack…' }).click()
    const dialog = this.page.getByRole('dialog', { name: 'Verify a pack' })
    await dialog.getByLabel('Pack to verify', { exact: true }).setInputFiles(path)
    return dialog
  }
}
