/**
 * Dates as the user reads them: one locale-aware format everywhere in the app (the register, files and the command
 * line keep ISO 8601). A calendar day (YYYY-MM-DD) is shown as that day wherever the user is; a moment (a full
 * timestamp) in the user's own time zone.
 */

const DAY = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' })
const MOMENT = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit'
})

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/

/** A calendar day such as 2026-12-02, in the user's format ("Dec 2, 2026", "2 Dec 2026"); "—" when there is none. */
export function formatDay(day: string | null | undefined): string {
  if (!day) return '—'
  if (!ISO_DAY.test(day)) return day
  return DAY.format(new Date(`${day}T00:00:00Z`))
}

/** A moment (an ISO timestamp) as the date and time where the user is. */
export function formatMoment(at: string): string {
  const date = new Date(at)
  return Number.isNaN(date.getTime()) ? at : MOMENT.format(date)
}

/** A period between two calendar days. */
export function formatPeriod(start: string | null | undefined, end: string | null | undefined): string {
  return `${formatDay(start)} – ${formatDay(end)}`
}
