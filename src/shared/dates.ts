/** Calendar arithmetic on dates written YYYY-MM-DD (UTC, no time of day). */

export function toDay(date: Date): string {
  return date.toISOString().slice(0, 10)
}

/** Days already added: the result rule adds the same few days to the same few dates for every control. */
const added = new Map<string, string>()

export function addDays(day: string, days: number): string {
  const key = `${day}|${days}`
  const known = added.get(key)
  if (known !== undefined) return known
  const date = new Date(`${day}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() + days)
  const result = toDay(date)
  if (added.size >= 4096) added.clear()
  added.set(key, result)
  return result
}

/** Adds months, keeping to the last day of a shorter month (31 January + 1 month = 28 or 29 February). */
export function addMonths(day: string, months: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number]
  const target = new Date(Date.UTC(year, month - 1 + months, 1))
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate()
  target.setUTCDate(Math.min(date, lastDay))
  return toDay(target)
}

/** The twelve months that end on a day: the usual audit period when none is given. */
export function yearEndingOn(day: string): { start: string; end: string } {
  return { start: addDays(addMonths(day, -12), 1), end: day }
}
