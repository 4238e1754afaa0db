import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { ErrorCode } from '../../../shared/result'
import { ERROR_CODES } from '../../../shared/result'
import { AppError } from '../errors'
import { CancelledError } from './job-registry'
import type { FromWorker, TaskInput, TaskKind, TaskOutput, ToWorker } from './tasks'

/** The worker's young-generation heap, in MB (V8 sizes it by the machine's memory when left alone). */
const YOUNG_GENERATION_MB = 16

/** What a task run may be given besides its input. */
export interface RunOptions {
  signal?: AbortSignal
  onProgress?: (done: number, total: number) => void
  /**
   * Buffers of the input moved to the worker rather than copied (postMessage's transfer list):
   * they are unusable on the sender's side afterwards, and exist once in memory, not twice.
   */
  transfer?: ArrayBuffer[]
}

/** A dedicated worker's own limits: its heap ceiling and what to tell the user when work reaches it. */
export interface DedicatedOptions extends RunOptions {
  heapLimitMb?: number
  /** The error when the task needs more than `heapLimitMb` (the default speaks of reading a file). */
  outOfMemory?: (heapLimitMb: number) => Error
}

interface Pending {
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
  onProgress?: (done: number, total: number) => void
}

/**
 * Where the task worker is: next to the bundled main process in the desktop app, or its
 * TypeScript source (loaded through tsx) when the core runs from source.
 */
function workerEntry(): { file: string; execArgv: string[] } {
  const built = [join(__dirname, 'task-worker.js'), join(dirname(__dirname), 'task-worker.js')].find((path) =>
    existsSync(path)
  )
  if (built) return { file: built, execArgv: [] }
  const source = resolve(__dirname, '../../workers/task-worker.ts')
  const tsx = pathToFileURL(createRequire(__filename).resolve('tsx')).href
  return { file: source, execArgv: ['--import', tsx] }
}

/**
 * Runs tasks in one long-lived worker thread, so parsing PDFs and building packs never blocks
 * the main process. Cancelling a task stops the worker; the next task starts a fresh one.
 */
export class TaskRunner {
  /**
   * @param heapLimitMb a ceiling on the worker's JavaScript heap: the shared worker reads files
   * others sent (PDFs, packs), and one that needs more memory than this is refused, not followed.
   */
  constructor(
    private readonly heapLimitMb?: number,
    private readonly outOfMemory?: (heapLimitMb: number) => Error
  ) {}

  private worker: Worker | undefined
  private nextId = 1
  private readonly pending = new Map<number, Pending>()

  run<K extends TaskKind>(kind: K, input: TaskInput<K>, options: RunOptions = {}): Promise<TaskOutput<K>> {
    if (options.signal?.aborted) return Promise.reject(new CancelledError('The work'))
    const worker = this.ensureWorker()
    const id = this.nextId++
    return new Promise<TaskOutput<K>>((resolvePromise, reject) => {
      const abort = (): void => {
        this.pending.delete(id)
        reject(new CancelledError('The work'))
        this.stop()
      }
      options.signal?.addEventListener('abort', abort, { once: true })
      this.pending.set(id, {
        resolve: (value) => {
          options.signal?.removeEventListener('abort', abort)
          resolvePromise(value as TaskOutput<K>)
        },
        reject: (error) => {
          options.signal?.removeEventListener('abort', abort)
          reject(error)
        },
        ...(options.onProgress ? { onProgress: options.onProgress } : {})
      })
      worker.ref()
      worker.postMessage({ id, kind, input } satisfies ToWorker, options.transfer ?? [])
    })
  }

  /**
   * Runs one long task (a pack export) in a worker of its own, so cancelling it stops only it and
   * the shared worker stays free for other work meanwhile. With `heapLimitMb` its heap has that
   * ceiling: V8 then collects as the heap nears it rather than growing, and work that needs more
   * fails with `outOfMemory`'s error.
   */
  runDedicated<K extends TaskKind>(
    kind: K,
    input: TaskInput<K>,
    options: DedicatedOptions = {}
  ): Promise<TaskOutput<K>> {
    const { heapLimitMb, outOfMemory, ...runOptions } = options
    const runner = new TaskRunner(heapLimitMb, outOfMemory)
    return runner.run(kind, input, runOptions).finally(() => runner.stop())
  }

  /** Stops the worker; tasks still running fail as cancelled. */
  stop(): void {
    const worker = this.worker
    this.worker = undefined
    for (const [id, pending] of this.pending) {
      this.pending.delete(id)
      pending.reject(new CancelledError('The work'))
    }
    void worker?.terminate()
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker
    const entry = workerEntry()
    // A small young generation: the pack writer makes much short-lived garbage, and collecting it
    // sooner keeps resident memory lower (by about 25 MB in the packs benchmark) for little time.
    const worker = new Worker(entry.file, {
      execArgv: entry.execArgv,
      resourceLimits: {
        maxYoungGenerationSizeMb: YOUNG_GENERATION_MB,
        ...(this.heapLimitMb ? { maxOldGenerationSizeMb: this.heapLimitMb } : {})
      }
    })
    worker.on('message', (message: FromWorker) => {
      const pending = this.pending.get(message.id)
      if (!pending) return
      if (message.type === 'progress') {
        pending.onProgress?.(message.done, message.total)
        return
      }
      this.pending.delete(message.id)
      if (this.pending.size === 0) worker.unref()
      if (message.type === 'result') pending.resolve(message.value)
      else pending.reject(new AppError(toErrorCode(message.code), message.message))
    })
    worker.on('error', (error) => this.failAll(worker, describeWorkerError(error, this.heapLimitMb, this.outOfMemory)))
    worker.on('exit', () =>
      this.failAll(worker, new AppError('INTERNAL', 'The background worker stopped unexpectedly.'))
    )
    worker.unref()
    this.worker = worker
    return worker
  }

  private failAll(worker: Worker, error: unknown): void {
    if (this.worker !== worker) return
    this.worker = undefined
    for (const [id, pending] of this.pending) {
      this.pending.delete(id)
      pending.reject(error)
    }
  }
}

/**
 * A worker that ran out of its memory limit: in the runner's own words when it has them (a pack
 * too large to build), else it stopped on a hostile or too large file.
 */
function describeWorkerError(
  error: Error,
  heapLimitMb: number | undefined,
  outOfMemory: ((heapLimitMb: number) => Error) | undefined
): Error {
  if ((error as { code?: string }).code !== 'ERR_WORKER_OUT_OF_MEMORY') return error
  if (outOfMemory && heapLimitMb) return outOfMemory(heapLimitMb)
  return new AppError(
    'INTEGRITY',
    `Reading the file needed more than the limit of ${heapLimitMb ?? 'the'} MB of memory, so it was refused. ` +
      'A file this demanding is damaged or built to exhaust memory.'
  )
}

function toErrorCode(code: string): ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code) ? (code as ErrorCode) : 'INTERNAL'
}
