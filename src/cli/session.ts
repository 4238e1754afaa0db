import type { InvokeChannel } from '../shared/ipc/channels'
import type { ArgsOf, ResultOf } from '../shared/ipc/contract'
import { version } from '../../package.json'
import { Register } from '../main/core/register'
import { resolveDataDir } from '../main/core/paths'
import { createDispatcher, type Dispatch } from '../main/ipc/dispatcher'
import { createHandlers } from '../main/ipc/handlers'
import { CliError } from './cli-error'
import { isAppError } from '../main/core/errors'
import { exitCodeFor } from './exit-codes'

export interface GlobalOptions {
  dataDir?: string
  /** Who the changes of this command are recorded under (else EVIDENCE_DESK_USER, else "you" of the register). */
  as?: string
}

/** An open register and the same dispatcher the desktop app uses, for one command. */
export interface Session {
  register: Register
  call<C extends InvokeChannel>(channel: C, args?: ArgsOf<C>): Promise<ResultOf<C>>
}

export async function withSession<T>(
  options: GlobalOptions,
  mode: { create: boolean },
  work: (session: Session) => Promise<T>,
  env: NodeJS.ProcessEnv = process.env
): Promise<T> {
  const dataDir = resolveDataDir(options.dataDir, env)
  let register: Register
  try {
    register = await Register.open({
      dataDir,
      mustExist: !mode.create,
      appVersion: version,
      ...(options.as?.trim() ? { actor: options.as.trim() } : {})
    })
  } catch (error) {
    if (isAppError(error)) throw new CliError(error.message, exitCodeFor(error.code))
    throw error
  }
  const dispatch: Dispatch = createDispatcher(createHandlers(register), {
    logError: (_channel, error) => {
      throw error
    }
  })
  const session: Session = {
    register,
    async call(channel, args) {
      const result = await dispatch(channel, args ?? {})
      if (!result.ok) throw CliError.from(result.error)
      return result.value as ResultOf<typeof channel>
    }
  }
  try {
    return await work(session)
  } finally {
    register.close()
  }
}
