import { addDays, addMonths } from '../../../shared/dates'
import { DEFAULT_REVIEW_MONTHS, type EvidenceKind, type Freshness } from '../../../shared/domain'

/**
 * Fresh until `expiringDays` before its review-by date, then expiring, and expired the day after.
 * Evidence without a review-by date does not go stale.
 */
export function freshnessOf(reviewBy: string | null, today: string, expiringDays: number): Freshness {
  if (reviewBy === null) return 'fresh'
  if (reviewBy < today) return 'expired'
  return reviewBy <= addDays(today, expiringDays) ? 'expiring' : 'fresh'
}

/** The review-by date evidence gets when none is given. */
export function defaultReviewBy(kind: EvidenceKind, speaksFor: string): string {
  return addMonths(speaksFor, DEFAULT_REVIEW_MONTHS[kind])
}

/**
 * The same rule in SQL over a `review_by` column, with @today and @soon (today + expiringDays)
 * bound as parameters, so lists can filter and sort on freshness without loading every row.
 */
export const FRESHNESS_SQL = (column: string): string =>
  `CASE WHEN ${column} IS NULL THEN 'fresh' WHEN ${column} < @today THEN 'expired'
    WHEN ${column} <= @soon THEN 'expiring' ELSE 'fresh' END`
