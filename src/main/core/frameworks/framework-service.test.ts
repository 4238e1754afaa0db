import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Register } from '../register'
import { openTempRegister } from '../testing/temp-register'

let register: Register
let cleanup: () => void

beforeEach(async () => {
  ;({ register, cleanup } = await openTempRegister())
  await register.loadSampleOrganisation()
})
afterEach(() => cleanup())

describe('coverage', () => {
  it('counts applicable requirements with at least one implemented control', () => {
    for (const summary of register.frameworks.list()) {
      const requirements = register.frameworks.tree(summary.id).filter((node) => node.assessable)
      const applicable = requirements.filter((node) => node.applicable)
      const covered = applicable.filter((node) => node.controls.some((control) => control.status === 'implemented'))
      expect(summary.requirements).toBe(requirements.length)
      expect(summary.notApplicable).toBe(requirements.length - applicable.length)
      expect(summary.covered).toBe(covered.length)
      expect(summary.coverage).toBeCloseTo(covered.length / applicable.length)
    }
  })

  it('rolls coverage up the tree', () => {
    const tree = register.frameworks.tree('pci')
    const requirement8 = tree.find((node) => node.ref === '8')!
    const under8 = tree.filter(
      (node) => node.assessable && node.applicable && (node.ref === '8' || node.ref.startsWith('8.'))
    )
    expect(requirement8.subtree.applicable).toBe(under8.length)
    expect(requirement8.subtree.covered).toBe(under8.filter((node) => node.covered).length)
  })

  it('moves up when a control becomes implemented', () => {
    const gap = register.frameworks
      .tree('pci')
      .find((node) => node.assessable && node.applicable && !node.covered && node.controls.length > 0)!
    const before = register.frameworks.get('pci').covered
    register.controls.update(gap.controls[0]!.id, { status: 'implemented' })
    expect(register.frameworks.get('pci').covered).toBeGreaterThan(before)
  })
})

describe('scoping', () => {
  it('marks a requirement not applicable with a reason, takes it out of coverage, and back', () => {
    const before = register.frameworks.get('gdpr')
    const node = register.frameworks.scope(
      'gdpr',
      'Art. 22',
      false,
      'No automated decisions with legal effect are made.'
    )
    expect(node).toMatchObject({
      applicable: false,
      scopingReason: 'No automated decisions with legal effect are made.'
    })
    expect(register.frameworks.get('gdpr').notApplicable).toBe(before.notApplicable + 1)
    expect(register.audit.list({ limit: 1 })[0]).toMatchObject({
      action: 'requirement.scope',
      entityId: 'gdpr:Art. 22'
    })
    expect(register.frameworks.scope('gdpr', 'Art. 22', true, '').applicable).toBe(true)
    expect(register.frameworks.get('gdpr').notApplicable).toBe(before.notApplicable)
  })

  it('explains every requirement without a control', () => {
    for (const summary of register.frameworks.list()) {
      const unexplained = register.frameworks
        .tree(summary.id)
        .filter((node) => node.assessable && node.controls.length === 0 && node.applicable)
        .filter((node) => !(summary.id === 'pci' && /^A\d/.test(node.ref)))
      expect(unexplained.map((node) => node.ref)).toEqual([])
    }
  })
})
