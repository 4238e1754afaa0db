import type {
  ControlEvidenceState,
  ControlStatus,
  EvidenceKind,
  EvidenceSource,
  Freshness,
  FrameworkId,
  RequirementKind,
  Responsibility
} from './domain'

/** Data shapes exchanged between the core and its faces (renderer, CLI). */

export interface AppInfo {
  productName: string
  version: string
  dataDir: string
  registerPath: string
  registerName: string
  organisationName: string | null
  actor: string
  schemaVersion: number
  hasSampleOrganisation: boolean
  counts: { controls: number; requirements: number; auditEntries: number }
}

export interface FrameworkSummary {
  id: FrameworkId
  name: string
  version: string
  publisher: string
  notice: string | null
  /** Assessable requirements (standards and specifications, articles, x.y and defined items). */
  requirements: number
  /** Assessable requirements marked as not applicable, with a reason. */
  notApplicable: number
  /** Applicable requirements with at least one mapped control. */
  mapped: number
  /** Applicable requirements with at least one implemented control. */
  covered: number
  /** covered / applicable, 0..1. */
  coverage: number
}

export interface Mapping {
  framework: FrameworkId
  ref: string
}

export interface ControlRef {
  id: string
  title: string
  status: ControlStatus
  responsibility: Responsibility
  /** The freshness of the control's best evidence (set where lists show it). */
  evidence?: ControlEvidenceState
}

export interface RequirementNode {
  framework: FrameworkId
  ref: string
  parentRef: string | null
  kind: RequirementKind
  title: string
  assessable: boolean
  depth: number
  attributes: Record<string, string | number | boolean | string[]>
  applicable: boolean
  /** Why the requirement does not apply, when it does not. */
  scopingReason: string | null
  controls: ControlRef[]
  /** At least one mapped control is implemented (only meaningful when assessable). */
  covered: boolean
  /** At least one mapped control has fresh evidence. */
  freshEvidence: boolean
  /** For grouping and parent nodes: assessable, applicable requirements in the subtree and how many are covered. */
  subtree: { applicable: number; covered: number; mapped: number }
}

export interface ControlSummary {
  id: string
  title: string
  domain: string
  responsibility: Responsibility
  status: ControlStatus
  owner: string
  mappings: Mapping[]
  /** The freshness of the control's best linked evidence, or none. */
  evidence: ControlEvidenceState
}

export interface RequirementRef extends Mapping {
  title: string
}

export interface ControlDetail extends ControlSummary {
  statement: string
  rationale: string
  awsServices: string[]
  notes: string
  origin: 'library' | 'custom'
  version: number
  createdAt: string
  updatedAt: string
  requirements: RequirementRef[]
}

export interface AuditEntry {
  seq: number
  at: string
  actor: string
  action: string
  entityType: string
  entityId: string
  summary: string
  before: unknown
  after: unknown
  prevHash: string
  hash: string
}

export interface AuditQuery {
  entityType?: string
  entityId?: string
  actor?: string
  beforeSeq?: number
  from?: string
  to?: string
  limit?: number
  order?: 'asc' | 'desc'
}

export type AuditVerification =
  { ok: true; entries: number } | { ok: false; entries: number; firstBroken: { seq: number; reason: string } }

export interface ResponsibilityColumn {
  responsibility: Responsibility
  count: number
  controls: ControlSummary[]
}

export interface BackingReport {
  id: string
  title: string
  periodStart: string | null
  periodEnd: string | null
  freshness: Freshness
}

export interface ResponsibilityMatrix {
  framework: FrameworkId | null
  columns: ResponsibilityColumn[]
  /** For each AWS-inherited control: the AWS Artifact reports that back it, with their periods. */
  reports: Record<string, BackingReport[]>
  /** Control counts per framework and responsibility. */
  byFramework: { framework: FrameworkId; name: string; counts: Record<Responsibility, number> }[]
}

export interface FrameworkDashboard extends FrameworkSummary {
  byStatus: Record<ControlStatus, number>
  byResponsibility: Record<Responsibility, number>
  byEvidence: Record<ControlEvidenceState, number>
}

export interface Gap {
  framework: FrameworkId
  ref: string
  title: string
  /** What is missing: no control at all, or controls that are not implemented yet. */
  kind: 'no-control' | 'not-implemented'
  controls: ControlRef[]
}

export interface DashboardSummary {
  frameworks: FrameworkDashboard[]
  gaps: Gap[]
}

export interface SearchHit {
  kind: 'control' | 'requirement'
  id: string
  framework?: FrameworkId
  title: string
  detail: string
}

export interface AwsAccount {
  accountId: string
  name: string
  organizationalUnit: string
  purpose: string
}

export interface ExportSummary {
  /** Which export this is, such as guardduty-findings or iam-credential-report. */
  format: string
  label: string
  service: string
  records: number
  /** Counts by severity (findings) or by result (compliance), as the export names them. */
  counts: Record<string, number>
  accounts: string[]
  dateRange: { from: string; to: string } | null
  highlights: string[]
}

/** Details read from a PDF, offered for confirmation and never applied blindly. */
export interface DetectedDetails {
  title?: string
  reportType?: string
  kind?: EvidenceKind
  issuer?: string
  periodStart?: string
  periodEnd?: string
  effectiveDate?: string
  /** The date a certificate or agreement stops being valid. */
  expires?: string
}

export interface EvidenceMetadata {
  /** What could and could not be read from the file. */
  notes?: string[]
  pdf?: {
    pages?: number
    encrypted?: boolean
    title?: string
    author?: string
    producer?: string
    attachments?: number
  }
  detected?: DetectedDetails
  /** Set once the user accepted or edited the detected details. */
  detectedConfirmed?: boolean
  exportSummary?: ExportSummary
}

export interface EvidenceSummary {
  id: string
  title: string
  kind: EvidenceKind
  source: EvidenceSource
  sourceDetail: string
  originalName: string
  size: number
  mediaType: string
  sha256: string
  importedAt: string
  importedBy: string
  effectiveDate: string | null
  periodStart: string | null
  periodEnd: string | null
  reviewBy: string | null
  freshness: Freshness
  parentId: string | null
  controls: string[]
  removed: boolean
}

export interface EvidenceDetail extends EvidenceSummary {
  notes: string
  metadata: EvidenceMetadata
  version: number
  removedAt: string | null
  removedBy: string | null
  children: { id: string; title: string; originalName: string; sha256: string }[]
  linkedControls: ControlRef[]
}

export interface ImportedItem {
  id: string
  sha256: string
  size: number
  kind: EvidenceKind
  title: string
  /** The same content was already in the vault as this item: nothing new was stored. */
  duplicateOf?: string
  extracted: { id: string; sha256: string; name: string }[]
  detected?: DetectedDetails
  notes: string[]
}

export interface VaultVerification {
  ok: boolean
  checked: number
  problems: { sha256: string; evidence: string[]; problem: 'missing' | 'altered' }[]
}

export interface JobProgress {
  jobId: string
  label: string
  done: number
  total: number
  unit: 'bytes' | 'items' | 'pages'
  state: 'running' | 'done' | 'cancelled' | 'failed'
}
