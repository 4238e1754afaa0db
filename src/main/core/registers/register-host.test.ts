import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Register } from '../register'
import { tempDir } from '../testing/temp-dir'
import { RegisterHost } from './register-host'

const cleanups: (() => void)[] = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()!()
})

function folder(): string {
  const dir = tempDir('evidence-desk-host-')
  cleanups.push(dir.cleanup)
  return dir.path
}

const fileHash = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex')

describe('what counts as the user’s data', () => {
  it('is nothing in a new register, and any change after it: the organisation, a scoping, a control', async () => {
    const dataDir = folder()
    const register = await Register.open({ dataDir, actor: 'test.user' })
    cleanups.push(() => register.close())
    expect(register.holdsUserData()).toBe(false)
    register.frameworks.scope('pci', '12.5.2', false, 'Not in scope for this test')
    expect(register.holdsUserData()).toBe(true)

    const other = await Register.open({ dataDir: folder(), actor: 'test.user' })
    cleanups.push(() => other.close())
    other.organisation.update({ name: 'Northwind Health' })
    expect(other.holdsUserData()).toBe(true)
    await expect(other.loadSampleOrganisation()).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/holds your own data.*another --data-dir/)
    })
    expect(other.info().hasSampleOrganisation).toBe(false)
  })
})

describe('the register host', () => {
  it('opens the sample in a register of its own, never touching the user’s, and switches back from the recent list', async () => {
    const userDir = folder()
    const stateDir = folder()
    const host = await RegisterHost.start(userDir, { stateDir, open: { actor: 'test.user' } })
    cleanups.push(() => host.close())
    host.current.organisation.update({ name: 'Northwind Health', frameworks: ['hipaa'] })
    const userRegister = host.current
    const chainBefore = userRegister.audit.list({ limit: 1 })[0]!.hash
    const entriesBefore = userRegister.audit.count()
    const switched: string[] = []
    host.onSwitch((register) => switched.push(register.paths.dataDir))

    const sample = await host.openSample()
    expect(sample.paths.dataDir).toBe(join(stateDir, 'sample-register'))
    expect(sample.info().hasSampleOrganisation).toBe(true)
    expect(host.current).toBe(sample)
    expect(switched).toEqual([sample.paths.dataDir])
    const sampleEntries = sample.audit.count()
    const hashWhileAway = fileHash(join(userDir, 'register.sqlite'))

    const state = host.state()
    expect(state.recent.map((entry) => [entry.dataDir, entry.sample, entry.current])).toEqual([
      [sample.paths.dataDir, true, true],
      [userDir, false, false]
    ])
    expect(state.recent[1]!.organisation).toBe('Northwind Health')

    const back = await host.switchToRecent(userDir)
    expect(back.info().organisationName).toBe('Northwind Health')
    expect(back.audit.count()).toBe(entriesBefore)
    expect(back.audit.list({ limit: 1 })[0]!.hash).toBe(chainBefore)
    expect(back.audit.verify().ok).toBe(true)
    expect(back.info().hasSampleOrganisation).toBe(false)
    expect(hashWhileAway).toBe(fileHash(join(userDir, 'register.sqlite')))

    // Opening the sample again reuses its register (made once).
    const again = await host.openSample()
    expect(again.audit.count()).toBe(sampleEntries)
    await expect(host.switchToRecent('/nowhere/known')).rejects.toMatchObject({ code: 'NOT_FOUND' })
  }, 180_000)
})
