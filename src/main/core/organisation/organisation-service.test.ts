import { Readable } from 'node:stream'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Register } from '../register'
import { openTempRegister } from '../testing/temp-register'

let register: Register
let cleanup: () => void
beforeEach(async () => {
  ;({ register, cleanup } = await openTempRegister())
})
afterEach(() => cleanup())

describe('AWS accounts', () => {
  it('deletes an account nothing names, but only retires one that evidence or a pack names', async () => {
    const organisation = register.organisation
    organisation.addAccount({ accountId: '111122223333', name: 'Sandbox' })
    organisation.addAccount({ accountId: '444455556666', name: 'Production', organizationalUnit: 'Workloads' })
    organisation.removeAccount('111122223333')
    expect(organisation.accounts().map((account) => account.name)).toEqual(['Production'])

    const bytes = Buffer.from('export')
    await register.evidence.importStream(Readable.from([bytes]), 'export.json', bytes.length, {
      accounts: ['444455556666']
    })
    expect(() => organisation.removeAccount('444455556666')).toThrow(
      /named by 1 evidence item\(s\) and 0 pack\(s\): retire it/
    )
    const retired = organisation.updateAccount('444455556666', { retired: true })
    expect(retired).toMatchObject({ retired: true, name: 'Production' })
    expect(organisation.accounts(false)).toEqual([])
    expect(organisation.organizationalUnits()).toEqual([{ name: 'Workloads', awsId: null, purpose: '', accounts: 0 }])
    expect(register.audit.list({ entityType: 'aws-account', limit: 10 }).map((entry) => entry.action)).toEqual([
      'account.retire',
      'account.delete',
      'account.create',
      'account.create'
    ])
    expect(register.audit.verify().ok).toBe(true)
  })

  it('refuses a name another account has, and says which', () => {
    register.organisation.addAccount({ accountId: '111122223333', name: 'Production' })
    expect(() => register.organisation.addAccount({ accountId: '444455556666', name: 'Production' })).toThrow(
      /Another AWS account \(111122223333\) is already named Production/
    )
  })
})

describe('people and who "you" are', () => {
  it('records changes under "you" once set, and a person’s new name follows their controls', () => {
    const ana = register.organisation.addPerson({ name: 'Ana Ruiz', role: 'Compliance lead' })
    register.organisation.update({ you: 'ana ruiz' })
    // The test register was opened for 'test.user': a name given for the session wins over "you".
    expect(register.actor).toBe('test.user')
    register.setActor('')
    register.controls.update('IAM-03', { owner: 'Ana Ruiz' })
    register.organisation.updatePerson(ana.id, { name: 'Ana Ruiz-Soto' })
    expect(register.controls.get('IAM-03').owner).toBe('Ana Ruiz-Soto')
    expect(register.organisation.get().you).toBe('Ana Ruiz-Soto')
  })
})
