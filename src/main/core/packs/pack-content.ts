import type {
  ControlStatus,
  EvidenceKind,
  FrameworkId,
  Freshness,
  RequirementKind,
  Responsibility
} from '../../../shared/domain'

/**
 * Everything a pack shows, gathered from the register in one go and handed to the worker that
 * writes the PDF and the ZIP. Plain data only: it crosses to a worker thread.
 */
export interface PackContent {
  pack: {
    id: string | null
    name: string
    organisation: string
    auditor: string
    preparer: string
    periodStart: string
    periodEnd: string
    generatedAt: string
    generator: string
    scopeLabel: string
    accounts: { accountId: string; name: string; organizationalUnit: string }[]
  }
  frameworks: PackFramework[]
  controls: Record<string, PackControl>
  /** Controls taken out of the pack, with the reason the auditor reads. */
  excluded: { id: string; title: string; reason: string }[]
  /** Controls added to the pack although not mapped to its frameworks. */
  additional: string[]
  evidence: PackEvidence[]
  auditEntries: { seq: number; at: string; actor: string; summary: string; hash: string }[]
  signing: { publicKeyPem: string; fingerprint: string }
}

export interface PackFramework {
  id: FrameworkId
  name: string
  version: string
  publisher: string
  notice: string | null
  summary: {
    requirements: number
    notApplicable: number
    covered: number
    mapped: number
    byStatus: Record<ControlStatus, number>
    byResponsibility: Record<Responsibility, number>
  }
  requirements: PackRequirement[]
}

export interface PackRequirement {
  ref: string
  title: string
  kind: RequirementKind
  depth: number
  assessable: boolean
  applicable: boolean
  scopingReason: string | null
  /** Included controls mapped to it, in register order. */
  controls: string[]
}

export interface PackControl {
  id: string
  title: string
  statement: string
  domain: string
  owner: string
  status: ControlStatus
  responsibility: Responsibility
  rationale: string
  awsServices: string[]
  /** Evidence ids of the pack linked to this control. */
  evidence: string[]
  /** The reason it was added to the pack, when it was. */
  addedReason: string | null
}

export interface PackEvidence {
  id: string
  title: string
  kind: EvidenceKind
  source: string
  sourceDetail: string
  originalName: string
  mediaType: string
  size: number
  sha256: string
  effectiveDate: string | null
  periodStart: string | null
  periodEnd: string | null
  reviewBy: string | null
  /** As of the end of the audit period. */
  freshness: Freshness
  controls: string[]
  /** The stored file in the vault. */
  path: string
  /** Its name inside the PDF and the ZIP: unique, starts with the evidence id. */
  fileName: string
  /** For the ZIP's folders: framework and requirement groups the evidence belongs to. */
  folders: string[]
}
