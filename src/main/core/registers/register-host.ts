import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { z } from 'zod'
import type { RecentRegister, RegistersState } from '../../../shared/types'
import { AppError } from '../errors'
import { Register, type RegisterOptions } from '../register'
import { ensurePrivateDir, PRIVATE_FILE_MODE, writeFileAtomically } from '../util/private-files'

const RECENT_LIMIT = 10
const recentFileSchema = z.object({
  registers: z
    .array(
      z.object({
        dataDir: z.string().min(1).max(4096),
        name: z.string().max(200),
        organisation: z.string().max(200).nullable(),
        sample: z.boolean(),
        lastOpened: z.string().max(40)
      })
    )
    .max(100)
})

export interface RegisterHostOptions {
  /** The app's own folder: the list of recent registers and the sample organisation's register live there. */
  stateDir: string
  /** How each register is opened (the app's version, its fonts). */
  open: Omit<RegisterOptions, 'dataDir' | 'mustExist'>
}

/**
 * The register a window works on, and switching to another: a recent one, another folder, or the
 * sample organisation, which always lives in a register of its own (never loaded into the user's).
 * The desktop app and the browser host each keep one; the command line names its register with --data-dir.
 */
export class RegisterHost {
  private readonly listeners = new Set<(register: Register) => void>()

  private constructor(
    private register: Register,
    private readonly options: RegisterHostOptions
  ) {}

  static async start(dataDir: string, options: RegisterHostOptions): Promise<RegisterHost> {
    const register = await Register.open({ ...options.open, dataDir })
    const host = new RegisterHost(register, options)
    host.remember(register)
    return host
  }

  get current(): Register {
    return this.register
  }

  /** Where "Try the sample organisation" keeps its register. */
  get sampleDataDir(): string {
    return join(resolve(this.options.stateDir), 'sample-register')
  }

  /** Called after every switch with the register now open (hosts rebind their dispatcher and events). */
  onSwitch(listener: (register: Register) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  state(): RegistersState {
    const current = this.register.paths.dataDir
    return {
      current,
      sampleDataDir: this.sampleDataDir,
      recent: this.recent().map((entry) => ({
        ...entry,
        current: entry.dataDir === current,
        exists: existsSync(join(entry.dataDir, 'register.sqlite'))
      }))
    }
  }

  /** Opens a register from the recent list (the renderer names only registers opened before). */
  async switchToRecent(dataDir: string): Promise<Register> {
    const known = this.recent().find((entry) => entry.dataDir === dataDir)
    if (!known) throw new AppError('NOT_FOUND', 'That register is not among the recent ones. Open its folder instead.')
    if (!existsSync(join(dataDir, 'register.sqlite'))) {
      throw new AppError('NOT_FOUND', `There is no register at ${dataDir} any more. It may have been moved or deleted.`)
    }
    return this.switchTo(dataDir)
  }

  /** Opens the sample organisation's own register, making it the first time. */
  async openSample(): Promise<Register> {
    if (this.register.paths.dataDir === this.sampleDataDir) return this.register
    const sample = await Register.open({ ...this.options.open, dataDir: this.sampleDataDir })
    try {
      await sample.loadSampleOrganisation()
    } catch (error) {
      sample.close()
      throw error
    }
    return this.adopt(sample)
  }

  /** Opens (or creates) the register in a folder. */
  async switchTo(dataDir: string): Promise<Register> {
    const target = resolve(dataDir)
    if (target === this.register.paths.dataDir) return this.register
    return this.adopt(await Register.open({ ...this.options.open, dataDir: target }))
  }

  close(): void {
    this.register.close()
  }

  private adopt(next: Register): Register {
    if (this.register.jobs.running > 0) {
      next.close()
      throw new AppError('CONFLICT', 'An import or export is still running. Wait for it or cancel it, then switch.')
    }
    const previous = this.register
    this.remember(previous)
    this.register = next
    previous.close()
    this.remember(next)
    for (const listener of this.listeners) listener(next)
    return next
  }

  private recent(): Omit<RecentRegister, 'current' | 'exists'>[] {
    const file = this.recentFile()
    if (!existsSync(file)) return []
    try {
      return recentFileSchema.parse(JSON.parse(readFileSync(file, 'utf8'))).registers
    } catch {
      // A damaged list is only a convenience lost: it is rewritten on the next switch.
      return []
    }
  }

  private remember(register: Register): void {
    const info = register.info()
    const entry = {
      dataDir: register.paths.dataDir,
      name: info.registerName,
      organisation: info.organisationName,
      sample: info.hasSampleOrganisation,
      lastOpened: register.now().toISOString()
    }
    const registers = [entry, ...this.recent().filter((item) => item.dataDir !== entry.dataDir)].slice(0, RECENT_LIMIT)
    try {
      ensurePrivateDir(this.options.stateDir)
      writeFileAtomically(this.recentFile(), `${JSON.stringify({ registers }, null, 2)}\n`, PRIVATE_FILE_MODE)
    } catch (error) {
      console.error('[registers] the list of recent registers could not be saved', error)
    }
  }

  private recentFile(): string {
    return join(resolve(this.options.stateDir), 'recent-registers.json')
  }
}
