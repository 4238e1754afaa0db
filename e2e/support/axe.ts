import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'

/** WCAG 2.0 and 2.1, levels A and AA: what Section 508 and EN 301 549 ask of software. */
export const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

/** Every violation on the screen, one line each, so a failure names what to fix. */
export async function violations(app: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page: app }).withTags(WCAG_AA).analyze()
  return result.violations.flatMap((violation) =>
    violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')} — ${node.failureSummary?.split('\n')[1]}`)
  )
}
