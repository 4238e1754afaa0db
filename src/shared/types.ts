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
import type { AutomatedCheck, DecisionRecord, ReportGap, RequirementResult, ResultCounts } from './compliance/results'

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
  /** Whether this host opens another register through the system's folder dialog (else a folder is typed). */
  hasFolderDialog: boolean
  counts: { controls: number; requirements: number; auditEntries: number }
}

/** A framework as lists and labels name it, without assessing it. */
export interface FrameworkName {
  id: FrameworkId
  name: string
  shortName: string
  version: string
  origin: 'builtin' | 'oscal'
}

export interface FrameworkSummary {
  id: FrameworkId
  name: string
  /** How the framework is named where space is short (HIPAA, PCI DSS). */
  shortName: string
  version: string
  publisher: string
  notice: string | null
  /** Built in, or imported from an OSCAL catalog. */
  origin: 'builtin' | 'oscal'
  /** Assessable requirements (standards and specifications, articles, x.y and defined items). */
  requirements: number
  /** Assessable requirements whose result is not applicable. */
  notApplicable: number
  /** Applicable requirements with at least one control mapped. */
  mapped: number
  /** Assessable requirements by result, for the assessment's period and scope. */
  results: ResultCounts
  /** In place out of applicable, 0..1 (see coverageOf). */
  coverage: number
  /** The period and scope the results are for. */
  assessment: AssessmentContext
}

/** The period and scope an assessment judges: the register's current audit period, or a pack's. */
export interface AssessmentContext {
  periodStart: string
  periodEnd: string
  /** The day evidence is judged on (the period's end, or today while it runs). */
  judgedOn: string
  scopeLabel: string
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
  /**
   * How many controls are mapped, when `controls` lists only the first few (a screen asked for
   * controlsPerNode); the rest are read with requirements:controls.
   */
  controlCount?: number
  /** The result of the one result rule (null for grouping headings, which are not assessed). */
  result: RequirementResult | null
  /** Every fact that decided the result, in words. */
  reasons: string[]
  /** HIPAA: Required or Addressable. */
  specification: 'Required' | 'Addressable' | null
  /** HIPAA: the decision documented for an addressable specification. */
  decision: RequirementDecision | null
  /** Who secures it, from its applicable controls. */
  responsibility: Responsibility | null
  /** Automated tests of it read from exports (Security Hub, Config rules). */
  checks: AutomatedCheck[]
  /** Assessable requirements in the subtree (the node included) by result, and how many have a control mapped. */
  subtree: ResultCounts & { mapped: number }
}

export interface RequirementDecision extends DecisionRecord {
  decidedAt: string
  decidedBy: string
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
  /** Why the control does not apply, when its status is not applicable. */
  notApplicableReason: string
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
  /** Every control in the column (controls may list only the first few: see controlsPerColumn). */
  count: number
  controls: ControlRef[]
}

/** A page of controls out of a longer list. */
/** Controls a picker found, the best first; `more` when further controls match. */
export interface ControlMatches {
  items: ControlRef[]
  more: boolean
}

export interface ControlPage {
  items: ControlRef[]
  total: number
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
  /** For each AWS-inherited control: per report series, the stretches of the audit period its reports leave uncovered. */
  reportGaps: Record<string, ReportGap[]>
  assessment: AssessmentContext
  /** Control counts per framework and responsibility. */
  byFramework: { framework: FrameworkId; name: string; counts: Record<Responsibility, number> }[]
}

export interface FrameworkDashboard extends FrameworkSummary {
  byStatus: Record<ControlStatus, number>
  byResponsibility: Record<Responsibility, number>
  byEvidence: Record<ControlEvidenceState, number>
}

/** A requirement that is not in place or not tested, and why. */
export interface Gap {
  framework: FrameworkId
  ref: string
  title: string
  result: 'not-in-place' | 'not-tested'
  reasons: string[]
  controls: ControlRef[]
}

/** Evidence whose review-by date has passed or comes soon. */
export interface DueEvidence {
  id: string
  title: string
  reviewBy: string
  /** Days from today to the review-by date; negative once it has passed. */
  daysLeft: number
  freshness: Freshness
  /** Owners of the controls it supports. */
  owners: string[]
  controls: string[]
}

export interface DashboardSummary {
  assessment: AssessmentContext
  frameworks: FrameworkDashboard[]
  gaps: Gap[]
  dueSoon: DueEvidence[]
}

export interface SearchHit {
  kind: 'control' | 'requirement' | 'evidence' | 'pack'
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
  /** Production, staging, development… as the organisation names its environments. */
  environment: string
  /** Retired accounts stay on record (evidence and packs name them) but are no longer offered. */
  retired: boolean
}

export interface OrganizationalUnit {
  name: string
  /** The AWS id (ou-…), when it was imported from AWS Organizations. */
  awsId: string | null
  purpose: string
  accounts: number
}

export interface Person {
  id: number
  name: string
  role: string
  email: string
  retired: boolean
}

/** Who the organisation is and what it is audited against. */
export interface Organisation {
  name: string | null
  description: string
  /** The frameworks the organisation is audited against (its dashboard and packs start from them). */
  frameworks: FrameworkId[]
  registerName: string
  /** The person using this register, recorded as the author of every change. */
  you: string | null
  /** Whether the set-up was completed or skipped (the first-run flow is then not offered again). */
  setUpDone: boolean
  /** Whether this register is the sample organisation's. */
  sample: boolean
}

/** One control's record written as a PDF. */
export interface ControlRecordExport {
  path: string
  sha256: string
  pages: number
}

/** A register (data folder) opened before, for the register switcher. */
export interface RecentRegister {
  dataDir: string
  name: string
  organisation: string | null
  /** The sample organisation's own register. */
  sample: boolean
  lastOpened: string
  /** The register open now. */
  current: boolean
  /** Whether the folder still holds a register. */
  exists: boolean
}

export interface RegistersState {
  /** The data folder of the register open now. */
  current: string
  /** Where the sample organisation's register is kept. */
  sampleDataDir: string
  recent: RecentRegister[]
}

/** What importing AWS Organizations output did. */
export interface AccountsImportResult {
  added: AwsAccount[]
  updated: { accountId: string; changes: string[] }[]
  unchanged: number
  organizationalUnits: string[]
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
  /** The limit that stopped the file's inspection (it was stored as it is, nothing extracted). */
  inspectionRefused?: string
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
  /** AWS accounts it is tagged with that the register does not list (account-scoped packs leave it out until added). */
  unknownAccounts?: string[]
  notes: string[]
}

export interface VaultVerification {
  ok: boolean
  checked: number
  problems: { sha256: string; evidence: string[]; problem: 'missing' | 'altered' }[]
  /** Files in the vault no record refers to (left by an import that failed): reported, never deleted. */
  unreferenced?: string[]
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
  /** What is in scope, in the preparer's words. */
  scopeStatement: string
  createdAt: string
  updatedAt: string
  version: number
  controls: PackControlChoice[]
  exports: PackExportRecord[]
}

/** Something an assessor would raise, with what it concerns (to open and fix it). */
export interface OpenItem {
  kind: OpenItemKind
  /** What it concerns: a requirement, a control or an evidence item. */
  framework?: FrameworkId
  ref?: string
  controlId?: string
  /** Several controls, when one item concerns them all alike. */
  controlIds?: string[]
  evidenceId?: string
  /** The requirement's, control's or evidence item's title. */
  title: string
  /** What is wrong, in words. */
  detail: string
}

export type OpenItemKind =
  | 'requirement-not-in-place'
  | 'requirement-not-tested'
  | 'addressable-undecided'
  | 'control-without-evidence'
  | 'control-not-applicable-without-reason'
  | 'report-gap'
  | 'evidence-expired'
  | 'evidence-expiring'

/** What the auditor would find missing in a pack, from the same rule that decides its results. */
export interface PackReadiness {
  assessment: AssessmentContext
  controls: number
  evidence: number
  results: { framework: FrameworkId; name: string; counts: ResultCounts }[]
  openItems: OpenItem[]
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
  problems: {
    kind: 'changed' | 'added' | 'removed' | 'signature' | 'structure'
    item: string
    detail: string
    /** The SHA-256 the signed manifest gives, and the one found, in full (the detail shortens them). */
    expectedSha256?: string
    actualSha256?: string
    /** The requirements the file is evidence for, as the signed pack files it. */
    requirements?: string[]
  }[]
  /** What an auditor acts on: valid only when the pack is intact and its signer is accepted. */
  verdict?: 'valid' | 'not-valid'
  /** The signature holds and every hash matches, whoever signed. */
  intact?: boolean
  /** Who signed the manifest, and what this register (or --expect-fingerprint) says of the key. */
  signer?: PackSigner | null
  /** The standard PDF signature (CMS) that PDF readers check, when the pack's PDF carries one. */
  pdfSignature?: { valid: boolean; signer: string; certificateSha256: string; coversWholeFile: boolean } | null
  /** Changes saved after signing (an auditor's annotations), which the signature does not cover. */
  appendedAfterSigning?: { bytes: number; changes: string[] } | null
  /** The limit that stopped the check of a file built to exhaust memory or time. */
  refusedAtLimit?: string | null
}

export interface PackSigner {
  fingerprint: string
  algorithm: string
  /**
   * own: a key this register signs with; trusted: one its user marked trusted; expected: the one
   * given with --expect-fingerprint; unknown: none of these; mismatch: not the one expected.
   */
  status: 'own' | 'trusted' | 'expected' | 'unknown' | 'mismatch'
  /** A register's keys were consulted (false when verifying without a register). */
  registerConsulted: boolean
  label?: string
}

export interface KnownSigningKey {
  fingerprint: string
  algorithm: string
  trust: 'own' | 'trusted'
  label: string
  addedAt: string
  addedBy: string
  hasPublicKey: boolean
}

/** A backup of a register: a folder holding the register copy, its keys and a manifest of the vault. */
export interface BackupInfo {
  path: string
  createdAt: string
  /** Made by the app's daily schedule rather than by hand. */
  automatic: boolean
  /** Vault files the backup covers. */
  objects: number
}

export interface BackupVerification {
  ok: boolean
  path: string
  createdAt: string
  objects: number
  problems: string[]
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

/** An OSCAL document the register wrote, with the catalogs and profile written beside it. */
export interface OscalExportResult {
  kind: 'system-security-plan' | 'component-definition'
  path: string
  sha256: string
  /** Every file written: the document first, then the profile and catalogs it refers to. */
  files: string[]
  framework: string | null
  /** System security plan: applicable requirements; component definition: requirement mappings. */
  implementedRequirements: number
  /** By-components with what is inherited from AWS, and with the organisation's part of shared controls. */
  inherited: number
  satisfied: number
  components: number
}

/** What importing an OSCAL catalog added. */
export interface OscalCatalogImportResult {
  id: string
  name: string
  shortName: string
  version: string
  requirements: number
  groups: number
  withdrawn: number
  changed: boolean
}
