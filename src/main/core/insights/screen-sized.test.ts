import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDispatcher } from '../../ipc/dispatcher'
import { createHandlers } from '../../ipc/handlers'
import type { Register } from '../register'
import { openTempRegister } from '../testing/temp-register'

// One sample register for the file: every test here reads, except the last, which changes it at the end.
let register: Register
let cleanup: () => void
beforeAll(async () => {
  ;({ register, cleanup } = await openTempRegister())
  await register.loadSampleOrganisation()
})
afterAll(() => cleanup())

describe('payloads sized to the screen', () => {
  it('lists the first controls of each requirement with their count, and the rest a page at a time', () => {
    const full = register.frameworks.tree('pci')
    const sized = register.frameworks.tree('pci', { controlsPerNode: 1 })
    expect(sized.map((node) => node.ref)).toEqual(full.map((node) => node.ref))
    const crowded = full.find((node) => node.controls.length > 2)!
    const trimmed = sized.find((node) => node.ref === crowded.ref)!
    expect(trimmed.controls).toEqual(crowded.controls.slice(0, 1))
    expect(trimmed.controlCount).toBe(crowded.controls.length)
    // Results are the assessment's, untouched by the trimming.
    expect({ ...trimmed, controls: crowded.controls, controlCount: undefined }).toEqual({
      ...crowded,
      controlCount: undefined
    })
    const page = register.frameworks.controls('pci', crowded.ref, 1, 1)
    expect(page).toEqual({ items: crowded.controls.slice(1, 2), total: crowded.controls.length })
  })

  it('lists the first controls of each responsibility column, the rest a page at a time', () => {
    const full = register.responsibility.matrix()
    const sized = register.responsibility.matrix(undefined, 2)
    for (const [index, column] of sized.columns.entries()) {
      expect(column.count).toBe(full.columns[index]!.count)
      expect(column.controls).toEqual(full.columns[index]!.controls.slice(0, 2))
    }
    const inherited = sized.columns.find((column) => column.responsibility === 'aws')!
    expect(Object.keys(sized.reportGaps).sort()).toEqual(inherited.controls.map((control) => control.id).sort())
    for (const control of inherited.controls) expect(sized.reports[control.id]).toEqual(full.reports[control.id])
    const page = register.responsibility.column('aws', { offset: 2, limit: 3 })
    const all = full.columns.find((column) => column.responsibility === 'aws')!
    expect(page.items).toEqual(all.controls.slice(2, 5))
    expect(page.total).toBe(all.count)
    expect(Object.keys(page.reports).sort()).toEqual(page.items.map((control) => control.id).sort())
  })

  it('validates the new arguments at the contract', async () => {
    const dispatch = createDispatcher(createHandlers(register))
    expect(await dispatch('frameworks:tree', { framework: 'pci', controlsPerNode: -1 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' }
    })
    expect(await dispatch('responsibility:matrix', { controlsPerColumn: 100_000 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringContaining('at most 1000') }
    })
    expect(await dispatch('requirements:controls', { framework: 'pci', ref: '1.1.1', sneaky: true })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' }
    })
    expect(await dispatch('requirements:controls', { framework: 'pci', ref: '99.99' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' }
    })
    expect(await dispatch('responsibility:column', { responsibility: 'aws', limit: 1 })).toMatchObject({
      ok: true,
      value: { items: [expect.objectContaining({ responsibility: 'aws' })] }
    })
  })

  it('answers again from the register as soon as it changes, whoever reads first', () => {
    const before = register.controls.list({ evidence: 'none' })
    const dashboard = register.dashboard.summary()
    expect(register.controls.list({ evidence: 'none' })).toBe(before)
    const control = before[0]!
    register.controls.update(control.id, { status: 'implemented' })
    const after = register.controls.list({ evidence: 'none' })
    expect(after).not.toBe(before)
    expect(after.find((item) => item.id === control.id)!.status).toBe('implemented')
    expect(register.dashboard.summary()).not.toBe(dashboard)
  })
})
