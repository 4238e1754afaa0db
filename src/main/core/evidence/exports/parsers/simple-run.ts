import type { EvidenceKind } from '../../../../../shared/domain'
import type { ParserRun, RecognisedExport } from '../export-parser'
import { SummaryBuilder } from '../summary-builder'

/**
 * A run that adds each record to a summary and builds it at the end: what most parsers need.
 * `finish` adds what can only be said once every record was seen (checks over all of them).
 */
export function summaryRun(
  summary: SummaryBuilder,
  kind: EvidenceKind,
  handlers: {
    record?: (key: string | null, value: unknown) => void
    member?: (key: string, value: unknown) => void
    finish?: () => void
  }
): ParserRun {
  return {
    record: (key, value) => handlers.record?.(key, value),
    ...(handlers.member ? { member: handlers.member } : {}),
    finish(): RecognisedExport {
      handlers.finish?.()
      const built = summary.build()
      const requirementResults = [...summary.requirementTallies].map(([reference, tally]) => ({ reference, ...tally }))
      return { summary: built, kind, ...(requirementResults.length ? { requirementResults } : {}) }
    }
  }
}

export { SummaryBuilder }
