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

describe('listing and filtering', () => {
  it('filters by framework, responsibility, status and owner, matching the full list', () => {
    const all = register.controls.list()
    const filtered = register.controls.list({ framework: 'pci', responsibility: 'customer', status: 'implemented' })
    const expected = all.filter(
      (c) =>
        c.responsibility === 'customer' &&
        c.status === 'implemented' &&
        c.mappings.some((mapping) => mapping.framework === 'pci')
    )
    expect(filtered.map((c) => c.id)).toEqual(expected.map((c) => c.id))
    expect(filtered.length).toBeGreaterThan(0)
    expect(filtered.length).toBeLessThan(all.length)

    const owner = all[0]!.owner
    expect(register.controls.list({ owner }).every((c) => c.owner === owner)).toBe(true)
    expect(register.controls.list({ owner: 'Nobody At All' })).toEqual([])
  })

  it('finds controls by words of their text with full-text search, prefixes included', () => {
    const hits = register.controls.list({ search: 'guardduty findings' }).map((c) => c.id)
    expect(hits.length).toBeGreaterThan(0)
    for (const id of hits) {
      const control = register.controls.get(id)
      const text =
        `${control.title} ${control.statement} ${control.notes} ${control.domain} ${control.owner}`.toLowerCase()
      expect(text).toContain('guardduty')
      expect(text).toMatch(/finding/)
    }
    expect(register.controls.list({ search: 'IAM-01' }).map((c) => c.id)).toContain('IAM-01')
  })

  it('treats quotes, operators and SQL in search text as plain words', () => {
    for (const text of ['"; DROP TABLE controls; --', 'NEAR(a b', '* OR 1=1', "o'brien", 'AND', ')']) {
      expect(() => register.controls.list({ search: text })).not.toThrow()
    }
    expect(register.controls.list().length).toBeGreaterThanOrEqual(60)
  })

  it('lists each control with its mappings', () => {
    const control = register.controls.list().find((c) => c.id === 'IAM-01')!
    const detail = register.controls.get('IAM-01')
    expect(control.mappings).toHaveLength(detail.requirements.length)
    expect(control.mappings).toContainEqual({ framework: 'hipaa', ref: '164.312(d)' })
  })
})

describe('finding controls for a picker', () => {
  it('finds by id (whole or begun) before title words, at most the limit, and says when there are more', () => {
    const exact = register.controls.find('IAM-01', 5)
    expect(exact.items[0]?.id).toBe('IAM-01')
    const begun = register.controls.find('IAM', 3)
    expect(begun.items.map((control) => control.id)).toEqual(['IAM-01', 'IAM-02', 'IAM-03'])
    expect(begun.more).toBe(true)
    const all = register.controls.list()
    const firstPage = register.controls.find('', 10)
    expect(firstPage.items.map((control) => control.id)).toEqual(all.slice(0, 10).map((control) => control.id))
    const everything = register.controls.find('', 100)
    expect(everything.items).toHaveLength(Math.min(100, all.length))
    expect(everything.more).toBe(all.length > 100)
    const word = all.find((control) => control.title.split(' ').length > 1)!
    const byTitle = register.controls.find(word.title.split(' ').slice(0, 2).join(' '), 50)
    expect(byTitle.items.map((control) => control.id)).toContain(word.id)
    for (const control of byTitle.items) expect(control).toHaveProperty('status')
  })

  it('searches only ids and titles, and treats operators and SQL as plain words', () => {
    const owner = register.controls.list()[0]!.owner
    const byOwner = register.controls.find(owner, 100).items.map((control) => control.id)
    for (const id of byOwner) {
      const control = register.controls.get(id)
      expect(`${control.id} ${control.title}`.toLowerCase()).toMatch(new RegExp(owner.toLowerCase().split(/\W+/)[0]!))
    }
    for (const text of ['"; DROP TABLE controls; --', 'NEAR(a b', '* OR 1=1', '100%', 'a_b', ')']) {
      expect(() => register.controls.find(text)).not.toThrow()
    }
  })

  it('leaves out the ids named, the controls mapped to frameworks or a requirement, and those linked to evidence', () => {
    const first = register.controls.find('', 3).items.map((control) => control.id)
    expect(register.controls.find('', 3, { ids: first }).items.map((control) => control.id)).not.toContain(first[0])

    const pciMapped = new Set(register.controls.list({ framework: 'pci' }).map((control) => control.id))
    const notPci = register.controls.find('', 100, { mappedTo: { frameworks: ['pci'] } }).items
    expect(notPci.length).toBeGreaterThan(0)
    for (const control of notPci) expect(pciMapped.has(control.id)).toBe(false)

    const mapped = register.controls.get('IAM-01').requirements[0]!
    const notOnRequirement = register.controls
      .find('IAM', 100, { mappedTo: { frameworks: [mapped.framework], ref: mapped.ref } })
      .items.map((control) => control.id)
    expect(notOnRequirement).not.toContain('IAM-01')
    expect(notOnRequirement.length).toBeGreaterThan(0)

    const evidence = register.evidence.list({}, { limit: 50 }).items.find((item) => item.controls.length > 0)
    if (!evidence) throw new Error('The sample has linked evidence')
    const linked = register.evidence.get(evidence.id).linkedControls.map((control) => control.id)
    const unlinked = register.controls.find('', 100, { linkedToEvidence: evidence.id }).items
    for (const control of unlinked) expect(linked).not.toContain(control.id)
  })
})

describe('editing', () => {
  it('records who changed which fields from what to what, and bumps the version', () => {
    const before = register.controls.get('IAM-01')
    const after = register.controls.update('IAM-01', {
      status: 'in-progress',
      owner: 'Morgan Diaz',
      title: before.title
    })
    expect(after.status).toBe('in-progress')
    expect(after.version).toBe(before.version + 1)
    const [entry] = register.audit.list({ entityType: 'control', entityId: 'IAM-01', limit: 1 })
    expect(entry).toMatchObject({
      actor: 'test.user',
      action: 'control.update',
      before: { status: before.status, owner: before.owner },
      after: { status: 'in-progress', owner: 'Morgan Diaz' }
    })
    expect(register.audit.verify().ok).toBe(true)
  })

  it('writes nothing for a change that changes nothing', () => {
    const before = register.controls.get('IAM-01')
    const entries = register.audit.count()
    expect(register.controls.update('IAM-01', { status: before.status }).version).toBe(before.version)
    expect(register.audit.count()).toBe(entries)
  })

  it('refuses an edit made from a stale version and keeps the newer one', () => {
    const { version } = register.controls.get('IAM-01')
    register.controls.update('IAM-01', { owner: 'First Editor' })
    expect(() => register.controls.update('IAM-01', { owner: 'Second Editor' }, version)).toThrow(
      expect.objectContaining({ code: 'CONFLICT' })
    )
    expect(register.controls.get('IAM-01').owner).toBe('First Editor')
  })

  it('says which control does not exist', () => {
    expect(() => register.controls.get('XYZ-99')).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND', message: expect.stringContaining('XYZ-99') })
    )
    expect(() => register.controls.update('XYZ-99', { owner: 'x' })).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' })
    )
  })

  it('stores HTML and SQL in text fields as plain text', () => {
    const notes = `<img src=x onerror="alert(1)"> '); DELETE FROM controls; --`
    register.controls.update('IAM-01', { notes })
    expect(register.controls.get('IAM-01').notes).toBe(notes)
    expect(register.controls.list().length).toBeGreaterThanOrEqual(60)
  })

  it('creates custom controls and refuses a duplicate id', () => {
    const created = register.controls.create({
      id: 'APP-90',
      title: 'Feature flags reviewed',
      responsibility: 'customer'
    })
    expect(created).toMatchObject({ id: 'APP-90', origin: 'custom', status: 'not-started', version: 1 })
    expect(() => register.controls.create({ id: 'APP-90', title: 'Again', responsibility: 'customer' })).toThrow(
      expect.objectContaining({ code: 'CONFLICT' })
    )
  })
})

describe('a new control for a gap', () => {
  it('takes its owner, status and mappings in one audited change, or nothing when a reference is unknown', () => {
    const created = register.controls.create({
      id: 'PAY-20',
      title: 'Issuer card data kept only as needed',
      responsibility: 'customer',
      owner: 'Dana Ruiz',
      status: 'in-progress',
      mappings: [{ framework: 'pci', ref: '3.3.3' }]
    })
    expect(created).toMatchObject({ owner: 'Dana Ruiz', status: 'in-progress' })
    expect(created.requirements).toEqual([expect.objectContaining({ framework: 'pci', ref: '3.3.3' })])
    expect(register.audit.list({ limit: 1 })[0]).toMatchObject({
      action: 'control.create',
      entityId: 'PAY-20',
      summary: 'Created PAY-20 "Issuer card data kept only as needed", mapped to PCI DSS 3.3.3',
      after: expect.objectContaining({ mappings: [{ framework: 'pci', ref: '3.3.3' }] })
    })
    const entries = register.audit.count()
    expect(() =>
      register.controls.create({
        id: 'PAY-21',
        title: 'Nowhere',
        responsibility: 'customer',
        mappings: [{ framework: 'pci', ref: '99.99' }]
      })
    ).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }))
    expect(() => register.controls.get('PAY-21')).toThrow()
    expect(register.audit.count()).toBe(entries)
  })
})

describe('mappings', () => {
  it('maps and unmaps, audits both, and rejects unknown references', () => {
    const mapped = register.controls.map('APP-01', 'gdpr', 'Art. 30')
    expect(mapped.requirements).toContainEqual(expect.objectContaining({ framework: 'gdpr', ref: 'Art. 30' }))
    expect(register.audit.list({ limit: 1 })[0]).toMatchObject({ action: 'control.map', entityId: 'APP-01' })
    const unmapped = register.controls.unmap('APP-01', 'gdpr', 'Art. 30')
    expect(unmapped.requirements.some((r) => r.framework === 'gdpr' && r.ref === 'Art. 30')).toBe(false)
    expect(register.audit.list({ limit: 1 })[0]).toMatchObject({
      action: 'control.unmap',
      before: { framework: 'gdpr', ref: 'Art. 30' }
    })
    expect(() => register.controls.map('APP-01', 'pci', '99.9')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }))
    expect(() => register.controls.unmap('APP-01', 'gdpr', 'Art. 30')).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' })
    )
  })
})
