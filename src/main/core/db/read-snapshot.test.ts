import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { assessmentReads } from '../compliance/assessment-queries'
import type { Register } from '../register'
import { turnsDuring } from '../testing/event-loop-turns'
import { openTempRegister } from '../testing/temp-register'
import { ReadCache } from './read-cache'
import {
  decodeSnapshot,
  encodeSnapshot,
  PART_ITEMS,
  readSnapshot,
  SnapshotRebuilder,
  snapshotKeys,
  type SnapshotPlan
} from './read-snapshot'

const cleanups: (() => void)[] = []
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()))

async function open(backgroundReads: boolean): Promise<{ register: Register; dataDir: string }> {
  const opened = await openTempRegister({ backgroundReads })
  cleanups.push(opened.cleanup)
  return opened
}

const titleOf = (register: Register, id: string): string | undefined =>
  register.controls.list().find((control) => control.id === id)?.title

describe('the whole-register reads rebuilt in a worker', () => {
  it('answers a read after a write with the register as written, rebuilt off the main thread', async () => {
    const { register } = await open(true)
    await register.freshReads()
    const id = register.controls.list()[0]!.id
    const before = register.snapshotRebuilds
    expect(before).toBe(1)

    register.controls.update(id, { title: 'Renamed while the app is open' })
    await register.freshReads()
    expect(register.snapshotRebuilds).toBe(before + 1)
    expect(titleOf(register, id)).toBe('Renamed while the app is open')
    // Nothing changed since: the next read rebuilds nothing.
    await register.freshReads()
    expect(register.snapshotRebuilds).toBe(before + 1)
  })

  it('reads in the worker exactly what the main thread reads', async () => {
    const { register, dataDir } = await open(false)
    const plan = register.compliance.snapshotPlan()
    const worker = new Database(`${dataDir}/register.sqlite`, { readonly: true })
    cleanups.unshift(() => worker.close())
    const snapshot = new Map(readSnapshot(worker, plan))
    expect([...snapshot.keys()]).toEqual(snapshotKeys(plan))
    const reads = assessmentReads(register.db)
    expect(snapshot.get('controls')).toEqual(reads.controls())
    expect(snapshot.get('latest-review-by')).toEqual(reads.latestReviewBy())
    for (const framework of plan.frameworks) {
      expect(snapshot.get(`requirements:${framework}`)).toEqual(reads.requirements(framework))
    }
  })

  it('crosses from the worker read by read, and the main thread decodes them in turns of their own', async () => {
    const { register, dataDir } = await open(false)
    const plan = register.compliance.snapshotPlan()
    const worker = new Database(`${dataDir}/register.sqlite`, { readonly: true })
    cleanups.unshift(() => worker.close())
    const values = readSnapshot(worker, plan)
    const encoded = encodeSnapshot(values)
    expect(encoded.every((read) => read.parts.every((part) => part instanceof Uint8Array))).toBe(true)
    // Another caller's work, queued while the snapshot is decoded, runs before the decoding ends.
    const order: string[] = []
    const decoding = decodeSnapshot(encoded).then((decoded) => {
      order.push('decoded')
      return decoded
    })
    setImmediate(() => order.push('other caller'))
    const decoded = await decoding
    expect(order).toEqual(['other caller', 'decoded'])
    expect(decoded).toEqual(values)
    // Maps stay maps, with the same entries.
    const mappings = new Map(decoded).get('mappings-by-control')
    expect(mappings).toBeInstanceOf(Map)
    expect([...(mappings as Map<string, unknown>).entries()]).toEqual([
      ...(new Map(values).get('mappings-by-control') as Map<string, unknown>).entries()
    ])
  })

  it('splits a large list or map into parts, each decoded in a turn of its own, and joins them again', async () => {
    const rows = Array.from({ length: PART_ITEMS * 2 + 7 }, (_, index) => ({ id: `C-${index}`, status: 'implemented' }))
    const byControl = new Map(rows.map((row, index) => [row.id, { count: index, reports: [] as string[] }]))
    const small = new Map([['C-1', 1]])
    const values: [string, unknown][] = [
      ['rows', rows],
      ['by-control', byControl],
      ['small', small]
    ]
    const encoded = encodeSnapshot(values)
    expect(encoded.map((read) => [read.key, read.shape, read.parts.length])).toEqual([
      ['rows', 'list', 3],
      ['by-control', 'map', 3],
      ['small', 'value', 1]
    ])
    // Seven parts in all, so another caller's turns fit between them.
    let decoded: [string, unknown][] = []
    const otherTurns = await turnsDuring(async () => (decoded = await decodeSnapshot(encoded)))
    expect(otherTurns).toBeGreaterThanOrEqual(7)
    expect(decoded).toEqual(values)
    expect(new Map(decoded).get('by-control')).toBeInstanceOf(Map)
  })

  it('lets callers waiting at the same time share one rebuild', async () => {
    const { register, dataDir } = await open(false)
    const cache = new ReadCache(register.db)
    const worker = new Database(`${dataDir}/register.sqlite`, { readonly: true })
    cleanups.unshift(() => worker.close())
    let reads = 0
    const rebuilder = new SnapshotRebuilder(
      cache,
      () => register.compliance.snapshotPlan(),
      async (plan: SnapshotPlan) => {
        reads++
        await new Promise((done) => setTimeout(done, 20))
        return readSnapshot(worker, plan)
      }
    )
    await Promise.all([rebuilder.fresh(), rebuilder.fresh(), rebuilder.fresh()])
    expect(reads).toBe(1)
    expect(rebuilder.rebuilds).toBe(1)
    const plan = register.compliance.snapshotPlan()
    for (const key of snapshotKeys(plan)) expect(cache.has(key)).toBe(true)
  })

  it('throws away a rebuild a write overtook, and reads again', async () => {
    const { register, dataDir } = await open(false)
    const cache = new ReadCache(register.db)
    const kept = assessmentReads(register.db, cache)
    const worker = new Database(`${dataDir}/register.sqlite`, { readonly: true })
    cleanups.unshift(() => worker.close())
    const id = register.controls.list()[0]!.id
    let reads = 0
    const rebuilder = new SnapshotRebuilder(
      cache,
      () => register.compliance.snapshotPlan(),
      async (plan: SnapshotPlan) => {
        reads++
        // The worker reads the register as it is, then a write lands before the answer arrives.
        const snapshot = readSnapshot(worker, plan)
        if (reads === 1) register.controls.update(id, { title: 'Written during the rebuild' })
        await Promise.resolve()
        return snapshot
      }
    )
    await rebuilder.fresh()
    expect(reads).toBe(2)
    expect(kept.controls().find((control) => control.id === id)?.title).toBe('Written during the rebuild')
  })

  it('reads on the main thread when the worker fails, without failing the caller', async () => {
    const { register } = await open(false)
    const cache = new ReadCache(register.db)
    const errors: unknown[] = []
    const rebuilder = new SnapshotRebuilder(
      cache,
      () => register.compliance.snapshotPlan(),
      () => Promise.reject(new Error('worker stopped')),
      (error) => errors.push(error)
    )
    await expect(rebuilder.fresh()).resolves.toBeUndefined()
    expect(errors).toHaveLength(1)
    expect(register.controls.list().length).toBeGreaterThan(0)
  })
})
