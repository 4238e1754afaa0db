import { performance } from 'node:perf_hooks'

/** One line of `npm run bench`: a figure, the same work done the plainest way, and their ratio. */
export interface Measurement {
  name: string
  value: number
  unit: string
  baseline: number
  ratio: number
}

export interface Target {
  /** The measurement's value must be at most this (in its unit). */
  maxValue?: number
  /** value / baseline must be at most this. */
  maxRatio?: number
  /** value / baseline must be at least this (for throughputs). */
  minRatio?: number
}

/** The median of `runs` timings of `work` in milliseconds, after `warmup` untimed runs. */
export function medianMs(work: () => unknown, runs = 31, warmup = 5): number {
  for (let index = 0; index < warmup; index++) work()
  const times: number[] = []
  for (let index = 0; index < runs; index++) {
    const start = performance.now()
    work()
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)]!
}

export async function medianMsAsync(work: () => Promise<unknown>, runs = 15, warmup = 2): Promise<number> {
  for (let index = 0; index < warmup; index++) await work()
  const times: number[] = []
  for (let index = 0; index < runs; index++) {
    const start = performance.now()
    await work()
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)]!
}

const round = (value: number): number => Math.round(value * 1000) / 1000

export function measurement(name: string, value: number, unit: string, baseline: number): Measurement {
  return { name, value: round(value), unit, baseline: round(baseline), ratio: round(value / baseline) }
}

/** Prints the measurement as one JSON line; returns a description of a missed target, if any. */
export function report(result: Measurement, target: Target = {}): string | undefined {
  process.stdout.write(`${JSON.stringify(result)}\n`)
  const misses: string[] = []
  if (target.maxValue !== undefined && result.value > target.maxValue)
    misses.push(`value above ${target.maxValue} ${result.unit}`)
  if (target.maxRatio !== undefined && result.ratio > target.maxRatio) misses.push(`ratio above ${target.maxRatio}`)
  if (target.minRatio !== undefined && result.ratio < target.minRatio) misses.push(`ratio below ${target.minRatio}`)
  return misses.length ? `${result.name}: ${misses.join(', ')}` : undefined
}
