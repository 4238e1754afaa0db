import { expect, type Locator, type Page } from '@playwright/test'
import { AppShell } from './app-shell'

/** The Register: the control table, its filters and the detail pane. */
export class RegisterView {
  readonly shell: AppShell
  readonly table: Locator
  readonly rows: Locator
  readonly count: Locator

  constructor(readonly page: Page) {
    this.shell = new AppShell(page)
    this.table = page.getByRole('table', { name: 'Controls' })
    this.rows = this.table.locator('tbody tr[data-index]')
    this.count = page.getByText(/^\d+ of \d+ controls$/)
  }

  async open(): Promise<void> {
    await this.shell.goTo('Register')
    await expect(this.rows.first()).toBeVisible()
  }

  row(id: string): Locator {
    return this.table.getByRole('row', { name: new RegExp(`^${id}\\b`) })
  }

  async filter(label: 'Framework' | 'Responsibility' | 'Status' | 'Owner' | 'Evidence', option: string): Promise<void> {
    await this.page.getByRole('combobox', { name: label, exact: true }).click()
    await this.page.getByRole('option', { name: option, exact: true }).click()
  }

  async search(text: string): Promise<void> {
    await this.page.getByRole('textbox', { name: 'Search controls' }).fill(text)
  }

  async shownCount(): Promise<number> {
    const text = (await this.count.textContent()) ?? ''
    return Number(/^(\d+)/.exec(text)?.[1])
  }

  pane(id: string): Locator {
    return this.page.getByRole('complementary', { name: `Control ${id}` })
  }

  /** Finds the control by searching for its id (the table only renders the rows in view), then opens it. */
  async openControl(id: string): Promise<Locator> {
    await this.search(id)
    await this.row(id).click()
    const pane = this.pane(id)
    await expect(pane).toBeVisible()
    return pane
  }
}
