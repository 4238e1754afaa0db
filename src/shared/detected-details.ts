import { addMonths } from './dates'
import { DEFAULT_REVIEW_MONTHS } from './domain'
import type { EvidencePatch } from './schemas'
import type { EvidenceDetail } from './types'

/**
 * The change that applies what was read from a file (title, type, period, issuer) to its
 * record, after the user has seen it: used by the app's confirmation and by the command line.
 */
export function detectedPatch(item: Pick<EvidenceDetail, 'metadata' | 'kind'>): EvidencePatch {
  const detected = item.metadata.detected ?? {}
  const kind = detected.kind ?? item.kind
  const patch: EvidencePatch = { detectedConfirmed: true }
  if (detected.title) patch.title = detected.title
  if (detected.kind) patch.kind = detected.kind
  if (detected.issuer) patch.sourceDetail = detected.issuer
  if (detected.periodStart && detected.periodEnd) {
    patch.periodStart = detected.periodStart
    patch.periodEnd = detected.periodEnd
  }
  if (detected.effectiveDate) patch.effectiveDate = detected.effectiveDate
  const anchor = detected.periodEnd ?? detected.effectiveDate
  if (detected.expires) patch.reviewBy = detected.expires
  else if (anchor) patch.reviewBy = addMonths(anchor, DEFAULT_REVIEW_MONTHS[kind])
  return patch
}
