import { existsSync } from 'node:fs'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { PackReadiness } from '../../../shared/types'
import type { Register } from '../register'
import { openSampleRegister } from '../testing/temp-register'
import { needsPackEvidenceFacts, seedPackEvidenceFacts } from './pack-evidence'

const cleanups: (() => void)[] = []
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()))

async function sample(backgroundReads: boolean): Promise<Register> {
  const opened = await openSampleRegister({ backgroundReads })
  cleanups.push(opened.cleanup)
  return opened.register
}

function createPack(register: Register): string {
  const period = register.settings.auditPeriod()
  return register.packs.create({
    name: 'PCI DSS readiness',
    frameworks: ['pci', 'hipaa'],
    scope: { accounts: [], organizationalUnits: [] },
    periodStart: period.start,
    periodEnd: period.end,
    organisation: 'Harbor Bean',
    auditor: '',
    preparer: ''
  }).id
}

const dueItems = (readiness: PackReadiness) => readiness.openItems.filter((item) => item.kind.startsWith('evidence-'))

describe("a pack's readiness with its evidence read in the worker", () => {
  it('is the readiness read on the main thread, item for item', async () => {
    const background = await sample(true)
    const here = await sample(false)
    const inWorker = await background.packReadiness(createPack(background))
    const onMainThread = await here.packReadiness(createPack(here))
    expect(inWorker).toEqual(onMainThread)
    // The facts read in the worker are the ones that matter: evidence counted and some falling due.
    expect(inWorker.evidence).toBeGreaterThan(0)
    expect(dueItems(inWorker).length).toBeGreaterThan(0)
  })

  it('answers from facts kept with the assessment, and reads them again after a write', async () => {
    const register = await sample(true)
    const id = createPack(register)
    await register.freshReads()
    const request = register.packs.requestOf(register.packs.get(id))
    const assessment = register.packs.assessmentOf(request)
    expect(needsPackEvidenceFacts(assessment)).toBe(true)
    // Facts kept as a worker would keep them are what readiness reports, not read again here.
    seedPackEvidenceFacts(assessment, { count: 12345, due: [] })
    expect(needsPackEvidenceFacts(assessment)).toBe(false)
    expect(register.packs.readiness(request).evidence).toBe(12345)
    expect(dueItems(register.packs.readiness(request))).toEqual([])

    // After a write the facts are read again: evidence removed, one item fewer.
    register.settings.setExpiringDays(31)
    const before = (await register.packReadiness(id)).evidence
    expect(before).toBeLessThan(12345)
    const { start, end } = register.settings.auditPeriod()
    const linked = register.evidence
      .list({}, { limit: 1000 })
      .items.find(
        (item) =>
          item.controls.length > 0 &&
          item.effectiveDate !== null &&
          item.effectiveDate >= start &&
          item.effectiveDate <= end
      )!
    register.evidence.remove(linked.id)
    const after = await register.packReadiness(id)
    expect(after.evidence).toBeLessThan(before)
  })

  it('is read the same way before a saved pack is exported: the export starts with its assessment ready', async () => {
    const register = await sample(true)
    const id = createPack(register)
    // Signing keys exist before: creating them is a change, after which every assessment is made again.
    register.packs.signingKeys()
    await register.exportSavedPack(id, { pdf: true, zip: false })
    register.settings.setExpiringDays(31)
    const request = register.packs.requestOf(register.packs.get(id))
    const exportSaved = register.packs.exportSaved.bind(register.packs)
    let readyAtStart: boolean | undefined
    vi.spyOn(register.packs, 'exportSaved').mockImplementation((...args) => {
      readyAtStart = !needsPackEvidenceFacts(register.packs.assessmentOf(request))
      return exportSaved(...args)
    })
    const result = await register.exportSavedPack(id, { pdf: true, zip: false })
    expect(readyAtStart).toBe(true)
    expect(existsSync(result.pdf!)).toBe(true)
  })
})
