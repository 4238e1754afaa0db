import { parentPort } from 'node:worker_threads'
import { TASK_HANDLERS } from '../core/jobs/task-handlers'
import type { FromWorker, TaskKind, ToWorker } from '../core/jobs/tasks'

/** The worker thread for long work: runs tasks sent by the main thread and reports progress. */
const port = parentPort
if (!port) throw new Error('task-worker must run as a worker thread')

// The PDF parsers warn on the console about damaged files they read; each task's result already
// says what could not be read, so their warnings are kept off the user's terminal.
for (const method of ['log', 'info', 'warn', 'debug'] as const) console[method] = () => undefined

port.on('message', (message: ToWorker) => {
  const send = (reply: FromWorker): void => port.postMessage(reply)
  const handler = TASK_HANDLERS[message.kind as TaskKind] as (
    input: unknown,
    progress: (done: number, total: number) => void
  ) => Promise<unknown>
  handler(message.input, (done, total) => send({ id: message.id, type: 'progress', done, total }))
    .then((value) => send({ id: message.id, type: 'result', value }))
    .catch((error: unknown) => {
      const code = (error as { code?: unknown }).code
      send({
        id: message.id,
        type: 'error',
        code: typeof code === 'string' ? code : 'INTERNAL',
        message: error instanceof Error ? error.message : String(error)
      })
    })
})
