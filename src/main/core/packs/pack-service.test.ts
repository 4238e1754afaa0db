import { createPublicKey } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { Readable } from 'node:stream'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { FrameworkId } from '../../../shared/domain'
import type { EvidenceImportOptions, PackInput } from '../../../shared/schemas'
import type { JobProgress } from '../../../shared/types'
import { AppError } from '../errors'
import { CancelledError } from '../jobs/job-registry'
import type { Register, RegisterOptions } from '../register'
import { openSampleRegister, openTempRegister } from '../testing/temp-register'
import type { PackRequest } from './assemble-pack'
import { buildHeapLimitMb } from './pack-service'
import { decodePackContent, type PackContent } from './pack-content'
import { changesDuring, turnsDuring } from '../testing/event-loop-turns'
import { verifyPackFile } from './verify/verify-pack'
import type { DedicatedOptions, TaskRunner } from '../jobs/task-runner'
import { sha256, sha256File, tool } from './testing/pack-test-tools'

const cleanups: (() => void)[] = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()!()
})

async function fresh(options: Partial<RegisterOptions> = {}): Promise<{ register: Register; dataDir: string }> {
  const opened = await openTempRegister(options)
  cleanups.push(opened.cleanup)
  return opened
}

async function sampleRegister(): Promise<Register> {
  const opened = await openSampleRegister()
  cleanups.push(opened.cleanup)
  return opened.register
}

const ALL = { accounts: [], organizationalUnits: [] }

function input(overrides: Partial<PackInput> = {}): PackInput {
  return {
    name: 'PCI DSS 2026 assessment',
    frameworks: ['pci'],
    scope: ALL,
    periodStart: '2026-01-01',
    periodEnd: '2026-12-31',
    organisation: 'Harbor Bean Coffee Co.',
    auditor: 'Example QSA LLC',
    preparer: 'Maya Chen',
    ...overrides
  }
}

function request(overrides: Partial<PackRequest> = {}): PackRequest {
  return { ...input(), id: null, controls: [], ...overrides }
}

/** Imports a small text file as evidence, with the dates, accounts and controls given. */
async function addEvidence(register: Register, name: string, options: EvidenceImportOptions): Promise<string> {
  const bytes = Buffer.from(`Evidence ${name}: exported for the test of packs.\n`)
  const item = await register.evidence.importStream(Readable.from([bytes]), name, bytes.length, options)
  return item.id
}

/** The controls mapped to an assessable requirement of a framework, in register order. */
function mappedControls(register: Register, framework: FrameworkId): string[] {
  const ids = register.frameworks
    .tree(framework)
    .filter((node) => node.assessable)
    .flatMap((node) => node.controls.map((control) => control.id))
  return [...new Set(ids)]
}

/** A pack's content without the moment it was made, to compare two assemblies. */
const untimed = (content: PackContent) => ({ ...content, pack: { ...content.pack, generatedAt: '' } })

const entriesFor = (register: Register, id: string) =>
  register.audit.list({ entityType: 'pack', entityId: id, order: 'asc' })

// ---------------------------------------------------------------------------------------------

describe('pack definitions', () => {
  it('creates packs with sequential ids, reads them back, lists them by period end, and audits each creation', async () => {
    const { register } = await fresh()
    const first = register.packs.create(input())
    const second = register.packs.create(
      input({ name: 'HIPAA 2027', frameworks: ['hipaa', 'gdpr'], periodStart: '2027-01-01', periodEnd: '2027-12-31' })
    )
    expect(first).toMatchObject({
      id: 'PK-0001',
      ...input(),
      version: 1,
      controls: [],
      exports: []
    })
    expect(second).toMatchObject({ id: 'PK-0002', frameworks: ['hipaa', 'gdpr'], periodEnd: '2027-12-31' })
    expect(register.packs.get('PK-0002')).toEqual(second)
    // The latest audit period first.
    expect(register.packs.list().map((pack) => pack.id)).toEqual(['PK-0002', 'PK-0001'])
    expect(register.packs.list()[1]).toEqual(register.packs.get('PK-0001'))

    const created = entriesFor(register, 'PK-0001')
    expect(created).toHaveLength(1)
    expect(created[0]).toMatchObject({
      action: 'pack.create',
      entityType: 'pack',
      actor: 'test.user',
      summary: expect.stringContaining('PCI DSS 2026 assessment'),
      after: expect.objectContaining({ name: 'PCI DSS 2026 assessment', periodStart: '2026-01-01' })
    })
    expect(register.audit.verify().ok).toBe(true)
  })

  it('keeps the control choices given at creation', async () => {
    const { register } = await fresh()
    const [control] = mappedControls(register, 'pci')
    const pack = register.packs.create(input(), [
      { controlId: control!, included: false, reason: 'Assessed separately' }
    ])
    expect(pack.controls).toEqual([{ controlId: control, included: false, reason: 'Assessed separately' }])
  })

  it('updates only what changed, bumps the version and records before and after', async () => {
    const { register } = await fresh()
    const pack = register.packs.create(input())
    const updated = register.packs.update(pack.id, { name: 'PCI DSS 2026 (final)', auditor: pack.auditor }, 1)
    expect(updated).toMatchObject({ name: 'PCI DSS 2026 (final)', auditor: 'Example QSA LLC', version: 2 })
    expect(updated.updatedAt > pack.updatedAt).toBe(true)
    expect(entriesFor(register, pack.id).at(-1)).toMatchObject({
      action: 'pack.update',
      before: { name: 'PCI DSS 2026 assessment' },
      after: { name: 'PCI DSS 2026 (final)' }
    })

    // A patch that changes nothing is not a change: same version, no entry.
    const entries = register.audit.count()
    expect(register.packs.update(pack.id, { name: 'PCI DSS 2026 (final)' }).version).toBe(2)
    expect(register.audit.count()).toBe(entries)
  })

  it('refuses an update made against an older version with a CONFLICT, and keeps the newer change', async () => {
    const { register } = await fresh()
    const pack = register.packs.create(input())
    register.packs.update(pack.id, { auditor: 'First QSA' }, pack.version)
    const entries = register.audit.count()
    expect(() => register.packs.update(pack.id, { auditor: 'Second QSA' }, pack.version)).toThrow(
      expect.objectContaining({ code: 'CONFLICT', message: expect.stringContaining('was changed elsewhere') })
    )
    expect(register.packs.get(pack.id)).toMatchObject({ auditor: 'First QSA', version: 2 })
    expect(register.audit.count()).toBe(entries)
  })

  it('refuses an audit period that ends before it starts, on creation and on update', async () => {
    const { register } = await fresh()
    const entries = register.audit.count()
    let error: unknown
    try {
      register.packs.create(input({ periodStart: '2027-01-01', periodEnd: '2026-12-31' }))
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(AppError)
    expect(error).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/period must start on or before its end/)
    })
    expect(register.packs.list()).toEqual([])
    expect(register.audit.count()).toBe(entries)

    const pack = register.packs.create(input())
    expect(() => register.packs.update(pack.id, { periodStart: '2027-02-01' })).toThrow(
      expect.objectContaining({
        code: 'VALIDATION',
        message: expect.stringMatching(/period must start on or before its end/)
      })
    )
    expect(register.packs.get(pack.id)).toMatchObject({ periodStart: '2026-01-01', version: 1 })
  })

  it('names the pack that does not exist, whatever is asked of it', async () => {
    const { register } = await fresh()
    register.packs.create(input())
    const missing = expect.objectContaining({
      code: 'NOT_FOUND',
      message: expect.stringContaining('There is no pack PK-0099')
    })
    expect(() => register.packs.get('PK-0099')).toThrow(missing)
    expect(() => register.packs.update('PK-0099', { name: 'x' })).toThrow(missing)
    expect(() => register.packs.setControl('PK-0099', 'IAM-01', false, 'x')).toThrow(missing)
    expect(() => register.packs.copyForNextYear('PK-0099')).toThrow(missing)
    expect(() => register.packs.remove('PK-0099')).toThrow(missing)
    await expect(register.packs.exportSaved('PK-0099', { pdf: true, zip: false })).rejects.toMatchObject({
      code: 'NOT_FOUND'
    })
  })

  it('takes a control out with a reason, adds it back with another, returns it to the default, auditing each', async () => {
    const { register } = await fresh()
    const pack = register.packs.create(input())
    const [control] = mappedControls(register, 'pci')

    const out = register.packs.setControl(pack.id, control!, false, '  Covered by the service provider’s AOC  ')
    expect(out.controls).toEqual([
      { controlId: control, included: false, reason: 'Covered by the service provider’s AOC' }
    ])
    expect(entriesFor(register, pack.id).at(-1)).toMatchObject({
      action: 'pack.control',
      summary: `Took ${control} out of pack ${pack.id}: Covered by the service provider’s AOC`,
      after: { control, included: false, reason: 'Covered by the service provider’s AOC' }
    })

    const added = register.packs.setControl(pack.id, control!, true, 'The QSA asked for it')
    expect(added.controls).toEqual([{ controlId: control, included: true, reason: 'The QSA asked for it' }])
    expect(entriesFor(register, pack.id).at(-1)?.summary).toBe(
      `Added ${control} to pack ${pack.id}: The QSA asked for it`
    )

    expect(() => register.packs.setControl(pack.id, control!, false, '  ')).toThrow(
      expect.objectContaining({ code: 'VALIDATION', message: expect.stringContaining('Say why') })
    )
    const reset = register.packs.setControl(pack.id, control!, null, '')
    expect(reset.controls).toEqual([])
    expect(entriesFor(register, pack.id).at(-1)).toMatchObject({
      action: 'pack.control',
      summary: `${control} back to its default in pack ${pack.id}`
    })
    expect(entriesFor(register, pack.id).map((entry) => entry.action)).toEqual([
      'pack.create',
      'pack.control',
      'pack.control',
      'pack.control'
    ])
  })

  it('refuses a control that does not exist and stores nothing', async () => {
    const { register } = await fresh()
    const pack = register.packs.create(input())
    const entries = register.audit.count()
    expect(() => register.packs.setControl(pack.id, 'XYZ-99', false, 'Not ours')).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND', message: expect.stringContaining('XYZ-99') })
    )
    expect(register.packs.get(pack.id).controls).toEqual([])
    expect(register.audit.count()).toBe(entries)
  })

  it('copies a pack for the next year: a year later, the year in its name moved on, the same choices', async () => {
    const { register } = await fresh()
    const scope = { accounts: ['605183429774'], organizationalUnits: ['Workloads/Production'] }
    const source = register.packs.create(
      input({ name: 'PCI DSS 2026 assessment (2026/2027)', scope, periodStart: '2026-04-01', periodEnd: '2027-03-31' })
    )
    const [first, second] = mappedControls(register, 'pci')
    register.packs.setControl(source.id, first!, false, 'Out of scope this year')
    register.packs.setControl(source.id, second!, true, 'Asked for by the QSA')
    const before = register.packs.get(source.id)

    const copy = register.packs.copyForNextYear(source.id)
    expect(copy.id).not.toBe(source.id)
    expect(copy).toMatchObject({
      name: 'PCI DSS 2027 assessment (2027/2028)',
      frameworks: ['pci'],
      scope,
      periodStart: '2027-04-01',
      periodEnd: '2028-03-31',
      organisation: source.organisation,
      auditor: source.auditor,
      preparer: source.preparer,
      version: 1,
      exports: []
    })
    expect(copy.controls).toEqual(before.controls)
    expect(copy.controls).toHaveLength(2)
    expect(register.packs.get(source.id)).toEqual(before)
    expect(entriesFor(register, copy.id)).toMatchObject([
      { action: 'pack.create', summary: `Created pack from ${source.id} for the next audit period` }
    ])

    const plain = register.packs.create(
      input({ name: 'Quarterly review', periodStart: '2024-02-29', periodEnd: '2024-02-29' })
    )
    expect(register.packs.copyForNextYear(plain.id)).toMatchObject({
      name: 'Quarterly review (next year)',
      periodStart: '2025-02-28',
      periodEnd: '2025-02-28'
    })
    // A period that ends on a month's last day keeps doing so: no day falls between two audits.
    const fiscal = register.packs.create(
      input({ name: 'HIPAA FY2027', periodStart: '2026-03-01', periodEnd: '2027-02-28' })
    )
    expect(register.packs.copyForNextYear(fiscal.id)).toMatchObject({
      name: 'HIPAA FY2028',
      periodStart: '2027-03-01',
      periodEnd: '2028-02-29'
    })
  })

  it('removes a pack with its control choices, and audits what it was', async () => {
    const { register } = await fresh()
    const pack = register.packs.create(input())
    const keep = register.packs.create(input({ name: 'Keep me' }))
    register.packs.setControl(pack.id, mappedControls(register, 'pci')[0]!, false, 'n/a')
    register.packs.remove(pack.id)
    expect(() => register.packs.get(pack.id)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }))
    expect(register.packs.list().map((item) => item.id)).toEqual([keep.id])
    expect(register.db.prepare(`SELECT count(*) FROM pack_controls WHERE pack_id = ?`).pluck().get(pack.id)).toBe(0)
    expect(entriesFor(register, pack.id).at(-1)).toMatchObject({
      action: 'pack.delete',
      summary: expect.stringContaining('PCI DSS 2026 assessment'),
      before: expect.objectContaining({
        name: 'PCI DSS 2026 assessment',
        controls: [expect.objectContaining({ included: false })]
      })
    })
    expect(register.audit.verify().ok).toBe(true)
  })
})

// ---------------------------------------------------------------------------------------------

describe('assembling a pack from the sample organisation', () => {
  let register: Register
  let cleanup: () => void
  const byName = (name: string) => register.accounts().find((account) => account.name === name)!
  /** The sample evidence, by original file name, with what the register says about it. */
  const evidenceNamed = (originalName: string) => {
    const summary = register.evidence
      .listAll()
      .find((item) => register.evidence.get(item.id).originalName === originalName)
    if (!summary) throw new Error(`no sample evidence ${originalName}`)
    return register.evidence.get(summary.id)
  }
  const ids = (request: PackRequest) => register.packs.assemble(request).evidence.map((item) => item.id)

  beforeAll(async () => {
    ;({ register, cleanup } = await openTempRegister())
    await register.loadSampleOrganisation()
  })
  afterAll(() => cleanup())

  it('takes all accounts when none is chosen, and evidence only of the included controls', () => {
    const content = register.packs.assemble(request())
    expect(content.pack.scopeLabel).toBe('All AWS accounts')
    expect(content.pack.accounts.map((account) => account.accountId).sort()).toEqual(
      register
        .accounts()
        .map((account) => account.accountId)
        .sort()
    )
    expect(content.evidence.length).toBeGreaterThan(5)
    for (const item of content.evidence) {
      expect(item.controls.length).toBeGreaterThan(0)
      for (const control of item.controls) expect(content.controls[control]).toBeDefined()
      const record = register.evidence.get(item.id)
      expect(item.sha256).toBe(record.sha256)
      expect(item.controls.every((control) => record.controls.includes(control))).toBe(true)
    }
    // Evidence linked to no control of the pack is not in it (the Artifact download wrappers have none).
    const wrapper = evidenceNamed('AWS-SOC-2-Type-2-Report.pdf')
    expect(wrapper.controls).toEqual([])
    expect(content.evidence.map((item) => item.id)).not.toContain(wrapper.id)
  })

  it('keeps to the chosen accounts: other accounts’ evidence is left out, organisation-wide evidence stays', () => {
    const accounting = byName('Accounting')
    const production = byName('Production')
    const productionOnly = evidenceNamed('iam-credential-report.csv')
    const accountingOnly = evidenceNamed('organizations-scps.json')
    const everyAccount = evidenceNamed('config-compliance.json')
    const organisationWide = evidenceNamed('information-security-policy.pdf')
    expect(productionOnly.accounts).toEqual([production.accountId])
    expect(accountingOnly.accounts).toEqual([accounting.accountId])
    expect(organisationWide.accounts).toEqual([])

    const all = ids(request())
    for (const item of [productionOnly, accountingOnly, everyAccount, organisationWide]) expect(all).toContain(item.id)

    const content = register.packs.assemble(
      request({ scope: { accounts: [accounting.accountId], organizationalUnits: [] } })
    )
    expect(content.pack.scopeLabel).toBe(`Accounting (${accounting.accountId})`)
    expect(content.pack.accounts.filter((account) => account.inScope).map((account) => account.accountId)).toEqual([
      accounting.accountId
    ])
    expect(content.pack.accounts.find((account) => account.accountId === accounting.accountId)).toMatchObject({
      name: 'Accounting',
      organizationalUnit: accounting.organizationalUnit,
      environment: accounting.environment,
      purpose: accounting.purpose,
      inScope: true
    })
    const scoped = content.evidence.map((item) => item.id)
    expect(scoped).toContain(accountingOnly.id)
    expect(scoped).toContain(everyAccount.id)
    expect(scoped).toContain(organisationWide.id)
    expect(scoped).not.toContain(productionOnly.id)
    for (const id of scoped) {
      const accounts = register.evidence.get(id).accounts
      expect(accounts.length === 0 || accounts.includes(accounting.accountId)).toBe(true)
    }
    // The control proven only by Production's evidence has none in this pack.
    expect(content.controls[productionOnly.controls[0]!]?.evidence).toEqual([])
  })

  it('keeps evidence of an account the register does not list in a pack of every account', async () => {
    const { register: own } = await fresh()
    const [control] = mappedControls(own, 'pci')
    const id = await addEvidence(own, 'other-account.txt', {
      controls: [control!],
      effectiveDate: '2026-03-01',
      accounts: ['111122223333']
    })
    expect(own.packs.assemble(request()).evidence.map((item) => item.id)).toEqual([id])
  })

  it('takes every account of a chosen organizational unit', () => {
    const production = byName('Production')
    const content = register.packs.assemble(
      request({ scope: { accounts: [], organizationalUnits: [production.organizationalUnit] } })
    )
    expect(content.pack.accounts.filter((account) => account.inScope).map((account) => account.accountId)).toEqual(
      register
        .accounts()
        .filter((account) => account.organizationalUnit === production.organizationalUnit)
        .map((account) => account.accountId)
    )
    const scoped = content.evidence.map((item) => item.id)
    expect(scoped).toContain(evidenceNamed('iam-credential-report.csv').id)
    expect(scoped).toContain(evidenceNamed('waf-web-acl-storefront.json').id)
    expect(scoped).not.toContain(evidenceNamed('organizations-scps.json').id)
  })

  it('keeps to the audit period: by effective date, or by a covered period that overlaps it', () => {
    // The sample evidence is dated relative to the register's clock (28 November 2026).
    const soc2 = evidenceNamed('AWS_SOC2_Type2_2026-04-01_2026-09-30.pdf')
    const policy = evidenceNamed('information-security-policy.pdf')
    const guardDuty = evidenceNamed('guardduty-findings.json')
    const period = { periodStart: '2026-01-01', periodEnd: '2026-06-30' }
    expect(soc2.effectiveDate! > period.periodEnd && soc2.periodStart! <= period.periodEnd).toBe(true)
    expect(policy.effectiveDate! >= period.periodStart && policy.effectiveDate! <= period.periodEnd).toBe(true)
    expect(guardDuty.effectiveDate! > period.periodEnd && guardDuty.periodStart! > period.periodEnd).toBe(true)

    const inPeriod = ids(request(period))
    expect(inPeriod).toContain(soc2.id)
    expect(inPeriod).toContain(policy.id)
    expect(inPeriod).not.toContain(guardDuty.id)
    expect(ids(request())).toContain(guardDuty.id)
    for (const id of inPeriod) {
      const item = register.evidence.get(id)
      const byDate =
        item.effectiveDate !== null &&
        item.effectiveDate >= period.periodStart &&
        item.effectiveDate <= period.periodEnd
      const byCover =
        item.periodStart !== null &&
        item.periodEnd !== null &&
        item.periodStart <= period.periodEnd &&
        item.periodEnd >= period.periodStart
      expect(byDate || byCover, id).toBe(true)
    }
  })

  it('lists excluded controls with their reason and leaves them and their evidence out of the body', () => {
    const screenshot = evidenceNamed('cloudtrail-organization-trail.png')
    const [control] = screenshot.controls
    const baseline = register.packs.assemble(request())
    expect(baseline.controls[control!]).toBeDefined()
    expect(baseline.evidence.map((item) => item.id)).toContain(screenshot.id)

    const reason = 'CloudTrail is assessed in the separate logging review'
    const content = register.packs.assemble(request({ controls: [{ controlId: control!, included: false, reason }] }))
    expect(content.excluded).toEqual([{ id: control, title: register.controls.get(control!).title, reason }])
    expect(content.controls[control!]).toBeUndefined()
    expect(Object.keys(content.controls)).toHaveLength(Object.keys(baseline.controls).length - 1)
    for (const framework of content.frameworks) {
      for (const requirement of framework.requirements) expect(requirement.controls).not.toContain(control)
    }
    expect(content.evidence.map((item) => item.id)).not.toContain(screenshot.id)
    for (const item of content.evidence) expect(item.controls).not.toContain(control)
  })

  it('adds a control not mapped to the pack’s frameworks, with the reason given', () => {
    const pci = new Set(mappedControls(register, 'pci'))
    const extra = mappedControls(register, 'hipaa').find((id) => !pci.has(id))!
    expect(extra).toBeDefined()
    const content = register.packs.assemble(
      request({ controls: [{ controlId: extra, included: true, reason: 'The QSA asked to see it' }] })
    )
    expect(content.controls[extra]).toMatchObject({ id: extra, addedReason: 'The QSA asked to see it' })
    expect(content.additional).toEqual([extra])
    expect(register.packs.assemble(request()).controls[extra]).toBeUndefined()
  })

  it('assembles in slices the same content as at once, serving other callers between the slices', async () => {
    const pack = request({ frameworks: ['pci', 'hipaa', 'gdpr'] })
    const atOnce = untimed(register.packs.assemble(pack))
    let sliced: PackContent | undefined
    // Slices of no length: a turn for others at every step (each control, requirement, evidence item).
    const turns = await turnsDuring(async () => {
      sliced = await register.packs.assembleInSlices(pack, undefined, undefined, 0)
    })
    expect(untimed(sliced!)).toEqual(atOnce)
    expect(turns).toBeGreaterThan(Object.keys(atOnce.controls).length + atOnce.evidence.length)
  })

  it('starts again after a change between its slices: a pack shows the register at one moment', async () => {
    const own = await sampleRegister()
    const pack = request()
    const implemented = Object.values(own.packs.assemble(pack).controls).find(
      (control) => control.status === 'implemented'
    )!
    const assembling = own.packs.assembleInSlices(pack, undefined, undefined, 0)
    await new Promise((resolve) => setImmediate(resolve))
    // A control set back to in progress while the pack is assembled: its requirements' results change with it.
    own.controls.update(implemented.id, { status: 'in-progress' })
    const content = await assembling
    expect(content.controls[implemented.id]!.status).toBe('in-progress')
    expect(untimed(content)).toEqual(untimed(own.packs.assemble(pack)))
  })

  it('covers several frameworks at once: their requirements, the union of their controls, folders for each', () => {
    const single = (framework: FrameworkId) => register.packs.assemble(request({ frameworks: [framework] }))
    const hipaa = single('hipaa')
    const pci = single('pci')
    const both = register.packs.assemble(request({ frameworks: ['hipaa', 'pci'] }))

    expect(both.frameworks.map((framework) => framework.id)).toEqual(['hipaa', 'pci'])
    expect(both.frameworks[0]!.requirements.map((requirement) => requirement.ref)).toEqual(
      register.frameworks.tree('hipaa').map((node) => node.ref)
    )
    expect(both.frameworks[1]!.requirements.map((requirement) => requirement.ref)).toEqual(
      register.frameworks.tree('pci').map((node) => node.ref)
    )
    expect(Object.keys(both.controls).sort()).toEqual(
      [...new Set([...Object.keys(hipaa.controls), ...Object.keys(pci.controls)])].sort()
    )
    expect(both.evidence.map((item) => item.id).sort()).toEqual(
      [...new Set([...hipaa.evidence, ...pci.evidence].map((item) => item.id))].sort()
    )
    const hipaaName = register.frameworks.get('hipaa').name
    const pciName = register.frameworks.get('pci').name
    const inBoth = both.evidence.find(
      (item) =>
        item.folders.some((folder) => folder.startsWith(`${hipaaName}/`)) &&
        item.folders.some((folder) => folder.startsWith(`${pciName}/`))
    )
    expect(inBoth).toBeDefined()
    for (const item of both.evidence) expect(item.folders.length).toBeGreaterThan(0)
  })
})

// ---------------------------------------------------------------------------------------------

describe('readiness', () => {
  const items = (readiness: ReturnType<Register['packs']['readiness']>, kind: string) =>
    readiness.openItems.filter((item) => item.kind === kind)

  it('reports requirements no included control meets as not in place, but not those marked not applicable', async () => {
    const { register } = await fresh()
    const lone = register.frameworks
      .tree('pci')
      .find((node) => node.assessable && node.applicable && node.controls.length === 1)!
    const control = lone.controls[0]!.id
    const noControl = (readiness: ReturnType<Register['packs']['readiness']>) =>
      items(readiness, 'requirement-not-in-place').filter(
        (item) => item.detail === 'No control meets this requirement.'
      )
    expect(noControl(register.packs.readiness(request()))).toEqual([])

    const without = register.packs.readiness(
      request({ controls: [{ controlId: control, included: false, reason: 'x' }] })
    )
    expect(noControl(without)).toContainEqual({
      kind: 'requirement-not-in-place',
      framework: 'pci',
      ref: lone.ref,
      title: lone.title,
      detail: 'No control meets this requirement.'
    })
    for (const missing of noControl(without)) {
      const node = register.frameworks.tree('pci').find((candidate) => candidate.ref === missing.ref)!
      expect(node.controls.map((item) => item.id)).toEqual([control])
    }

    register.frameworks.scope('pci', lone.ref, false, 'No such systems in scope')
    const scoped = register.packs.readiness(
      request({ controls: [{ controlId: control, included: false, reason: 'x' }] })
    )
    expect(noControl(scoped).map((item) => item.ref)).not.toContain(lone.ref)
  })

  it('reports controls without evidence in force: none in the period, or only evidence expired by its end', async () => {
    const { register } = await fresh()
    const [proven, missing, expired, dropped] = mappedControls(register, 'pci')
    await addEvidence(register, 'proven.txt', {
      controls: [proven!],
      effectiveDate: '2026-05-01',
      reviewBy: '2027-05-01'
    })
    await addEvidence(register, 'last-year.txt', {
      controls: [missing!],
      effectiveDate: '2025-05-01',
      reviewBy: '2027-06-01'
    })
    await addEvidence(register, 'expired.txt', {
      controls: [expired!],
      effectiveDate: '2026-02-01',
      reviewBy: '2026-06-30'
    })
    register.controls.update(dropped!, { status: 'not-applicable', notApplicableReason: 'No such systems' })

    // The clock of the test register reads 28 November 2026: the period 2026 is still running.
    const readiness = register.packs.readiness(request())
    expect(readiness.assessment).toMatchObject({
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
      judgedOn: '2026-11-28'
    })
    const listed = items(readiness, 'control-without-evidence').map((item) => item.controlId)
    expect(listed).not.toContain(proven)
    expect(listed).not.toContain(dropped)
    expect(listed).toContain(missing)
    expect(listed).toContain(expired)
    expect(items(readiness, 'evidence-expired').map((item) => item.title)).toEqual(['expired'])
    expect(readiness.evidence).toBe(2)
    expect(readiness.controls).toBe(Object.keys(register.packs.assemble(request()).controls).length)

    // A period that takes in last year's evidence, and one that ends before the other expired.
    const longer = register.packs.readiness(request({ periodStart: '2025-01-01' }))
    expect(items(longer, 'control-without-evidence').map((item) => item.controlId)).not.toContain(missing)
    const shorter = register.packs.readiness(request({ periodEnd: '2026-06-30' }))
    expect(items(shorter, 'control-without-evidence').map((item) => item.controlId)).not.toContain(expired)
  })

  it('reports evidence whose review date falls before the end of the period, and when it has passed', async () => {
    const { register } = await fresh()
    const [control, other] = mappedControls(register, 'pci')
    const expiring = await addEvidence(register, 'expiring.txt', {
      title: 'Firewall rule review',
      controls: [control!, other!],
      effectiveDate: '2026-03-01',
      reviewBy: '2026-12-20'
    })
    const passed = await addEvidence(register, 'passed.txt', {
      controls: [control!],
      effectiveDate: '2026-03-02',
      reviewBy: '2026-09-30'
    })
    const later = await addEvidence(register, 'later.txt', {
      controls: [control!],
      effectiveDate: '2026-03-03',
      reviewBy: '2027-03-01'
    })

    const readiness = register.packs.readiness(request())
    expect(items(readiness, 'evidence-expiring')).toEqual([
      {
        kind: 'evidence-expiring',
        evidenceId: expiring,
        title: 'Firewall rule review',
        detail: `Review by 2026-12-20, before the audit period ends (supports ${[control, other].sort().join(', ')}).`
      }
    ])
    expect(items(readiness, 'evidence-expired').map((item) => item.evidenceId)).toEqual([passed])
    expect(readiness.evidence).toBe(3)
    const due = readiness.openItems.map((item) => item.evidenceId)
    expect(due).not.toContain(later)
    // Judged at the end of an earlier period, the same evidence was still good.
    const earlier = register.packs.readiness(request({ periodEnd: '2026-09-29' }))
    expect(items(earlier, 'evidence-expired')).toEqual([])
  })

  it('agrees with the pack it describes: results and open items come from the same assessment, controls taken out included', async () => {
    const register = await sampleRegister()
    const implemented = register.controls.list({ framework: 'pci', status: 'implemented' }).map((control) => control.id)
    const choices = implemented.map((controlId) => ({ controlId, included: false, reason: 'Assessed separately' }))
    const taken = request({ controls: choices, scope: { accounts: [], organizationalUnits: [] } })
    const content = register.packs.assemble(taken)
    const readiness = register.packs.readiness(taken)
    const pci = content.frameworks[0]!
    // With every implemented control taken out, nothing can be in place: the summary, the matrix and readiness say so.
    expect(pci.results['in-place']).toBe(0)
    expect(readiness.results).toEqual([{ framework: 'pci', name: pci.name, counts: pci.results }])
    const assessed = pci.requirements.filter((requirement) => requirement.result !== null)
    for (const result of ['in-place', 'not-in-place', 'not-tested', 'not-applicable'] as const) {
      expect(assessed.filter((requirement) => requirement.result === result)).toHaveLength(pci.results[result])
    }
    expect(readiness.openItems).toEqual(content.openItems)
    for (const requirement of assessed) {
      for (const control of requirement.controls) expect(implemented).not.toContain(control)
    }
    // The pack's count of evidence in force per control is the rule's: the listed evidence not expired.
    for (const control of Object.values(content.controls)) {
      const listed = control.evidence.filter((id) => content.evidence.find((item) => item.id === id)!.inForce)
      expect(control.evidenceInForce, control.id).toBe(listed.length)
    }
  })

  it('takes evidence on the first and last day of the period, and not the day before or after', async () => {
    const { register } = await fresh()
    const [control] = mappedControls(register, 'pci')
    const add = (name: string, options: EvidenceImportOptions) =>
      addEvidence(register, name, { controls: [control!], ...options })
    const first = await add('first-day.txt', { effectiveDate: '2026-01-01' })
    const last = await add('last-day.txt', { effectiveDate: '2026-12-31' })
    const before = await add('day-before.txt', { effectiveDate: '2025-12-31' })
    const after = await add('day-after.txt', { effectiveDate: '2027-01-01' })
    const coverEndsOnStart = await add('cover-ends.txt', {
      effectiveDate: '2025-06-30',
      periodStart: '2025-01-01',
      periodEnd: '2026-01-01'
    })
    const coverEndsBefore = await add('cover-before.txt', {
      effectiveDate: '2025-06-29',
      periodStart: '2025-01-01',
      periodEnd: '2025-12-31'
    })
    const removed = await add('removed.txt', { effectiveDate: '2026-06-01' })
    register.evidence.remove(removed, 'Uploaded by mistake')

    const content = register.packs.assemble(request())
    expect(content.evidence.map((item) => item.id).sort()).toEqual([first, last, coverEndsOnStart].sort())
    expect(content.evidence.map((item) => item.id)).not.toContain(before)
    expect(content.evidence.map((item) => item.id)).not.toContain(after)
    expect(content.evidence.map((item) => item.id)).not.toContain(coverEndsBefore)
  })
})

// ---------------------------------------------------------------------------------------------

describe('exporting', () => {
  /** A small register: one GDPR control with two evidence files, so an export takes about a second. */
  async function smallRegister(options: Partial<RegisterOptions> = {}) {
    const opened = await fresh(options)
    const [control] = mappedControls(opened.register, 'gdpr')
    await addEvidence(opened.register, 'ropa.txt', { controls: [control!], effectiveDate: '2026-04-01' })
    await addEvidence(opened.register, 'dpia.txt', { controls: [control!], effectiveDate: '2026-05-01' })
    return opened
  }
  const gdpr = (overrides: Partial<PackRequest> = {}) =>
    request({ name: 'GDPR 2026', frameworks: ['gdpr'], ...overrides })

  it('creates the signing key once per data folder, owner-only, reuses it, and gives its fingerprint', async () => {
    const { register, dataDir } = await smallRegister()
    const keys = join(dataDir, 'keys')
    expect(existsSync(keys)).toBe(false)

    const first = await register.packs.export(gdpr(), { pdf: join(dataDir, 'out', 'one.pdf'), zip: null })
    const privatePath = join(keys, 'pack-signing.key')
    const publicPath = join(keys, 'pack-signing.pub')
    expect(statSync(privatePath).mode & 0o777).toBe(0o600)
    expect(statSync(keys).mode & 0o077).toBe(0)
    const publicPem = readFileSync(publicPath, 'utf8')
    expect(readFileSync(privatePath, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/)
    const fingerprint = sha256(createPublicKey(publicPem).export({ type: 'spki', format: 'der' }))
    expect(first.keyFingerprint).toBe(fingerprint)
    // Created and audited with it: the ECDSA key and certificate of the standard PDF signature.
    const created = register.audit.list({ entityType: 'signing-key' })
    expect(created).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'keys.create', entityId: fingerprint }),
        expect.objectContaining({ action: 'keys.create', after: expect.objectContaining({ algorithm: 'ECDSA P-256' }) })
      ])
    )
    expect(created).toHaveLength(2)

    const privateBefore = readFileSync(privatePath)
    const second = await register.packs.export(gdpr(), { pdf: join(dataDir, 'out', 'two.pdf'), zip: null })
    expect(second.keyFingerprint).toBe(fingerprint)
    expect(readFileSync(privatePath).equals(privateBefore)).toBe(true)
    expect(register.audit.list({ entityType: 'signing-key' })).toHaveLength(2)

    // A lost or damaged public key file is derived again from the private key, which is never replaced.
    rmSync(publicPath)
    const third = await register.packs.export(gdpr(), { pdf: join(dataDir, 'out', 'three.pdf'), zip: null })
    expect(third.keyFingerprint).toBe(fingerprint)
    expect(readFileSync(publicPath, 'utf8')).toBe(publicPem)
    writeFileSync(publicPath, 'not a key')
    expect(register.packs.signingKeys().publicKeyPem).toBe(publicPem)
    expect(readFileSync(privatePath).equals(privateBefore)).toBe(true)

    // Another data folder has a key of its own.
    const other = await smallRegister()
    const elsewhere = await other.register.packs.export(gdpr(), { pdf: join(other.dataDir, 'out', 'x.pdf'), zip: null })
    expect(elsewhere.keyFingerprint).toMatch(/^[0-9a-f]{64}$/)
    expect(elsewhere.keyFingerprint).not.toBe(fingerprint)
  }, 90_000)

  it('prints a file-derived name with its control characters and bidi overrides escaped, never raw', async () => {
    const { register, dataDir } = await smallRegister()
    const [control] = mappedControls(register, 'gdpr')
    // Shown raw, the override would make this read as "invoiceexe.txt.jpg" in the pack.
    await addEvidence(register, 'invoice\u202egpj.exe.txt', { controls: [control!], effectiveDate: '2026-06-01' })
    const result = await register.packs.export(gdpr({ frameworks: ['gdpr', 'pci'] }), {
      pdf: join(dataDir, 'out', 'names.pdf'),
      zip: null
    })
    const text = tool('pdftotext', ['-layout', result.pdf!, '-'])
    expect(text.code).toBe(0)
    expect(text.stdout).toContain('invoice\\u202egpj.exe.txt')
    expect(text.stdout).not.toContain('\u202e')
    const attachments = tool('pdfdetach', ['-list', result.pdf!])
    expect(attachments.stdout).not.toContain('\u202e')
    expect(attachments.stdout).toContain('EV-0003 invoice_gpj.exe.txt')
  }, 90_000)

  it('writes a ZIP alone when only a ZIP is asked for, leaving no PDF beside it', async () => {
    const { register, dataDir } = await smallRegister()
    const folder = join(dataDir, 'only-zip')
    const result = await register.packs.export(gdpr(), { pdf: null, zip: join(folder, 'pack.zip') })
    expect(result).toMatchObject({ pdf: null, zip: join(folder, 'pack.zip'), evidence: 2 })
    expect(readdirSync(folder)).toEqual(['pack.zip'])
    expect(result.sha256).toBe(sha256File(join(folder, 'pack.zip')))
    const recorded = register.db.prepare(`SELECT pdf_path, zip_path, pdf_sha256, zip_sha256 FROM pack_exports`).all()
    expect(recorded).toEqual([
      { pdf_path: null, zip_path: join(folder, 'pack.zip'), pdf_sha256: null, zip_sha256: result.sha256 }
    ])
    expect(register.audit.list({ entityType: 'pack', limit: 1 })[0]).toMatchObject({
      action: 'pack.export',
      entityId: expect.stringMatching(/^export-\d+$/),
      summary: expect.stringContaining('pack.zip')
    })
  })

  it('gives each saved export names of its own, even two in the same second, and records both hashes', async () => {
    // A clock that stands still: both exports are stamped the same second.
    const { register, dataDir } = await smallRegister({ now: () => new Date('2026-11-28T09:00:00.000Z') })
    const pack = register.packs.create(gdpr())
    const first = await register.packs.exportSaved(pack.id, { pdf: true, zip: true })
    const second = await register.packs.exportSaved(pack.id, { pdf: true, zip: true })
    expect(dirname(first.pdf!)).toBe(join(dataDir, 'exports'))
    expect(new Set([first.pdf, first.zip, second.pdf, second.zip]).size).toBe(4)
    for (const path of [first.pdf, first.zip, second.pdf, second.zip]) expect(existsSync(path!)).toBe(true)
    expect(sha256File(first.pdf!)).toBe(first.sha256)
    expect(register.packs.get(pack.id).exports).toMatchObject([
      { pdfPath: second.pdf, zipPath: second.zip, pdfSha256: second.sha256, zipSha256: sha256File(second.zip!) },
      { pdfPath: first.pdf, zipPath: first.zip, pdfSha256: first.sha256, zipSha256: sha256File(first.zip!) }
    ])
  })

  it('refuses an export with no target, and a target that is a folder', async () => {
    const { register, dataDir } = await smallRegister()
    await expect(register.packs.export(gdpr(), { pdf: null, zip: null })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('Choose where to write')
    })
    const folder = join(dataDir, 'a-folder.pdf')
    mkdirSync(folder)
    await expect(register.packs.export(gdpr(), { pdf: folder, zip: null })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('is a folder')
    })
    // A folder where no file can be made is named before any work starts, and nothing is recorded.
    await expect(register.packs.export(gdpr(), { pdf: '/proc/pack.pdf', zip: null })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: 'Files cannot be created in /proc. Choose another folder for the pack.'
    })
    expect(register.db.prepare(`SELECT count(*) FROM pack_exports`).pluck().get()).toBe(0)
  })

  it('a cancelled export rejects, leaves no file at the targets and no partial file, and records nothing', async () => {
    const { register, dataDir } = await smallRegister()
    const folder = join(dataDir, 'cancelled')
    const targets = { pdf: join(folder, 'pack.pdf'), zip: join(folder, 'pack.zip') }
    const jobId = 'export-to-cancel'
    const seen: JobProgress[] = []
    const stop = register.jobs.onProgress((progress) => {
      if (progress.jobId !== jobId) return
      seen.push(progress)
      // Cancel once the worker is writing (its first progress report).
      if (progress.state === 'running' && progress.done > 0) expect(register.jobs.cancel(jobId)).toBe(true)
    })
    const exports = register.db.prepare(`SELECT count(*) FROM pack_exports`).pluck()
    try {
      const outcome = register.packs.export(gdpr(), targets, jobId)
      await expect(outcome).rejects.toBeInstanceOf(CancelledError)
      await expect(outcome).rejects.toThrow('The export was cancelled; nothing was changed.')
      await expect(outcome).rejects.toMatchObject({ code: 'CANCELLED' })
    } finally {
      stop()
    }
    expect(seen.some((progress) => progress.state === 'running' && progress.done > 0)).toBe(true)
    expect(seen.at(-1)?.state).toBe('cancelled')
    const leftovers = () => (existsSync(folder) ? readdirSync(folder) : [])
    expect(leftovers()).toEqual([])
    // The stopped worker must not write anything afterwards either.
    await new Promise((resolve) => setTimeout(resolve, 750))
    expect(leftovers()).toEqual([])
    expect(existsSync(targets.pdf) || existsSync(targets.zip)).toBe(false)
    expect(exports.get()).toBe(0)
    expect(register.audit.list({ entityType: 'pack' }).filter((entry) => entry.action === 'pack.export')).toEqual([])

    // The same export afterwards succeeds: nothing stale blocks the names.
    const done = await register.packs.export(gdpr(), targets)
    expect(existsSync(done.pdf!) && existsSync(done.zip!)).toBe(true)
    expect(readdirSync(folder).sort()).toEqual(['pack.pdf', 'pack.zip'])
  })

  it('an export cancelled before it starts rejects and writes nothing', async () => {
    const { register, dataDir } = await smallRegister()
    const folder = join(dataDir, 'early')
    register.jobs.cancel('early-job')
    await expect(
      register.packs.export(gdpr(), { pdf: join(folder, 'pack.pdf'), zip: join(folder, 'pack.zip') }, 'early-job')
    ).rejects.toBeInstanceOf(CancelledError)
    expect(existsSync(folder) ? readdirSync(folder) : []).toEqual([])
  })

  it('takes changes made on every turn while it runs, and counts its audit appendix up to the last entry of the log it attaches', async () => {
    const { register, dataDir } = await smallRegister()
    const [control] = mappedControls(register, 'gdpr')
    const tasks = register.tasks as TaskRunner
    const original = tasks.runDedicated.bind(tasks)
    let handed: { content: PackContent; log: string } | undefined
    vi.spyOn(tasks, 'runDedicated').mockImplementation(((kind, input, options) => {
      const content = decodePackContent((input as { content: Uint8Array }).content)
      handed = { content, log: readFileSync(content.audit.logPath!, 'utf8') }
      return original(kind, input, options)
    }) as TaskRunner['runDedicated'])
    // An edit on another screen on every turn of the event loop, each recorded in the audit log.
    const {
      value: result,
      changes: edits,
      failure
    } = await changesDuring(
      () => register.packs.export(gdpr(), { pdf: join(dataDir, 'busy', 'pack.pdf'), zip: null }),
      (made) => register.controls.update(control!, { owner: `Owner ${made}` })
    )
    expect(failure).toBeNull()
    expect(edits).toBeGreaterThan(10)
    const lines = handed!.log
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { seq: number; hash: string })
    const { audit } = handed!.content
    expect(audit.head).toEqual({ seq: lines.at(-1)!.seq, hash: lines.at(-1)!.hash })
    expect(audit.periodEntries).toBe(lines.length)
    expect(register.audit.list({ limit: 1 })[0]!.seq).toBeGreaterThan(audit.head!.seq)
    expect((await verifyPackFile(result.pdf!)).ok).toBe(true)
  })

  /** Watches (and may change the options of) the dedicated worker an export starts. */
  function watchDedicated(register: Register, change: (options: DedicatedOptions) => DedicatedOptions = (o) => o) {
    const tasks = register.tasks as TaskRunner
    const original = tasks.runDedicated.bind(tasks)
    const calls: { input: { content: Uint8Array }; options: DedicatedOptions; contentBytes: number }[] = []
    vi.spyOn(tasks, 'runDedicated').mockImplementation(((kind, input, options = {}) => {
      const content = (input as { content: Uint8Array }).content
      calls.push({ input: input as { content: Uint8Array }, options, contentBytes: content.byteLength })
      return original(kind, input, change(options))
    }) as TaskRunner['runDedicated'])
    return calls
  }

  it('moves the pack’s content to its worker as transferred bytes, and bounds the worker’s heap by their size', async () => {
    const { register, dataDir } = await smallRegister()
    const calls = watchDedicated(register)
    const result = await register.packs.export(gdpr(), { pdf: join(dataDir, 'moved', 'pack.pdf'), zip: null })
    expect(result.pages).toBeGreaterThan(1)
    expect(calls).toHaveLength(1)
    const [call] = calls
    expect(call!.contentBytes).toBeGreaterThan(1000)
    expect(call!.options.transfer).toEqual([call!.input.content.buffer])
    // Transferred, not copied: the main thread's buffer is detached and holds nothing.
    expect(call!.input.content.byteLength).toBe(0)
    expect(call!.options.heapLimitMb).toBe(buildHeapLimitMb(call!.contentBytes))
    expect((await verifyPackFile(result.pdf!)).ok).toBe(true)
  })

  it('an export that needs more memory than its worker may have says the pack is too large, and leaves nothing', async () => {
    const { register, dataDir } = await smallRegister()
    watchDedicated(register, (options) => ({ ...options, heapLimitMb: 12 }))
    const folder = join(dataDir, 'too-large')
    await expect(
      register.packs.export(gdpr(), { pdf: join(folder, 'pack.pdf'), zip: join(folder, 'pack.zip') })
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/^The pack is too large to build within 12 MB of memory/)
    })
    expect(readdirSync(folder)).toEqual([])
    expect(register.db.prepare(`SELECT count(*) FROM pack_exports`).pluck().get()).toBe(0)
  })

  it('a failed export (a vault file that no longer matches) says which evidence, and leaves nothing', async () => {
    const { register, dataDir } = await smallRegister()
    const [first] = register.evidence.listAll()
    const stored = register.vault.pathOf(first!.sha256)
    chmodSync(stored, 0o644)
    writeFileSync(stored, 'changed behind the register’s back')
    const folder = join(dataDir, 'failed')
    await expect(
      register.packs.export(gdpr(), { pdf: join(folder, 'pack.pdf'), zip: join(folder, 'pack.zip') })
    ).rejects.toMatchObject({ code: 'INTEGRITY', message: expect.stringContaining(first!.id) })
    expect(readdirSync(folder)).toEqual([])
    expect(register.db.prepare(`SELECT count(*) FROM pack_exports`).pluck().get()).toBe(0)
  })
})
