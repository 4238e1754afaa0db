import { cpSync } from 'node:fs'
import { Register, type RegisterOptions } from '../register'
import { steppingClock, tempDir } from './temp-dir'

export { steppingClock, tempDir }

/** A real register (real SQLite file) in a temporary folder (a copy of `from`, when given). */
export async function openTempRegister(
  options: Partial<RegisterOptions> = {},
  from?: string
): Promise<{ register: Register; dataDir: string; cleanup: () => void }> {
  const dir = tempDir()
  if (from) cpSync(from, dir.path, { recursive: true })
  const register = await Register.open({
    dataDir: dir.path,
    actor: 'test.user',
    now: steppingClock(),
    ...options
  })
  return {
    register,
    dataDir: dir.path,
    cleanup: () => {
      register.close()
      dir.cleanup()
    }
  }
}

/** The sample organisation is made once per test file (it generates its evidence), then copied for each test. */
let sampleTemplate: Promise<string> | undefined

/**
 * A register holding the sample organisation, in a temporary folder of its own. Its clock goes on
 * from where the sample's making left it (28 November 2026, a few minutes later).
 */
export async function openSampleRegister(
  options: Partial<RegisterOptions> = {}
): Promise<{ register: Register; dataDir: string; cleanup: () => void }> {
  sampleTemplate ??= (async () => {
    const dir = tempDir('evidence-desk-sample-')
    const register = await Register.open({ dataDir: dir.path, actor: 'test.user', now: steppingClock() })
    await register.loadSampleOrganisation()
    register.close()
    process.once('exit', () => dir.cleanup())
    return dir.path
  })()
  // Its clock goes on from where making the sample left it.
  return openTempRegister({ now: steppingClock('2026-11-28T12:00:00.000Z'), ...options }, await sampleTemplate)
}
