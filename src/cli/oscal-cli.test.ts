import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tempDir } from '../main/core/testing/temp-dir'
import { oscalErrors } from '../main/core/oscal/testing/oscal-validators'
import { runCli } from './testing/run-cli'

const CATALOG = join(__dirname, '../main/core/oscal/fixtures/basic-catalog.json')

let dir: ReturnType<typeof tempDir>
let dataDir: string
const cli = (...args: string[]) => runCli(['--data-dir', dataDir, ...args])

beforeAll(() => {
  dir = tempDir()
  dataDir = join(dir.path, 'register')
  expect(cli('init').code).toBe(0)
}, 120_000)
afterAll(() => dir.cleanup())

describe('oscal on the command line', { timeout: 300_000 }, () => {
  it('imports a catalog that frameworks --json then lists, and refuses what is not one', () => {
    const imported = cli(
      'oscal',
      'import',
      'catalog',
      CATALOG,
      '--id',
      'iso-sample',
      '--short-name',
      'ISO sample',
      '--json'
    )
    expect(imported.code).toBe(0)
    const result = imported.json<{ id: string; requirements: number; changed: boolean }>()
    expect(result).toMatchObject({ id: 'iso-sample', changed: true })
    const frameworks = cli('frameworks', '--json').json<{ id: string; shortName: string; requirements: number }[]>()
    expect(frameworks.find((framework) => framework.id === 'iso-sample')).toMatchObject({
      shortName: 'ISO sample',
      requirements: result.requirements
    })
    const missing = cli('oscal', 'import', 'catalog', join(dir.path, 'nothing.json'))
    expect(missing.code).toBe(2)
    const broken = join(dir.path, 'broken.json')
    writeFileSync(broken, '{"catalog": \u001b[31m}')
    const refused = cli('oscal', 'import', 'catalog', broken)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/not JSON: line 1, column \d+/)
    expect(refused.stderr).not.toContain('\u001b')
  })

  it('exports a system security plan and the component definition as valid OSCAL, atomically', () => {
    const out = join(dir.path, 'pci-ssp.json')
    const run = cli('oscal', 'export', 'ssp', '--framework', 'pci', '--out', out, '--json')
    expect(run.code).toBe(0)
    const result = run.json<{ path: string; files: string[]; sha256: string; implementedRequirements: number }>()
    expect(result.path).toBe(out)
    for (const file of result.files) expect(existsSync(file)).toBe(true)
    expect(existsSync(`${out}.part`)).toBe(false)
    expect(oscalErrors('system-security-plan', JSON.parse(readFileSync(out, 'utf8')))).toEqual([])
    expect(result.implementedRequirements).toBeGreaterThan(200)

    const components = join(dir.path, 'components.json')
    const library = cli('oscal', 'export', 'component-definition', '--out', components)
    expect(library.code).toBe(0)
    expect(library.stdout).toMatch(/Component definition: /)
    expect(oscalErrors('component-definition', JSON.parse(readFileSync(components, 'utf8')))).toEqual([])

    const unknown = cli('oscal', 'export', 'ssp', '--framework', 'sox', '--out', out)
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toMatch(/Unknown framework "sox"/)
    const nowhere = cli('oscal', 'export', 'ssp', '--framework', 'pci', '--out', join(dir.path, 'no', 'x.json'))
    expect(nowhere.code).toBe(1)
    expect(nowhere.stderr).toMatch(/does not exist/)
  })
})
