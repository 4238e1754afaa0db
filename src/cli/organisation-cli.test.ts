import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tempDir } from '../main/core/testing/temp-dir'
import { runCli } from './testing/run-cli'

const FIXTURES = join(__dirname, '../main/core/organisation/fixtures')

let dir: ReturnType<typeof tempDir>
let dataDir: string
const cli = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli(['--data-dir', dataDir, ...args], { env })

beforeAll(() => {
  dir = tempDir()
  dataDir = join(dir.path, 'register')
  expect(cli(['init']).code).toBe(0)
})
afterAll(() => dir.cleanup())

describe('your own organisation from the command line', () => {
  it('sets the organisation and its frameworks, refusing one the register does not have', () => {
    const set = cli([
      'org',
      'set',
      '--name',
      'Northwind Health',
      '--framework',
      'hipaa',
      '--framework',
      'gdpr',
      '--json'
    ])
    expect(set.code).toBe(0)
    expect(set.json()).toMatchObject({ name: 'Northwind Health', frameworks: ['hipaa', 'gdpr'], you: null })
    const unknown = cli(['org', 'set', '--framework', 'sox'])
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toMatch(/Unknown framework "sox"\. Use one of: hipaa, gdpr, pci/)
    expect(cli(['org', 'show', '--json']).json()).toMatchObject({
      name: 'Northwind Health',
      frameworks: ['hipaa', 'gdpr']
    })
  })

  it('adds accounts with a checked 12-digit id, changes and retires them, and names unknown ones with exit 2', () => {
    const added = cli([
      'accounts',
      'add',
      '--id',
      '123456789012',
      '--name',
      'Production',
      '--environment',
      'production',
      '--ou',
      'Workloads',
      '--json'
    ])
    expect(added.code).toBe(0)
    expect(added.json()).toEqual({
      accountId: '123456789012',
      name: 'Production',
      organizationalUnit: 'Workloads',
      purpose: '',
      environment: 'production',
      retired: false
    })
    const short = cli(['accounts', 'add', '--id', '12345678901', '--name', 'Short'])
    expect(short.code).toBe(1)
    expect(short.stderr).toMatch(/12 digits/)
    expect(cli(['accounts', 'set', '999999999999', '--name', 'Ghost']).code).toBe(2)
    expect(cli(['accounts', 'add', '--id', '123456789012', '--name', 'Again']).code).toBe(1)
    expect(
      cli(['accounts', 'set', '123456789012', '--purpose', 'Card payments (PCI DSS scope)', '--json']).json()
    ).toMatchObject({
      purpose: 'Card payments (PCI DSS scope)'
    })
  })

  it('imports the JSON the AWS CLI prints for list-accounts, its organizational units, and the accounts of one', () => {
    const accounts = cli(['accounts', 'import', join(FIXTURES, 'list-accounts.json'), '--json'])
    expect(accounts.code).toBe(0)
    expect(accounts.json()).toMatchObject({ unchanged: 0, updated: [], organizationalUnits: [] })
    expect(
      accounts.json<{ added: { accountId: string; name: string }[] }>().added.map((a) => [a.accountId, a.name])
    ).toEqual([
      ['111111111111', 'Master Account'],
      ['222222222222', 'Production Account'],
      ['333333333333', 'Development Account'],
      ['444444444444', 'Test Account']
    ])
    const units = cli(['accounts', 'import', join(FIXTURES, 'list-organizational-units-for-parent.json'), '--json'])
    expect(units.json()).toMatchObject({ organizationalUnits: ['AccountingDepartment', 'ProductionDepartment'] })
    // The documented output of list-accounts-for-parent has no names and a trailing comma: it still imports.
    const forParent = cli([
      'accounts',
      'import',
      join(FIXTURES, 'list-accounts-for-parent.json'),
      '--ou',
      'ProductionDepartment',
      '--json'
    ])
    expect(forParent.code).toBe(0)
    expect(forParent.json()).toMatchObject({
      added: [],
      updated: [
        { accountId: '333333333333', changes: ['organizationalUnit'] },
        { accountId: '444444444444', changes: ['organizationalUnit'] }
      ]
    })
    // Importing the same listing again changes nothing.
    expect(cli(['accounts', 'import', join(FIXTURES, 'list-accounts.json'), '--json']).json()).toMatchObject({
      added: [],
      updated: [],
      unchanged: 4
    })
    const notAListing = cli(['accounts', 'import', join(FIXTURES, 'README.md')])
    expect(notAListing.code).toBe(1)
    expect(notAListing.stderr).toMatch(/not the JSON that aws organizations list-accounts/)
  })

  it('records changes under the person set as "you", unless --as or EVIDENCE_DESK_USER names another', () => {
    expect(
      cli(['people', 'add', '--name', 'Ana Ruiz', '--role', 'Compliance lead', '--email', 'ana@example.com']).code
    ).toBe(0)
    expect(cli(['people', 'add', '--name', 'Ben Okoro', '--email', 'not-an-address']).code).toBe(1)
    expect(cli(['org', 'set', '--you', 'Nobody']).code).toBe(2)
    expect(cli(['org', 'set', '--you', 'ana ruiz', '--json']).json()).toMatchObject({ you: 'Ana Ruiz' })
    // The test runner sets EVIDENCE_DESK_USER; without it, "you" is recorded.
    expect(cli(['controls', 'set', 'IAM-03', '--owner', 'Ana Ruiz'], { EVIDENCE_DESK_USER: '' }).code).toBe(0)
    expect(
      cli(['--as', 'Ben Okoro', 'controls', 'set', 'IAM-03', '--status', 'planned'], { EVIDENCE_DESK_USER: '' }).code
    ).toBe(0)
    expect(cli(['controls', 'set', 'IAM-03', '--status', 'in-progress']).code).toBe(0)
    const log = cli(['audit', 'log', '--control', 'IAM-03', '--json']).json<{ actor: string }[]>()
    expect(log.slice(0, 3).map((entry) => entry.actor)).toEqual(['cli.tester', 'Ben Okoro', 'Ana Ruiz'])
  })

  it('lists and changes people; a new name follows the controls they own', () => {
    const renamed = cli(['people', 'set', 'Ana Ruiz', '--name', 'Ana Ruiz-Soto', '--json'])
    expect(renamed.code).toBe(0)
    expect(cli(['controls', 'show', 'IAM-03', '--json']).json()).toMatchObject({ owner: 'Ana Ruiz-Soto' })
    expect(cli(['org', 'show', '--json']).json()).toMatchObject({ you: 'Ana Ruiz-Soto' })
    expect(
      cli(['people', 'list', '--json'])
        .json<{ name: string }[]>()
        .map((person) => person.name)
    ).toEqual(['Ana Ruiz-Soto'])
    expect(cli(['people', 'set', 'Nobody', '--role', 'x']).code).toBe(2)
  })
})
