import type { PackVerification } from '../../../shared/types'
import type { EvidenceInspection } from '../evidence/inspect-evidence'
import type { SpreadsheetTable } from '../spreadsheets/read-spreadsheet'
import type { BuildPackInput, BuildPackOutput } from '../packs/build-pack'
import type { ResponsePdfInput, ResponsePdfOutput } from '../requests/response-pdf'
import type { EncodedSnapshot, SnapshotPlan } from '../db/read-snapshot'
import type { PackEvidenceFacts, PackEvidenceQuery } from '../compliance/assessment-queries'

/** Work that runs in a worker thread, so the main process stays responsive. */
export interface TaskMap {
  'inspect-evidence': {
    input: { path: string; name: string; mediaType: string; size: number }
    output: EvidenceInspection
  }
  'build-pack': { input: BuildPackInput; output: BuildPackOutput }
  'verify-pack': { input: { path: string }; output: PackVerification }
  'read-spreadsheet': { input: { path: string; sheet?: string }; output: SpreadsheetTable }
  'write-response-pdfs': { input: ResponsePdfInput; output: ResponsePdfOutput }
  /** The whole-register reads the read cache keeps, from a read-only connection of the worker's own. */
  'read-snapshot': { input: { database: string; plan: SnapshotPlan }; output: EncodedSnapshot }
  /** A pack's evidence facts for its readiness, from the same connection. */
  'read-pack-evidence': { input: { database: string; query: PackEvidenceQuery }; output: PackEvidenceFacts }
}

export type TaskKind = keyof TaskMap
export type TaskInput<K extends TaskKind> = TaskMap[K]['input']
export type TaskOutput<K extends TaskKind> = TaskMap[K]['output']

/** Messages between the main thread and a task worker. */
export type ToWorker = { id: number; kind: TaskKind; input: unknown }
export type FromWorker =
  | { id: number; type: 'progress'; done: number; total: number }
  | { id: number; type: 'result'; value: unknown }
  | { id: number; type: 'error'; code: string; message: string }
