import { Register, type RegisterOptions } from '../register'
import { steppingClock, tempDir } from './temp-dir'

export { steppingClock, tempDir }

/** A real register (real SQLite file) in a temporary folder. */
export async function openTempRegister(
  options: Partial<RegisterOptions> = {}
): Promise<{ register: Register; dataDir: string; cleanup: () => void }> {
  const dir = tempDir()
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
