/**
 * Spreadsheets in and out: what can be exported, the fields a control list maps to, and what an
 * import previews. Pure TypeScript, shared by the core, the command line and the renderer.
 */

export const EXPORT_KINDS = ['register', 'soa', 'matrix', 'evidence', 'audit'] as const
export type ExportKind = (typeof EXPORT_KINDS)[number]

export const EXPORT_FORMATS = ['xlsx', 'csv'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

export const EXPORT_KIND_LABELS: Record<ExportKind, string> = {
  register: 'Register of controls',
  soa: 'Statement of Applicability',
  matrix: 'Shared-responsibility matrix',
  evidence: 'Evidence index',
  audit: 'Audit log'
}

export interface SpreadsheetExportResult {
  path: string
  format: ExportFormat
  kind: ExportKind
  sheets: string[]
  rows: number
}

/** The fields of a control a spreadsheet column can map to; `map:<framework>` holds one framework's refs. */
export const CONTROL_IMPORT_FIELDS = [
  'id',
  'title',
  'statement',
  'domain',
  'owner',
  'status',
  'responsibility',
  'rationale',
  'notApplicableReason',
  'awsServices',
  'notes'
] as const
export type ControlImportField = (typeof CONTROL_IMPORT_FIELDS)[number] | `map:${string}`

/** A column left out of the import: `ignore`. */
export type ColumnTarget = ControlImportField | 'ignore'

export interface ImportRowError {
  /** The row as the spreadsheet numbers it (the header is row 1). */
  row: number
  /** The column's heading, or '' when the error concerns the whole row or file. */
  column: string
  message: string
}

export interface FieldChange {
  field: string
  before: string
  after: string
}

export interface ControlImportPreview {
  created: number
  updated: number
  unchanged: number
  errors: ImportRowError[]
  /** Each control created or updated, field by field. */
  changes: { id: string; action: 'create' | 'update'; changes: FieldChange[] }[]
  /** The mapping used: each heading and the field it fills. */
  mapping: { column: string; field: ColumnTarget }[]
  sheet: string | null
  sheets: string[]
  rows: number
}

/** An auditor's request (PBC item) and where its answer stands. */
export const REQUEST_STATUSES = ['open', 'in-progress', 'provided', 'accepted', 'follow-up'] as const
export type RequestStatus = (typeof REQUEST_STATUSES)[number]
export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  open: 'Open',
  'in-progress': 'In progress',
  provided: 'Provided',
  accepted: 'Accepted',
  'follow-up': 'Follow-up'
}

/** A request list's responses written as a ZIP (requests export). */
export interface RequestExportResult {
  path: string
  sha256: string
  size: number
  requests: number
  evidenceFiles: number
  keyFingerprint: string
}

export interface AuditRequest {
  id: string
  reference: string
  details: string
  status: RequestStatus
  assignee: string
  dueDate: string | null
  note: string
  overdue: boolean
  controls: string[]
  requirements: string[]
  evidence: string[]
  /** Evidence of the linked controls not linked yet: what could answer the request. */
  suggestedEvidence: string[]
}

export interface RequestImportResult {
  created: number
  updated: number
  unchanged: number
  errors: ImportRowError[]
  /** Requests linked to a control or requirement from the reference they cite. */
  linked: number
  /** Only in a preview: how each column is read, and the workbook's sheets. */
  columns?: { heading: string; field: RequestImportField }[]
  sheets?: string[]
  sheet?: string | null
}

export const REQUEST_IMPORT_FIELDS = ['id', 'reference', 'details', 'assignee', 'dueDate', 'ignore'] as const
export type RequestImportField = (typeof REQUEST_IMPORT_FIELDS)[number]
