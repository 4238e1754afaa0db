import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runInSlices, runToEnd, type Stepwise } from '../util/time-slices'
import type { Register } from '../register'
import { turnsDuring } from '../testing/event-loop-turns'
import { openSampleRegister } from '../testing/temp-register'
import { Assessment } from './assessment'

describe('an assessment built in slices', () => {
  let register: Register
  let cleanup: () => void
  beforeAll(async () => {
    ;({ register, cleanup } = await openSampleRegister())
  })
  afterAll(() => cleanup())

  const fresh = (): Assessment =>
    Assessment.build(register.db, {
      frameworks: ['hipaa', 'gdpr', 'pci'],
      period: register.settings.auditPeriod(),
      today: '2026-12-03',
      expiringDays: 30,
      scope: { accounts: null, label: 'All accounts' }
    })

  it('gives the trees built at once, while other callers are served between slices', async () => {
    const atOnce = fresh()
    const sliced = fresh()
    const turns = await turnsDuring(() => sliced.prepare(0))
    // One slice per requirement at the smallest slice: far more turns than frameworks.
    expect(turns).toBeGreaterThan(100)
    for (const framework of ['hipaa', 'gdpr', 'pci']) {
      expect(sliced.tree(framework)).toEqual(atOnce.tree(framework))
      expect(sliced.summary(framework)).toEqual(atOnce.summary(framework))
    }
  })

  it('lets a caller that cannot wait build a tree at once, and keeps that one for everybody', async () => {
    const assessment = fresh()
    const preparing = assessment.prepare(0)
    // Mid-way, a synchronous caller (the command line's way) asks for the PCI DSS tree.
    await new Promise((resolve) => setImmediate(resolve))
    const now = assessment.tree('pci')
    await preparing
    expect(assessment.tree('pci')).toBe(now)
    expect(assessment.tree('hipaa').length).toBeGreaterThan(0)
  })

  it('lets callers preparing at the same time share one build', async () => {
    const assessment = fresh()
    const first = assessment.prepare(0)
    expect(assessment.prepare(0)).toBe(first)
    await first
    const trees = ['hipaa', 'gdpr', 'pci'].map((framework) => assessment.tree(framework))
    await assessment.prepare(0)
    expect(['hipaa', 'gdpr', 'pci'].map((framework) => assessment.tree(framework))).toEqual(trees)
  })

  it('reports an unknown framework as the synchronous read does', async () => {
    const assessment = fresh()
    expect(() => assessment.tree('sox')).toThrow(/no framework "sox"/)
  })
})

describe('stepwise work', () => {
  function* countTo(limit: number, seen: number[]): Stepwise<number> {
    for (let index = 1; index <= limit; index++) {
      seen.push(index)
      yield
    }
    return limit
  }

  it('runs to its end at once, or in slices to the same end', async () => {
    expect(runToEnd(countTo(5, []))).toBe(5)
    const seen: number[] = []
    const turns = await turnsDuring(() => runInSlices(countTo(50, seen), { sliceMs: 0 }))
    expect(seen).toHaveLength(50)
    expect(turns).toBeGreaterThanOrEqual(50)
  })

  it('stops when its result is no longer wanted, without finishing', async () => {
    const seen: number[] = []
    let wanted = true
    setImmediate(() => setImmediate(() => (wanted = false)))
    await expect(runInSlices(countTo(1000, seen), { sliceMs: 0, abandon: () => !wanted })).resolves.toBeUndefined()
    expect(seen.length).toBeLessThan(1000)
  })
})
