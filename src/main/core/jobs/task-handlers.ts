import { inspectEvidence } from '../evidence/inspect-evidence'
import type { TaskInput, TaskKind, TaskOutput } from './tasks'

export type ReportProgress = (done: number, total: number) => void

type Handlers = { [K in TaskKind]: (input: TaskInput<K>, progress: ReportProgress) => Promise<TaskOutput<K>> }

/** What each kind of task does; runs inside the task worker. */
export const TASK_HANDLERS: Handlers = {
  'inspect-evidence': (input) => inspectEvidence(input)
}
