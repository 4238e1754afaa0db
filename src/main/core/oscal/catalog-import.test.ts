import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { AppError } from '../errors'
import type { Register } from '../register'
import { openSampleRegister, openTempRegister, tempDir } from '../testing/temp-register'
import { oscalErrors, type Json } from './testing/oscal-validators'

const FIXTURE = join(__dirname, 'fixtures', 'basic-catalog.json')

const cleanups: (() => void)[] = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()!()
})

// The sample organisation is made once for the file (it generates its evidence); each test copies it.
beforeAll(async () => (await openSampleRegister()).cleanup(), 180_000)

async function fresh(): Promise<Register> {
  const opened = await openTempRegister()
  cleanups.push(opened.cleanup)
  return opened.register
}

interface Part {
  id?: string
  title: string
  props?: { name: string; value: string }[]
  groups?: Part[]
  controls?: Part[]
}

/** The catalog's controls and enhancements in document order, counted from the file itself. */
const controlIds = (controls: Part[] = []): string[] =>
  controls.flatMap((control) => [control.id!, ...controlIds(control.controls)])
const controlsIn = (groups: Part[] = []): string[] =>
  groups.flatMap((group) => [...controlsIn(group.groups), ...controlIds(group.controls)])

const minimalCatalog = (controls: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  catalog: {
    uuid: 'b3a0b1d2-7d0e-4c55-9f4c-8f7c9a1e2d30',
    metadata: {
      title: 'Test catalog',
      'last-modified': '2026-01-01T00:00:00Z',
      version: '1',
      'oscal-version': '1.1.3'
    },
    ...(controls.length > 0 ? { controls } : {}),
    ...extra
  }
})

function refusal(register: Register, input: string | Buffer, options = {}): AppError {
  try {
    register.oscal.importCatalog(input, options)
  } catch (error) {
    expect(error).toBeInstanceOf(AppError)
    return error as AppError
  }
  throw new Error('the import was not refused')
}

describe('importing an OSCAL catalog', () => {
  it("adds NIST's example catalog as a framework with one requirement per control, mappable, in packs and plans", async () => {
    const opened = await openSampleRegister()
    cleanups.push(opened.cleanup)
    const register = opened.register
    const text = readFileSync(FIXTURE, 'utf8')
    const catalog = JSON.parse(text) as { catalog: { groups: Part[]; controls?: Part[] } }
    const controls = [...controlsIn(catalog.catalog.groups), ...controlIds(catalog.catalog.controls)]
    expect(controls.length).toBeGreaterThan(0)

    const result = register.oscal.importCatalog(text, { fileName: 'basic-catalog.json' })
    expect(result.requirements).toBe(controls.length)
    const summary = register.frameworks.list().find((framework) => framework.id === result.id)!
    expect(summary).toMatchObject({ origin: 'oscal', requirements: controls.length })
    const nodes = register.frameworks.tree(result.id)
    expect(nodes.filter((node) => node.assessable).map((node) => node.ref)).toEqual(controls)
    expect(register.audit.list({ limit: 5 })[0]).toMatchObject({ action: 'catalog.import' })

    // A control of the register mapped to one of its controls meets it, by the one result rule.
    const ref = controls[0]!
    register.controls.map('IAM-01', result.id, ref)
    const node = register.frameworks.tree(result.id).find((candidate) => candidate.ref === ref)!
    expect(node.controls.map((control) => control.id)).toEqual(['IAM-01'])
    expect(node.result).not.toBeNull()

    // It goes into packs like the built-in three.
    const pack = register.packs.assemble({
      id: null,
      controls: [],
      name: 'ISO sample',
      frameworks: [result.id],
      scope: { accounts: [], organizationalUnits: [] },
      periodStart: '2026-01-01',
      periodEnd: '2026-11-27',
      organisation: 'Sample',
      auditor: '',
      preparer: ''
    })
    expect(pack.frameworks[0]!.requirements.find((requirement) => requirement.ref === ref)!.controls).toEqual([
      'IAM-01'
    ])
    expect(pack.controls['IAM-01']).toBeDefined()

    // And into a valid system security plan whose control ids are the catalog's own.
    const dir = tempDir()
    cleanups.push(dir.cleanup)
    const out = join(dir.path, 'ssp.json')
    register.oscal.exportSsp({ framework: result.id }, out)
    const plan = JSON.parse(readFileSync(out, 'utf8')) as Record<string, Json>
    expect(oscalErrors('system-security-plan', plan)).toEqual([])
    const ids = plan['system-security-plan']['control-implementation']['implemented-requirements'].map(
      (requirement: { 'control-id': string }) => requirement['control-id']
    )
    expect(ids).toContain(ref)
  })

  it('refreshes the same catalog, keeping mappings, and refuses another catalog under the same id', async () => {
    const register = await fresh()
    const first = register.oscal.importCatalog(JSON.stringify(minimalCatalog([{ id: 'c-1', title: 'One' }])))
    expect(first).toMatchObject({ id: 'test-catalog', requirements: 1, changed: true })
    register.controls.map('IAM-01', 'test-catalog', 'c-1')
    const again = register.oscal.importCatalog(JSON.stringify(minimalCatalog([{ id: 'c-1', title: 'One' }])))
    expect(again.changed).toBe(false)
    const updated = register.oscal.importCatalog(
      JSON.stringify(
        minimalCatalog([
          { id: 'c-1', title: 'One, renamed' },
          { id: 'c-2', title: 'Two' }
        ])
      )
    )
    expect(updated).toMatchObject({ requirements: 2, changed: true })
    const node = register.frameworks.tree('test-catalog').find((candidate) => candidate.ref === 'c-1')!
    expect(node).toMatchObject({ title: 'One, renamed', controls: [expect.objectContaining({ id: 'IAM-01' })] })

    const other = JSON.parse(JSON.stringify(minimalCatalog([{ id: 'x-1', title: 'X' }]))) as Record<string, Json>
    other.catalog.uuid = '0f0e0d0c-0b0a-4908-8706-050403020100'
    expect(refusal(register, JSON.stringify(other)).code).toBe('CONFLICT')
    expect(register.oscal.importCatalog(JSON.stringify(other), { id: 'other-catalog' }).id).toBe('other-catalog')
    expect(refusal(register, JSON.stringify(other), { id: 'pci' }).code).toBe('CONFLICT')
  })

  it('leaves out withdrawn controls and imports enhancements under their control', async () => {
    const register = await fresh()
    const result = register.oscal.importCatalog(
      JSON.stringify(
        minimalCatalog([
          { id: 'ac-1', title: 'Policy', controls: [{ id: 'ac-1.1', title: 'Enhancement' }] },
          { id: 'ac-2', title: 'Gone', props: [{ name: 'status', value: 'withdrawn' }] }
        ])
      )
    )
    expect(result).toMatchObject({ requirements: 2, withdrawn: 1 })
    const nodes = register.frameworks.tree(result.id)
    expect(nodes.map((node) => [node.ref, node.parentRef, node.kind])).toEqual([
      ['ac-1', null, 'control'],
      ['ac-1.1', 'ac-1', 'control']
    ])
  })
})

describe('a catalog that cannot be imported is refused with what to do, and nothing is written', () => {
  it('names the line and column of broken JSON, the place a schema rule fails, and refuses XML', async () => {
    const register = await fresh()
    const before = register.frameworks.names().length
    expect(refusal(register, '{\n  "catalog": {\n    "uuid": oops\n}').message).toMatch(/line 3, column \d+/)
    expect(refusal(register, JSON.stringify(minimalCatalog([{ id: 'c-1' }]))).message).toMatch(
      /catalog\.controls\[0\] must have required property 'title'/
    )
    expect(refusal(register, JSON.stringify({ catalog: { uuid: 'not-a-uuid' } })).message).toMatch(
      /not a valid OSCAL 1\.1 catalog/
    )
    expect(refusal(register, '<?xml version="1.0"?><catalog/>').message).toMatch(/XML/)
    expect(refusal(register, JSON.stringify(minimalCatalog([]))).message).toMatch(/no controls/)
    expect(
      refusal(
        register,
        JSON.stringify(
          minimalCatalog([
            { id: 'c-1', title: 'A' },
            { id: 'c-1', title: 'B' }
          ])
        )
      ).message
    ).toMatch(/used twice/)
    expect(
      refusal(register, JSON.stringify(minimalCatalog([{ id: `c${'x'.repeat(60)}`, title: 'A' }]))).message
    ).toMatch(/longer than 40/)
    expect(register.frameworks.names()).toHaveLength(before)
  })

  it('refuses a nesting bomb, an oversized file and too many controls, and strips control characters from titles', async () => {
    const register = await fresh()
    const bomb = `${'['.repeat(100_000)}${']'.repeat(100_000)}`
    expect(refusal(register, bomb).message).toMatch(/64 nested levels/)
    const huge = Buffer.alloc(64 * 1024 * 1024 + 1, 0x20)
    expect(refusal(register, huge).message).toMatch(/64 MB/)
    const many = Array.from({ length: 20_001 }, (_, index) => ({ id: `c-${index}`, title: `Control ${index}` }))
    expect(refusal(register, JSON.stringify(minimalCatalog(many))).message).toMatch(/20,000/)

    let deep: Record<string, unknown> = { id: 'g-13', title: 'Deepest' }
    for (let level = 12; level >= 1; level--) deep = { id: `g-${level}`, title: `Group ${level}`, groups: [deep] }
    expect(refusal(register, JSON.stringify(minimalCatalog([], { groups: [deep] }))).message).toMatch(/12 levels/)

    const result = register.oscal.importCatalog(
      JSON.stringify(minimalCatalog([{ id: 'c-1', title: 'Red\u001b[31m alert\u202e reversed\u0007' }]))
    )
    const title = register.frameworks.tree(result.id)[0]!.title
    expect(title).toBe('Red [31m alert reversed')
    // eslint-disable-next-line no-control-regex
    expect(title).not.toMatch(/[\u0000-\u001f\u202e]/)
  })
})
