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
