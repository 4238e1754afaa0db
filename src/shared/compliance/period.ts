import { addDays } from '../dates'

/** An inclusive span of calendar days written YYYY-MM-DD. */
export interface DaySpan {
  start: string
  end: string
}

/** The audit period an assessment covers: the twelve months ending on a day, unless set otherwise. */
export type AuditPeriod = DaySpan

export function overlaps(a: DaySpan, b: DaySpan): boolean {
  return a.start <= b.end && a.end >= b.start
}

/**
 * The stretches of `period` that no span in `covered` reaches, in order. An AWS report covers
 * the months it audited; what falls between reports, or before the first, needs a bridge letter.
 */
export function uncoveredStretches(period: DaySpan, covered: DaySpan[]): DaySpan[] {
  const spans = covered
    .filter((span) => overlaps(span, period))
    .map((span) => ({ start: span.start < period.start ? period.start : span.start, end: span.end }))
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0))
  const gaps: DaySpan[] = []
  let cursor = period.start
  for (const span of spans) {
    if (span.start > cursor) gaps.push({ start: cursor, end: addDays(span.start, -1) })
    const next = addDays(span.end, 1)
    if (next > cursor) cursor = next
    if (cursor > period.end) return gaps
  }
  if (cursor <= period.end) gaps.push({ start: cursor, end: period.end })
  return gaps
}

/** The day evidence is judged on: the end of the period, or today while the period is still running. */
export function judgedOn(period: DaySpan, today: string): string {
  return period.end < today ? period.end : today
}
