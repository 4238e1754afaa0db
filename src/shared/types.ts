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
  /** Where packs are exported to. */
  exportsDir: string
  registerName: string
  organisationName: string | null
  actor: string
  schemaVersion: number
  hasSampleOrganisation: boolean
  /** Whether this host can open a file's folder (the desktop app can; other hosts only list the path). */
  canShowInFolder: boolean
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
  /** Findings-like exports: how many findings, how many still open, by severity (open ones only). */
  findings?: FindingCounts
  /** Posture files: the checks an auditor looks for, each passed or failed. */
  checks?: PostureCheck[]
  /** Requirement references the findings cite themselves, as written (such as "PCI DSS v4.0.1/10.3.2"). */
  requirements?: string[]
  regions?: string[]
  /** When the export itself says it was generated, where the format records it (ISO 8601). */
  generatedAt?: string | null
  /** Reading stopped at the inspection limit: the counts cover only what was read. */
  partial?: boolean
}

export interface FindingCounts {
  total: number
  /** Active, failed or non-compliant; not archived, suppressed, resolved, closed or passed. */
  open: number
  /** Open findings by severity; open findings without a severity (Config, Access Analyzer) are counted in unrated. */
  bySeverity: { critical: number; high: number; medium: number; low: number; informational: number }
  unrated: number
  passed: number
  suppressed: number
  resolved: number
}

export interface PostureCheck {
  id: string
  title: string
  result: 'pass' | 'fail'
  detail: string
}

/** Automated results an export gave for one requirement of a framework in the register. */
export interface AutomatedRequirementResult {
  ref: string
  evidenceId: string
  /** Which tool produced the results, such as Security Hub or Prowler. */
  source: string
  /** The day of the newest result (YYYY-MM-DD), or null when the export does not say. */
  checkedAt: string | null
  passed: number
  failed: number
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
  /** The AWS accounts it covers; empty when it speaks for the whole organisation. */
  accounts: string[]
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
  /** Bytes are shown as sizes; steps only as a percentage. */
  unit: 'bytes' | 'steps'
  state: 'running' | 'done' | 'cancelled' | 'failed'
}

export interface PackScope {
  accounts: string[]
  organizationalUnits: string[]
}

export interface PackControlChoice {
  controlId: string
  /** false: taken out of the pack; true: added to it. */
  included: boolean
  reason: string
}

export interface PackExportRecord {
  id: number
  exportedAt: string
  exportedBy: string
  pdfPath: string | null
  zipPath: string | null
  pdfSha256: string | null
  zipSha256: string | null
  pages: number
  evidence: number
  keyFingerprint: string
}

export interface PackDefinition {
  id: string
  name: string
  frameworks: FrameworkId[]
  scope: PackScope
  periodStart: string
  periodEnd: string
  organisation: string
  auditor: string
  preparer: string
  createdAt: string
  updatedAt: string
  version: number
  controls: PackControlChoice[]
  exports: PackExportRecord[]
}

/** What the auditor would find missing, with what to open to fix each. */
export interface PackReadiness {
  controls: number
  evidence: number
  requirementsWithoutControl: { framework: FrameworkId; ref: string; title: string }[]
  /** Controls with no evidence in the period, or only evidence that has expired by its end (evidence > 0). */
  controlsWithoutFreshEvidence: { id: string; title: string; responsibility: Responsibility; evidence: number }[]
  evidenceExpiringBeforeEnd: { id: string; title: string; reviewBy: string; controls: string[] }[]
}

export interface PackExportResult {
  pdf: string | null
  zip: string | null
  /** SHA-256 of the PDF (or of the ZIP when only a ZIP was made). */
  sha256: string
  pages: number
  evidence: number
  keyFingerprint: string
}

export interface PackVerification {
  ok: boolean
  kind: 'pdf' | 'zip'
  /** What the pack says about itself (from its signed manifest), when it could be read. */
  pack: {
    name: string
    organisation: string
    frameworks: string[]
    periodStart: string
    periodEnd: string
    generatedAt: string
  } | null
  keyFingerprint: string | null
  checked: number
  problems: { kind: 'changed' | 'added' | 'removed' | 'signature' | 'structure'; item: string; detail: string }[]
}

/** A collector script written for a pack (collector:writeScript). */
export interface CollectorScriptResult {
  path: string
  shell: 'bash' | 'powershell'
  accounts: string[]
  regions: string[]
}

/** What importing a collection ZIP attached (collector:import). */
export interface CollectorImportResult {
  collection: ImportedItem
  files: {
    path: string
    account: string | null
    region: string | null
    item?: ImportedItem
    controls: string[]
    error?: string
  }[]
  /** Calls the manifest says failed (a service not enabled, an account skipped). */
  failedCalls: { account: string; region: string; command: string; error: string }[]
}
