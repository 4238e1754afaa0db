import type Database from 'better-sqlite3'
import { deserialize, serialize } from 'node:v8'
import type { FrameworkId } from '../../../shared/domain'
import {
  READ_KEYS,
  automatedChecks,
  controlRows,
  evidenceInForceByControl,
  evidenceStatesOf,
  latestReviewByControl,
  requirementRows
} from '../compliance/assessment-queries'
import { mappingsByControl } from '../controls/control-service'
import { DASHBOARD_DUE_LIMIT, dueSoonRows } from '../insights/dashboard-service'
import type { ReadCache } from './read-cache'

/**
 * What the screens' whole-register reads depend on: the register's frameworks, audit period and
 * the day its evidence is judged on, across every account.
 */
export interface SnapshotPlan {
  frameworks: FrameworkId[]
  period: { start: string; end: string }
  judgedOn: string
  /** Today, and how many days before its review-by date evidence counts as expiring (evidence states). */
  today: string
  expiringDays: number
}

/** The read cache's keys of a plan's reads, in the order readSnapshot returns them. */
export function snapshotKeys(plan: SnapshotPlan): string[] {
  return [
    READ_KEYS.controls,
    READ_KEYS.mappingsByControl,
    READ_KEYS.latestReviewBy,
    READ_KEYS.evidenceStates(plan.today, plan.expiringDays),
    READ_KEYS.dueSoon(plan.today, plan.expiringDays, DASHBOARD_DUE_LIMIT),
    READ_KEYS.evidenceInForce(plan.period, plan.judgedOn, null),
    ...plan.frameworks.flatMap((framework) => [
      READ_KEYS.requirements(framework),
      READ_KEYS.checks(framework, plan.period, plan.judgedOn, null)
    ])
  ]
}

/**
 * The whole-register reads of a plan, keyed as the read cache keeps them: the same functions the
 * main process would run, in one read transaction so they all see the register at one moment.
 * Runs in a worker, on a connection of its own; the values cross to the main thread by structured
 * clone (plain objects, arrays and maps).
 */
export function readSnapshot(db: Database.Database, plan: SnapshotPlan): [string, unknown][] {
  return db.transaction(() => {
    const keys = snapshotKeys(plan)
    const latest = latestReviewByControl(db)
    const values: unknown[] = [
      controlRows(db),
      mappingsByControl(db),
      latest,
      evidenceStatesOf(latest, plan.today, plan.expiringDays),
      dueSoonRows(db, plan.today, plan.expiringDays, DASHBOARD_DUE_LIMIT),
      evidenceInForceByControl(db, plan.period, plan.judgedOn, null),
      ...plan.frameworks.flatMap((framework) => [
        requirementRows(db, framework),
        automatedChecks(db, framework, plan.period, plan.judgedOn, null)
      ])
    ]
    return keys.map((key, index): [string, unknown] => [key, values[index]])
  })()
}

/**
 * A read as it crosses from the worker: its value as bytes, a large list or map in parts of at
 * most PART_ITEMS items each (a map as parts of its entries).
 */
export interface EncodedRead {
  key: string
  shape: 'value' | 'list' | 'map'
  parts: Uint8Array[]
}

/** A snapshot as it crosses from the worker: each read encoded on its own. */
export type EncodedSnapshot = EncodedRead[]

/** Items per part: a part of this many rows decodes in a few milliseconds on a slow machine. */
export const PART_ITEMS = 1000

function partsOf<T>(items: T[]): Uint8Array[] {
  const parts: Uint8Array[] = []
  for (let start = 0; start < items.length; start += PART_ITEMS)
    parts.push(serialize(items.slice(start, start + PART_ITEMS)))
  return parts
}

/**
 * Each read serialised on its own in the worker, large ones in parts, so the main thread can
 * turn them back into values a part at a time (see decodeSnapshot) instead of in one long
 * structured clone of the lot.
 */
export function encodeSnapshot(values: [string, unknown][]): EncodedSnapshot {
  return values.map(([key, value]): EncodedRead => {
    if (Array.isArray(value) && value.length > PART_ITEMS) return { key, shape: 'list', parts: partsOf(value) }
    if (value instanceof Map && value.size > PART_ITEMS) return { key, shape: 'map', parts: partsOf([...value]) }
    return { key, shape: 'value', parts: [serialize(value)] }
  })
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/**
 * The reads back as values, each part decoded in an event-loop turn of its own: on a large
 * register the whole snapshot takes the main thread 100 ms and more to decode, a part a few
 * milliseconds, so other callers are served in between.
 */
export async function decodeSnapshot(encoded: EncodedSnapshot): Promise<[string, unknown][]> {
  const values: [string, unknown][] = []
  for (const { key, shape, parts } of encoded) {
    if (shape === 'value') {
      await nextTurn()
      values.push([key, deserialize(parts[0]!)])
      continue
    }
    const items: unknown[] = []
    for (const part of parts) {
      await nextTurn()
      for (const item of deserialize(part) as unknown[]) items.push(item)
    }
    values.push([key, shape === 'map' ? new Map(items as [unknown, unknown][]) : items])
  }
  // The caller's own work on the reads starts in a turn of its own too.
  await nextTurn()
  return values
}

/**
 * Keeps the read cache's whole-register reads rebuilt off the main thread: after a write, the
 * first caller starts one rebuild in a worker and every caller meanwhile waits for that same one,
 * while the main process goes on serving. A rebuild that a write overtook is thrown away and
 * another made, so no caller is ever answered from the register as it was before a write.
 */
export class SnapshotRebuilder {
  private inFlight: Promise<boolean> | undefined
  /** How many rebuilds ran (each one worker round trip). */
  rebuilds = 0

  constructor(
    private readonly cache: ReadCache,
    private readonly plan: () => SnapshotPlan,
    private readonly read: (plan: SnapshotPlan) => Promise<[string, unknown][]>,
    private readonly onError: (error: unknown) => void = () => undefined
  ) {}

  /**
   * Resolves once the read cache holds the reads for the register as it is now; never rejects.
   * When writes keep overtaking the rebuild (or the worker fails), it resolves anyway, and the
   * reads are made on the main thread as they are asked for.
   */
  async fresh(): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      let plan: SnapshotPlan
      try {
        plan = this.plan()
      } catch (error) {
        this.onError(error)
        return
      }
      if (snapshotKeys(plan).every((key) => this.cache.has(key))) return
      this.inFlight ??= this.rebuild(plan).finally(() => (this.inFlight = undefined))
      if (!(await this.inFlight)) return
    }
  }

  /** One rebuild; false when it failed (the caller then reads on the main thread). */
  private async rebuild(plan: SnapshotPlan): Promise<boolean> {
    const version = this.cache.version()
    this.rebuilds++
    try {
      this.cache.seed(version, await this.read(plan))
      return true
    } catch (error) {
      this.onError(error)
      return false
    }
  }
}
