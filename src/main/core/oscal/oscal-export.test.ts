import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Register } from '../register'
import { openSampleRegister, tempDir } from '../testing/temp-register'
import { oscalErrors, type Json } from './testing/oscal-validators'

const cleanups: (() => void)[] = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()!()
})

// The sample organisation is made once for the file (it generates its evidence); each test copies it.
beforeAll(async () => (await openSampleRegister()).cleanup(), 180_000)

async function sample(): Promise<Register> {
  const opened = await openSampleRegister()
  cleanups.push(opened.cleanup)
  return opened.register
}

function folder(): string {
  const dir = tempDir('evidence-desk-oscal-')
  cleanups.push(dir.cleanup)
  return dir.path
}

const read = (path: string): Record<string, Json> => JSON.parse(readFileSync(path, 'utf8')) as Record<string, Json>
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('system security plan', () => {
  it("has the sample organisation's PCI DSS requirements, what AWS secures and what is shared, valid OSCAL 1.1.3", async () => {
    const register = await sample()
    const out = join(folder(), 'pci-ssp.json')
    const result = register.oscal.exportSsp({ framework: 'pci' }, out)
    const document = read(out)
    expect(oscalErrors('system-security-plan', document)).toEqual([])
    const plan = document['system-security-plan']

    // The profile and catalog it imports were written beside it, and are valid too.
    const profile = read(join(out, '..', plan['import-profile'].href))
    expect(oscalErrors('profile', profile)).toEqual([])
    const catalog = read(join(out, '..', profile.profile.imports[0].href))
    expect(oscalErrors('catalog', catalog)).toEqual([])
    const catalogIds = new Set<string>()
    const walk = (node: { id: string; controls?: unknown[]; groups?: unknown[] }): void => {
      catalogIds.add(node.id)
      for (const child of [...(node.controls ?? []), ...(node.groups ?? [])]) walk(child as typeof node)
    }
    for (const node of [...(catalog.catalog.groups ?? []), ...(catalog.catalog.controls ?? [])]) walk(node)

    // One implemented requirement per applicable requirement, as the one result rule judges it.
    const nodes = register.frameworks.tree('pci').filter((node) => node.assessable)
    const applicable = nodes.filter((node) => node.result !== 'not-applicable')
    const implemented = plan['control-implementation']['implemented-requirements'] as Record<string, Json>[]
    expect(implemented).toHaveLength(applicable.length)
    expect(result.implementedRequirements).toBe(applicable.length)
    const label = (requirement: Record<string, Json>): string =>
      requirement.props.find((prop: { name: string }) => prop.name === 'result').value
    const byId = new Map(implemented.map((requirement) => [requirement['control-id'] as string, requirement]))
    for (const requirement of implemented) expect(catalogIds.has(requirement['control-id'])).toBe(true)

    const rlinkHash = new Map<string, string>()
    for (const resource of plan['back-matter'].resources) {
      rlinkHash.set(`#${resource.uuid}`, resource.rlinks[0].hashes[0].value)
    }
    const evidence = register.evidence.list({}, { limit: 1000 }).items
    const reports = new Map(
      evidence.filter((item) => item.kind === 'artifact-report').map((item) => [item.sha256, item])
    )

    let inheritedSeen = 0
    let satisfiedSeen = 0
    for (const node of applicable) {
      const id = `pci-${node.ref.replace(/[^\p{L}\p{N}._-]+/gu, '-')}`
      const requirement = byId.get(id)
      expect(requirement, node.ref).toBeDefined()
      expect(label(requirement!)).toBe(node.result)
      const components = (requirement!['by-components'] ?? []) as Record<string, Json>[]
      const inherited = components.flatMap((component) => component.inherited ?? [])
      const satisfied = components.flatMap((component) => component.satisfied ?? [])
      const origination = requirement!.props
        .filter((prop: { name: string }) => prop.name === 'control-origination')
        .map((prop: { value: string }) => prop.value)
      if (node.controls.some((control) => control.responsibility === 'aws')) {
        expect(inherited.length, node.ref).toBeGreaterThan(0)
        inheritedSeen++
        // An inherited part that cites a report cites an AWS report, by its SHA-256.
        for (const part of inherited) {
          for (const link of part.links ?? []) expect(reports.has(rlinkHash.get(link.href)!)).toBe(true)
        }
      }
      if (node.controls.some((control) => control.responsibility === 'shared')) {
        expect(satisfied.length, node.ref).toBeGreaterThan(0)
        satisfiedSeen++
      }
      if (node.responsibility === 'aws') expect(origination).toEqual(['inherited'])
      if (node.responsibility === 'shared') expect(origination).toEqual(['customer-configured', 'inherited'])
      if (node.responsibility === 'customer') expect(origination).toHaveLength(1)
    }
    expect(inheritedSeen).toBeGreaterThan(0)
    expect(satisfiedSeen).toBeGreaterThan(0)
    expect(result.inherited).toBeGreaterThanOrEqual(inheritedSeen)
    expect(result.satisfied).toBeGreaterThanOrEqual(satisfiedSeen)

    // AWS is the leveraged authorization, citing its reports; the accounts are the inventory.
    const implementation = plan['system-implementation']
    expect(implementation['leveraged-authorizations'][0].links.length).toBeGreaterThan(0)
    for (const link of implementation['leveraged-authorizations'][0].links) {
      expect(reports.has(rlinkHash.get(link.href)!)).toBe(true)
    }
    const accounts = register.organisation.accounts(false).map((account) => account.accountId)
    expect(
      implementation['inventory-items'].map(
        (item: { props: { name: string; value: string }[] }) =>
          item.props.find((prop) => prop.name === 'asset-id')!.value
      )
    ).toEqual(expect.arrayContaining(accounts))
    expect(implementation.components.map((component: { type: string }) => component.type)).toEqual([
      'this-system',
      'system'
    ])

    // The people of the register are parties, with their roles.
    const parties = plan.metadata.parties as { name: string; type: string }[]
    for (const person of register.organisation.people(false)) {
      expect(parties.some((party) => party.name === person.name && party.type === 'person')).toBe(true)
    }
    const uuids = JSON.stringify(document).match(/"uuid": ?"[^"]+"/g) ?? []
    for (const entry of uuids) expect(entry.split('"')[3]).toMatch(UUID)
  })

  it('is valid OSCAL for HIPAA and GDPR, whose references are not OSCAL tokens, and for a scope', async () => {
    const register = await sample()
    const dir = folder()
    for (const framework of ['hipaa', 'gdpr']) {
      const out = join(dir, `${framework}.json`)
      register.oscal.exportSsp({ framework }, out)
      expect(oscalErrors('system-security-plan', read(out))).toEqual([])
      expect(oscalErrors('catalog', read(join(dir, `evidence-desk-${framework}-catalog.json`)))).toEqual([])
    }
    const production = register.organisation.accounts(false).find((account) => account.name === 'Production')!
    const out = join(dir, 'production.json')
    register.oscal.exportSsp(
      { framework: 'pci', scope: { accounts: [production.accountId], organizationalUnits: [] } },
      out
    )
    const items = read(out)['system-security-plan']['system-implementation']['inventory-items'] as {
      props: { name: string; value: string }[]
    }[]
    expect(items.map((item) => item.props.find((prop) => prop.name === 'asset-id')!.value)).toEqual([
      production.accountId
    ])
  })

  it('differs only in last-modified between two exports of an unchanged register', async () => {
    const register = await sample()
    const first = folder()
    const second = folder()
    register.oscal.exportSsp({ framework: 'pci' }, join(first, 'ssp.json'))
    register.oscal.exportComponentDefinition(join(first, 'components.json'))
    register.oscal.exportSsp({ framework: 'pci' }, join(second, 'ssp.json'))
    register.oscal.exportComponentDefinition(join(second, 'components.json'))
    for (const name of [
      'ssp.json',
      'components.json',
      'evidence-desk-pci-catalog.json',
      'evidence-desk-pci-profile.json'
    ]) {
      const a = readFileSync(join(first, name), 'utf8').split('\n')
      const b = readFileSync(join(second, name), 'utf8').split('\n')
      expect(a.length).toBe(b.length)
      const differing = a.filter((line, index) => line !== b[index])
      expect(differing.length, name).toBe(1)
      expect(differing[0]).toMatch(/^\s*"last-modified": "/)
    }
  })

  it('writes under a temporary name and refuses a folder that does not exist', async () => {
    const register = await sample()
    const missing = join(folder(), 'no', 'such', 'ssp.json')
    expect(() => register.oscal.exportSsp({ framework: 'pci' }, missing)).toThrow(/does not exist/)
    const dir = folder()
    expect(() => register.oscal.exportSsp({ framework: 'nist' }, join(dir, 'x.json'))).toThrow(/no framework "nist"/)
  })
})

describe('component definition', () => {
  it('has every control of the library as a component, with the requirements it meets, valid OSCAL 1.1.3', async () => {
    const register = await sample()
    const dir = folder()
    const out = join(dir, 'components.json')
    const result = register.oscal.exportComponentDefinition(out)
    const document = read(out)
    expect(oscalErrors('component-definition', document)).toEqual([])
    const components = document['component-definition'].components as Record<string, Json>[]
    const controls = register.controls.list({})
    expect(components).toHaveLength(controls.length)
    expect(result.components).toBe(controls.length)
    const iam = components.find((component) => component.title.startsWith('IAM-01 '))!
    const detail = register.controls.get('IAM-01')
    const pci = iam['control-implementations'].find((implementation: { source: string }) =>
      implementation.source.includes('pci')
    )
    expect(pci['implemented-requirements']).toHaveLength(detail.mappings.filter((m) => m.framework === 'pci').length)
    for (const file of result.files.slice(1)) expect(oscalErrors('catalog', read(file))).toEqual([])
  })
})
