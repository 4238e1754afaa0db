import type { TaskInput, TaskKind, TaskOutput } from './tasks'

export type ReportProgress = (done: number, total: number) => void

type Handlers = { [K in TaskKind]: (input: TaskInput<K>, progress: ReportProgress) => Promise<TaskOutput<K>> }

/**
 * What each kind of task does; runs inside the task worker. Each handler loads its code when first
 * used, so a worker that only builds a pack never loads the PDF reader, and starts sooner.
 */
export const TASK_HANDLERS: Handlers = {
  'inspect-evidence': async (input) => (await import('../evidence/inspect-evidence')).inspectEvidence(input),
  'build-pack': async (input, progress) => (await import('../packs/build-pack')).buildPack(input, progress),
  'verify-pack': async (input) => (await import('../packs/verify/verify-pack')).verifyPackFile(input.path),
  'read-spreadsheet': async (input) => (await import('../spreadsheets/read-spreadsheet')).readSpreadsheet(input),
  'write-response-pdfs': async (input, progress) =>
    (await import('../requests/response-pdf')).writeResponsePdfs(input, progress),
  'read-snapshot': async (input) => (await import('../db/snapshot-worker')).readSnapshotOf(input.database, input.plan),
  'read-pack-evidence': async (input) =>
    (await import('../db/snapshot-worker')).readPackEvidenceOf(input.database, input.query)
}
