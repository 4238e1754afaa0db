import { setImmediate as nextTurn } from 'node:timers/promises'

/**
 * Work written as a generator that yields wherever it may pause: run at once by the synchronous
 * callers (the command line, exports), in slices by the screens' reads so the main process keeps
 * serving other calls meanwhile.
 */
export type Stepwise<T> = Generator<void, T, void>

/** How long a slice may hold the event loop: well inside the 50 ms a waiting caller would notice. */
export const SLICE_MS = 10

/** Runs stepwise work to its end without pausing. */
export function runToEnd<T>(work: Stepwise<T>): T {
  for (;;) {
    const step = work.next()
    if (step.done) return step.value
  }
}

/**
 * Runs stepwise work in slices of about sliceMs, giving the event loop a turn between them.
 * Stops early, leaving the work unfinished, once `abandon` says its result is no longer wanted
 * (someone else finished the same work meanwhile); then resolves undefined.
 */
export async function runInSlices<T>(
  work: Stepwise<T>,
  options: { sliceMs?: number; abandon?: () => boolean } = {}
): Promise<T | undefined> {
  const sliceMs = options.sliceMs ?? SLICE_MS
  let sliceStart = performance.now()
  for (;;) {
    const step = work.next()
    if (step.done) return step.value
    if (performance.now() - sliceStart < sliceMs) continue
    await nextTurn()
    if (options.abandon?.()) {
      work.return(undefined as T)
      return undefined
    }
    sliceStart = performance.now()
  }
}
