import { addDays } from '../../../shared/dates'
import type { Assessment } from './assessment'
import type { PackEvidenceFacts, PackEvidenceQuery } from './assessment-queries'

/** The assessment's derived results that hold its pack evidence facts. */
export const PACK_EVIDENCE_COUNT = 'pack-evidence'
export const DUE_EVIDENCE = 'due-evidence'

/**
 * The evidence a pack's readiness reads: of the assessed controls, dated in the period, in scope;
 * due for review before the period ends or within the expiring window, whichever is later.
 */
export function packEvidenceQuery(assessment: Assessment): PackEvidenceQuery {
  const { period, expiringDays, scope } = assessment.options
  const soon = addDays(assessment.context.judgedOn, expiringDays)
  return {
    period,
    until: soon > period.end ? soon : period.end,
    scope: scope.accounts,
    controls: assessment.assessedControlIds()
  }
}

/** Whether the facts still have to be read for this assessment. */
export function needsPackEvidenceFacts(assessment: Assessment): boolean {
  return !assessment.hasDerived(PACK_EVIDENCE_COUNT) || !assessment.hasDerived(DUE_EVIDENCE)
}

/** Keeps facts read elsewhere (by a worker) with the assessment, as if it had read them itself. */
export function seedPackEvidenceFacts(assessment: Assessment, facts: PackEvidenceFacts): void {
  assessment.derived(PACK_EVIDENCE_COUNT, () => facts.count)
  assessment.derived(DUE_EVIDENCE, () => facts.due)
}
