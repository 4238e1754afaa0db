import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { oscalErrors } from './testing/oscal-validators'

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(__dirname, 'fixtures', name), 'utf8')) as Record<string, unknown>

describe('the OSCAL 1.1.3 schema checks the tests rely on', () => {
  it("accept NIST's own examples: a leveraging system's plan, a component definition, a catalog", () => {
    expect(oscalErrors('system-security-plan', fixture('oscal_leveraging-example_ssp.json'))).toEqual([])
    expect(oscalErrors('component-definition', fixture('example-component-definition.json'))).toEqual([])
    expect(oscalErrors('catalog', fixture('basic-catalog.json'))).toEqual([])
  })

  it('refuse a plan without the profile it imports, and an id OSCAL does not allow', () => {
    const plan = fixture('oscal_leveraging-example_ssp.json') as { 'system-security-plan': Record<string, unknown> }
    const { 'import-profile': _profile, ...withoutProfile } = plan['system-security-plan']
    expect(oscalErrors('system-security-plan', { 'system-security-plan': withoutProfile })).toEqual([
      expect.stringMatching(/system-security-plan must have required property 'import-profile'/)
    ])
    const catalog = fixture('basic-catalog.json') as { catalog: { groups: { id: string }[] } }
    catalog.catalog.groups[0]!.id = '1 not a token'
    expect(oscalErrors('catalog', catalog).join(' ')).toMatch(/catalog\.groups\[0\]\.id is not a valid value here/)
  })
})
