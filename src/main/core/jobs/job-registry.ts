import { randomUUID } from 'node:crypto'
import type { JobProgress } from '../../../shared/types'
import { AppError } from '../errors'

const REPORT_INTERVAL_MS = 100

/** Thrown when the user cancels long work; the work leaves nothing behind. */
export class CancelledError extends AppError {
  constructor(what: string) {
    super('CANCELLED', `${what} was cancelled; nothing was changed.`)
    this.name = 'CancelledError'
  }
}

export class Job {
  private readonly controller = new AbortController()
  private lastReport = 0
  private done = 0

  constructor(
    readonly id: string,
    private label: string,
    private total: number,
    private readonly unit: JobProgress['unit'],
    private readonly emit: (progress: JobProgress) => void
  ) {}

  get signal(): AbortSignal {
    return this.controller.signal
  }

  cancel(): void {
    this.controller.abort()
  }

  throwIfCancelled(what: string): void {
    if (this.signal.aborted) throw new CancelledError(what)
  }

  /** Reports progress, at most ten times a second (the last report of each step always goes out). */
  report(done: number, options: { label?: string; total?: number; force?: boolean } = {}): void {
    this.done = done
    if (options.label !== undefined) this.label = options.label
    if (options.total !== undefined) this.total = options.total
    const now = Date.now()
    if (!options.force && now - this.lastReport < REPORT_INTERVAL_MS) return
    this.lastReport = now
    this.emit({ jobId: this.id, label: this.label, done, total: this.total, unit: this.unit, state: 'running' })
  }

  finish(state: Exclude<JobProgress['state'], 'running'>): void {
    this.emit({ jobId: this.id, label: this.label, done: this.done, total: this.total, unit: this.unit, state })
  }
}

/**
 * Long work in progress (imports, verification, pack exports): each job reports progress to
 * whoever listens (the window, the command line) and can be cancelled by its id.
 */
export class JobRegistry {
  private readonly jobs = new Map<string, Job>()
  private readonly listeners = new Set<(progress: JobProgress) => void>()
  /** Ids cancelled before their job started (a cancel can overtake the request that starts the work). */
  private readonly cancelledEarly = new Set<string>()

  onProgress(listener: (progress: JobProgress) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Runs `work` as a job; its final state is reported whatever happens. */
  async run<T>(
    options: { id?: string; label: string; total: number; unit: JobProgress['unit'] },
    work: (job: Job) => Promise<T>
  ): Promise<T> {
    const id = options.id ?? randomUUID()
    if (this.jobs.has(id)) throw new AppError('CONFLICT', 'A job with this id is already running.')
    const job = new Job(id, options.label, options.total, options.unit, (progress) => {
      for (const listener of this.listeners) listener(progress)
    })
    this.jobs.set(id, job)
    if (this.cancelledEarly.delete(id)) job.cancel()
    try {
      job.throwIfCancelled(options.label)
      const result = await work(job)
      job.finish('done')
      return result
    } catch (error) {
      job.finish(job.signal.aborted ? 'cancelled' : 'failed')
      if (job.signal.aborted && !(error instanceof CancelledError)) throw new CancelledError(options.label)
      throw error
    } finally {
      this.jobs.delete(id)
    }
  }

  /** How many jobs are running (a register is not closed under them). */
  get running(): number {
    return this.jobs.size
  }

  cancel(id: string): boolean {
    const job = this.jobs.get(id)
    if (job) {
      job.cancel()
      return true
    }
    this.cancelledEarly.add(id)
    if (this.cancelledEarly.size > 100) this.cancelledEarly.delete(this.cancelledEarly.values().next().value!)
    return false
  }
}
