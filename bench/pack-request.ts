/**
 * What the packs suite's parent and its child process share: the pack that is exported, and the
 * figures the child reports. Kept apart so the child loads nothing of the seeding or bundling.
 */
import { toDay, yearEndingOn } from '../src/shared/dates'
import type { PackRequest } from '../src/main/core/packs/assemble-pack'
import type { Density } from './raw-pdfkit'

export function packRequest(): PackRequest {
  const period = yearEndingOn(toDay(new Date()))
  return {
    id: null,
    name: 'PCI DSS bench pack',
    frameworks: ['pci'],
    scope: { accounts: [], organizationalUnits: [] },
    periodStart: period.start,
    periodEnd: period.end,
    organisation: 'Bench Payments Ltd',
    auditor: 'Example QSA LLP',
    preparer: 'Bench',
    controls: []
  }
}

export interface PackChildResult {
  pages: number
  /** Pages the baseline wrote (the same number, by construction). */
  baselinePages: number
  /** The pack's text per page, which the baseline's pages match. */
  density: Density
  exportMs: number
  baselineMs: number
  peakRssBytes: number
  /** The main thread's largest event-loop delay during each export, and during each baseline (the machine's). */
  loopDelaysMs: number[]
  baselineLoopDelaysMs: number[]
  /** The most CPU time the main thread spent in one go during each export. */
  longestBusyMs: number[]
  /** The longest main-thread time of each synchronous part of an export, for finding a stall. */
  phases: Record<string, number>
}
