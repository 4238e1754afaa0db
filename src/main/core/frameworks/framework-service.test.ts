import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { applicableOf } from '../../../shared/compliance/results'
import type { Register } from '../register'
import { openTempRegister } from '../testing/temp-register'

let register: Register
let cleanup: () => void

beforeEach(async () => {
  ;({ register, cleanup } = await openTempRegister())
  await register.loadSampleOrganisation()
})
afterEach(() => cleanup())

describe('results', () => {
  it('counts every assessable requirement by its result, and coverage is in place out of applicable', () => {
    for (const summary of register.frameworks.list()) {
      const requirements = register.frameworks.tree(summary.id).filter((node) => node.assessable)
      const count = (result: string): number => requirements.filter((node) => node.result === result).length
      expect(summary.requirements).toBe(requirements.length)
      expect(summary.results).toEqual({
        'in-place': count('in-place'),
        'not-in-place': count('not-in-place'),
        'not-tested': count('not-tested'),
        'not-applicable': count('not-applicable')
      })
      expect(summary.notApplicable).toBe(count('not-applicable'))
      expect(summary.coverage).toBeCloseTo(count('in-place') / applicableOf(summary.results))
      for (const node of requirements) expect(node.reasons.length).toBeGreaterThan(0)
    }
  })

  it('rolls results up the tree', () => {
    const tree = register.frameworks.tree('pci')
    const requirement8 = tree.find((node) => node.ref === '8')!
    const under8 = tree.filter((node) => node.assessable && node.ref.startsWith('8.'))
    for (const result of ['in-place', 'not-in-place', 'not-tested', 'not-applicable'] as const) {
      expect(requirement8.subtree[result]).toBe(under8.filter((node) => node.result === result).length)
    }
  })

  it('is not in place while any mapped control is not implemented, whatever the others are', () => {
    const tree = register.frameworks.tree('pci')
    // PCI DSS 9.2 is met by PHY-04, which the sample has in progress.
    const node = tree.find((candidate) => candidate.ref === '9.2')!
    expect(node.controls.map((control) => control.id)).toContain('PHY-04')
    expect(node.result).toBe('not-in-place')
    expect(node.reasons).toContain('PHY-04 is in progress.')
    for (const candidate of tree.filter((n) => n.assessable && n.controls.some((c) => c.status !== 'implemented'))) {
      const open = candidate.controls.filter((c) => c.status !== 'implemented' && c.status !== 'not-applicable')
      if (candidate.applicable && open.length > 0) expect(candidate.result).toBe('not-in-place')
    }
  })

  it('follows a control from not in place, to not tested, to in place as evidence arrives', async () => {
    const tree = register.frameworks.tree('pci')
    const node = tree.find(
      (candidate) =>
        candidate.result === 'not-in-place' &&
        candidate.controls.length === 1 &&
        candidate.controls[0]!.responsibility === 'customer'
    )!
    const control = node.controls[0]!.id
    register.controls.update(control, { status: 'implemented' })
    const untested = register.frameworks.tree('pci').find((candidate) => candidate.ref === node.ref)!
    expect(untested.result).toBe('not-tested')
    expect(untested.reasons).toEqual([`${control} has no evidence in force for the audit period.`])

    const { start, end } = register.settings.auditPeriod()
    const imported = await register.evidence.importFiles([await writeTextFile(`${control} evidence`)], {
      controls: [control],
      kind: 'screenshot',
      effectiveDate: end,
      accounts: []
    })
    expect(imported.failed).toEqual([])
    const inPlace = register.frameworks.tree('pci').find((candidate) => candidate.ref === node.ref)!
    expect(inPlace.result).toBe('in-place')
    // Evidence dated before the period does not count.
    register.evidence.update(imported.imported[0]!.id, {
      effectiveDate: start.replace(/^\d{4}/, (y) => String(Number(y) - 1))
    })
    expect(register.frameworks.tree('pci').find((candidate) => candidate.ref === node.ref)!.result).toBe('not-tested')
  })

  it('judges results for the period and scope asked for, and the register keeps its own period', () => {
    const period = { start: '2020-01-01', end: '2020-12-31' }
    const old = register.frameworks.tree('pci', { period })
    // Nothing the sample holds is dated in 2020: no requirement with a control can be in place then.
    expect(old.filter((node) => node.result === 'in-place')).toEqual([])
    register.settings.setAuditPeriod(period)
    expect(register.frameworks.get('pci').results['in-place']).toBe(0)
    expect(register.frameworks.get('pci').assessment).toMatchObject({
      periodStart: '2020-01-01',
      judgedOn: '2020-12-31'
    })
    register.settings.setAuditPeriod(null)
    expect(register.frameworks.get('pci').results['in-place']).toBeGreaterThan(0)
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
      result: 'not-applicable',
      reasons: ['No automated decisions with legal effect are made.']
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

  it('makes a requirement whose only controls do not apply not applicable, with their reasons', () => {
    // In the sample, DAT-08 (paper and removable media) does not apply: no card data on paper.
    const node = register.frameworks.tree('pci').find((candidate) => candidate.ref === '9.4.3')!
    expect(node.controls.map((control) => control.id)).toEqual(['DAT-08'])
    expect(node.result).toBe('not-applicable')
    expect(node.reasons[0]).toMatch(/^DAT-08 is not applicable: Card data never appears on paper/)
  })
})

describe('HIPAA addressable decisions', () => {
  const ref = '164.312(a)(2)(iv)' // Encryption and decryption: addressable

  it('records, audits and shows a decision, and a not-reasonable decision makes it not applicable', () => {
    const before = register.frameworks.tree('hipaa').find((node) => node.ref === ref)!
    expect(before.specification).toBe('Addressable')
    expect(before.decision).toBeNull()
    register.setActor('Sofia Marchetti')
    const decided = register.frameworks.decide(
      'hipaa',
      ref,
      'not-reasonable',
      'No ePHI is stored outside KMS-encrypted services.'
    )
    expect(decided.decision).toMatchObject({ decision: 'not-reasonable', decidedBy: 'Sofia Marchetti' })
    expect(decided.result).toBe('not-applicable')
    expect(register.audit.list({ limit: 1 })[0]).toMatchObject({
      action: 'requirement.decide',
      entityId: `hipaa:${ref}`
    })
    const alternative = register.frameworks.decide('hipaa', ref, 'alternative', 'Field-level tokenisation instead.')
    expect(alternative.result).not.toBe('not-applicable')
    expect(register.frameworks.decide('hipaa', ref, null, '').decision).toBeNull()
  })

  it('refuses a decision for a required specification', () => {
    expect(() => register.frameworks.decide('hipaa', '164.308(a)(1)(ii)(A)', 'implemented', 'Done.')).toThrow(
      /not an addressable implementation specification/
    )
  })
})

async function writeTextFile(text: string): Promise<string> {
  const { writeFile, mkdtemp } = await import('node:fs/promises')
  const { tmpdir } = await import('node:os')
  const { join } = await import('node:path')
  const dir = await mkdtemp(join(tmpdir(), 'evidence-desk-file-'))
  const path = join(dir, `${text.replace(/\W+/g, '-')}.txt`)
  await writeFile(path, text)
  return path
}
