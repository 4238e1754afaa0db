import { addDays } from '../dates'
import type { Freshness } from '../domain'
import { overlaps, type DaySpan } from './period'

/**
 * Whether evidence still speaks for a day: fresh until `expiringDays` before its review-by date,
 * then expiring, and expired the day after it. Evidence without a review-by date does not go stale.
 */
export function freshnessOf(reviewBy: string | null, day: string, expiringDays: number): Freshness {
  if (reviewBy === null) return 'fresh'
  if (reviewBy < day) return 'expired'
  return reviewBy <= addDays(day, expiringDays) ? 'expiring' : 'fresh'
}

/** The dates an evidence item speaks for. */
export interface EvidenceDates {
  effectiveDate: string | null
  periodStart: string | null
  periodEnd: string | null
  reviewBy: string | null
}

/** Evidence is dated in a period when its effective date falls in it or the period it covers overlaps it. */
export function datedIn(item: EvidenceDates, period: DaySpan): boolean {
  if (item.effectiveDate !== null && item.effectiveDate >= period.start && item.effectiveDate <= period.end) return true
  return (
    item.periodStart !== null &&
    item.periodEnd !== null &&
    overlaps({ start: item.periodStart, end: item.periodEnd }, period)
  )
}

/**
 * Evidence is in force for a period when it is dated in it and has not expired by the day it is
 * judged on. Expiring evidence is still in force (and listed as due soon).
 */
export function inForce(item: EvidenceDates, period: DaySpan, judgedOn: string): boolean {
  return datedIn(item, period) && (item.reviewBy === null || item.reviewBy >= judgedOn)
}
