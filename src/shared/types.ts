import type { ControlStatus, FrameworkId, RequirementKind, Responsibility } from './domain'

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

export interface ResponsibilityMatrix {
  framework: FrameworkId | null
  columns: ResponsibilityColumn[]
  /** Control counts per framework and responsibility. */
  byFramework: { framework: FrameworkId; name: string; counts: Record<Responsibility, number> }[]
}

export interface FrameworkDashboard extends FrameworkSummary {
  byStatus: Record<ControlStatus, number>
  byResponsibility: Record<Responsibility, number>
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
