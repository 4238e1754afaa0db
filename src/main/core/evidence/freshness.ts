import { addMonths } from '../../../shared/dates'
import { DEFAULT_REVIEW_MONTHS, type EvidenceKind } from '../../../shared/domain'

/** The review-by date evidence gets when none is given. */
export function defaultReviewBy(kind: EvidenceKind, speaksFor: string): string {
  return addMonths(speaksFor, DEFAULT_REVIEW_MONTHS[kind])
}

/**
 * freshnessOf (src/shared/compliance/evidence-rules.ts) in SQL over a `review_by` column, with @today and @soon (today + expiringDays)
 * bound as parameters, so lists can filter and sort on freshness without loading every row.
 */
export const FRESHNESS_SQL = (column: string): string =>
  `CASE WHEN ${column} IS NULL THEN 'fresh' WHEN ${column} < @today THEN 'expired'
    WHEN ${column} <= @soon THEN 'expiring' ELSE 'fresh' END`
