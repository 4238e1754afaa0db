import { expect, type Locator, type Page } from '@playwright/test'

/** The window's frame: sidebar navigation, the command palette and toasts. */
export class AppShell {
  constructor(readonly page: Page) {}

  nav(name: string): Locator {
    return this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true })
  }

  async goTo(name: string): Promise<void> {
    await this.nav(name).click()
    await expect(this.page.getByRole('heading', { level: 1, name })).toBeVisible()
  }

  toast(text: string | RegExp): Locator {
    return this.page.getByRole('status').filter({ hasText: text })
  }

  async openPalette(): Promise<Locator> {
    await this.page.keyboard.press('Control+k')
    const palette = this.page.getByRole('dialog', { name: 'Go to anything' })
    await expect(palette).toBeVisible()
    return palette
  }
}
