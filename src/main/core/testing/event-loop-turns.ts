/**
 * How many event-loop turns another caller got while `work` ran: a caller that queues itself
 * again on every turn, as a request arriving meanwhile would be served.
 */
export async function turnsDuring(work: () => Promise<unknown>): Promise<number> {
  let turns = 0
  let done = false
  const other = (): void => {
    if (done) return
    turns++
    setImmediate(other)
  }
  setImmediate(other)
  try {
    await work()
  } finally {
    done = true
  }
  return turns
}

/**
 * Makes a change on every event-loop turn while `work` runs, as edits on other screens would arrive:
 * what the work gave, how many changes were made, and the first that failed (null when none did).
 */
export async function changesDuring<T>(
  work: () => Promise<T>,
  change: (made: number) => void
): Promise<{ value: T; changes: number; failure: unknown }> {
  let changes = 0
  let failure: unknown = null
  let done = false
  const next = (): void => {
    if (done) return
    try {
      change(changes)
      changes++
    } catch (error) {
      if (failure === null) failure = error
    }
    setImmediate(next)
  }
  setImmediate(next)
  try {
    const value = await work()
    return { value, changes, failure }
  } finally {
    done = true
  }
}
