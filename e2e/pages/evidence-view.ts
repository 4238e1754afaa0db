import type { Locator, Page } from '@playwright/test'
import { AppShell } from './app-shell'

/** The Evidence view: the vault's table, its filters, the detail pane and attaching files. */
export class EvidenceView {
  readonly shell: AppShell
  readonly table: Locator
  readonly rows: Locator

  constructor(readonly page: Page) {
    this.shell = new AppShell(page)
    this.table = page.getByRole('table', { name: 'Evidence' })
    this.rows = this.table.locator('tbody tr[data-index]')
  }

  async open(): Promise<void> {
    await this.shell.goTo('Evidence')
  }

  row(id: string): Locator {
    return this.table.getByRole('row', { name: new RegExp(`^${id}\\b`) })
  }

  pane(id: string): Locator {
    return this.page.getByRole('complementary', { name: `Evidence ${id}` })
  }

  async filter(label: 'Kind' | 'Source' | 'Freshness' | 'Control', option: string): Promise<void> {
    await this.page.getByRole('combobox', { name: label, exact: true }).click()
    await this.page.getByRole('option', { name: option, exact: true }).click()
  }

  /** Attaches files through the system file dialog's input, as a user picking them would. */
  async attach(paths: string[]): Promise<void> {
    await this.page.getByLabel('Files to attach').first().setInputFiles(paths)
  }
}
