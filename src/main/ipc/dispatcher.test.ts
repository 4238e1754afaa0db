import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Assessment } from '../core/compliance/assessment'
import type { Register } from '../core/register'
import { openTempRegister } from '../core/testing/temp-register'
import { createDispatcher, type Dispatch } from './dispatcher'
import { createHandlers, MUTATING_CHANNELS } from './handlers'

let register: Register
let cleanup: () => void
let dispatch: Dispatch
let mutations: string[]
let logged: unknown[]

beforeEach(async () => {
  ;({ register, cleanup } = await openTempRegister())
  mutations = []
  logged = []
  dispatch = createDispatcher(createHandlers(register), {
    mutating: MUTATING_CHANNELS,
    onMutation: (channel) => mutations.push(channel),
    logError: (_channel, error) => logged.push(error)
  })
})
afterEach(() => cleanup())

describe('the dispatcher', () => {
  it('answers a valid call with the value in an envelope', async () => {
    const result = await dispatch('controls:get', { id: 'iam-01' })
    expect(result).toMatchObject({ ok: true, value: { id: 'IAM-01' } })
  })

  it('refuses unknown channels', async () => {
    expect(await dispatch('fs:readFile', { path: '/etc/passwd' })).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: 'Unknown request fs:readFile.' }
    })
  })

  it.each([
    ['an unknown status', { id: 'IAM-01', patch: { status: 'done' } }, /Unknown status/],
    ['an oversized title', { id: 'IAM-01', patch: { title: 'x'.repeat(201) } }, /too long/],
    ['control characters', { id: 'IAM-01', patch: { owner: 'Ann\u0007' } }, /control characters/],
    ['a malformed id', { id: '../../etc', patch: { owner: 'Ann' } }, /control id looks like/],
    ['an unexpected field', { id: 'IAM-01', patch: { origin: 'library' } }, /Unrecognized key|unrecognized/i],
    ['an empty patch', { id: 'IAM-01', patch: {} }, /Nothing to change/],
    ['no argument at all', undefined, /./]
  ])('refuses %s with a VALIDATION error and changes nothing', async (_label, args, message) => {
    const entries = register.audit.count()
    const before = register.controls.get('IAM-01')
    const result = await dispatch('controls:update', args)
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(message) } })
    expect(register.audit.count()).toBe(entries)
    expect(register.controls.get('IAM-01')).toEqual(before)
    expect(mutations).toEqual([])
  })

  it('maps domain errors to their codes', async () => {
    expect(await dispatch('controls:get', { id: 'ZZZ-99' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    const stale = await dispatch('controls:update', { id: 'IAM-01', patch: { owner: 'A' }, expectedVersion: 99 })
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  })

  it('hides unexpected errors behind a short message and logs them', async () => {
    register.close()
    const result = await dispatch('controls:list', {})
    expect(result).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: expect.stringContaining('nothing was changed') }
    })
    expect(logged).toHaveLength(1)
  })

  it('reports changes so views can refresh', async () => {
    await dispatch('controls:update', { id: 'IAM-01', patch: { owner: 'Ann' } })
    await dispatch('controls:list', {})
    expect(mutations).toEqual(['controls:update'])
  })
})

describe("the screens' whole-register reads", () => {
  it('build the assessment they read in slices first, so the read itself takes no time', async () => {
    const prepared: string[][] = []
    const prepare = vi.spyOn(Assessment.prototype, 'prepare').mockImplementation(async function (this: Assessment) {
      prepared.push([...this.options.frameworks])
      // As the real one does, minus the pauses: every tree built before the read.
      for (const framework of this.options.frameworks) this.tree(framework)
    })
    const all = register.compliance.frameworkIds()
    try {
      const calls: [string, unknown, string[]][] = [
        ['dashboard:summary', undefined, register.dashboard.assessmentRequest().frameworks],
        ['frameworks:list', undefined, all],
        ['frameworks:tree', { framework: 'pci' }, ['pci']],
        ['requirements:controls', { framework: 'hipaa', ref: '164.308(a)(1)(ii)(A)' }, ['hipaa']],
        ['responsibility:matrix', {}, all],
        ['responsibility:column', { framework: 'gdpr', responsibility: 'aws' }, ['gdpr']]
      ]
      for (const [channel, args, frameworks] of calls) {
        prepared.length = 0
        const result = await dispatch(channel, args)
        expect(result.ok, channel).toBe(true)
        expect(prepared, channel).toEqual([frameworks])
      }
    } finally {
      prepare.mockRestore()
    }
  })

  it('leave an unknown framework for the read to report in its own words', async () => {
    const result = await dispatch('frameworks:tree', { framework: 'sox' })
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })
})
