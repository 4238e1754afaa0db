import type {
  AddressableDecision,
  AutomatedCheck,
  RequirementResult,
  ResultCounts
} from '../../../shared/compliance/results'
import type {
  ControlStatus,
  EvidenceKind,
  FrameworkId,
  Freshness,
  RequirementKind,
  Responsibility
} from '../../../shared/domain'
import type { OpenItem } from '../../../shared/types'
import { jsonBytesInSteps } from '../util/json-in-steps'
import type { Stepwise } from '../util/time-slices'

/** The audit-log appendix prints at most this many entries; the full log of the period is attached. */
export const AUDIT_APPENDIX_LIMIT = 10_000

/**
 * Everything a pack shows, gathered from the register in one go and handed to the worker that
 * writes the PDF and the ZIP. Plain data only: it crosses to a worker thread. Every result in it
 * comes from the one result rule, for the pack's period, scope and choice of controls.
 */
export interface PackContent {
  pack: {
    id: string | null
    name: string
    organisation: string
    /** What the organisation does, from its set-up. */
    organisationDescription: string
    auditor: string
    preparer: string
    periodStart: string
    periodEnd: string
    /** The day evidence is judged on: the period's end, or the day of export while the period runs. */
    judgedOn: string
    generatedAt: string
    generator: string
    scopeLabel: string
    /** The preparer's own words on what is in scope. */
    scopeStatement: string
    /** Every AWS account of the organisation, with whether the pack covers it. */
    accounts: PackAccount[]
  }
  frameworks: PackFramework[]
  /** Each control of the pack, described once. */
  controls: Record<string, PackControl>
  /** Controls taken out of the pack, with the reason the auditor reads. */
  excluded: { id: string; title: string; reason: string }[]
  /** Controls added to the pack although not mapped to its frameworks. */
  additional: string[]
  evidence: PackEvidence[]
  openItems: OpenItem[]
  audit: {
    /** Entries of the period about the pack's controls, requirements, evidence and the pack itself. */
    entries: PackAuditEntry[]
    /** How many entries the register holds for the period in all (the attached log has every one). */
    periodEntries: number
    /** The newest entry of the register's chain when the pack was made. */
    head: { seq: number; hash: string } | null
    /** The period's full log as JSON Lines, written beside the pack for the worker to attach. */
    logPath: string | null
    logName: string
  }
  signing: { publicKeyPem: string; fingerprint: string }
}

export interface PackAccount {
  accountId: string
  name: string
  organizationalUnit: string
  environment: string
  purpose: string
  inScope: boolean
  retired: boolean
}

export interface PackAuditEntry {
  seq: number
  at: string
  actor: string
  action: string
  entityId: string
  summary: string
  hash: string
}

export interface PackFramework {
  id: FrameworkId
  name: string
  shortName: string
  version: string
  publisher: string
  notice: string | null
  results: ResultCounts
  /** Results by top-level group (PCI DSS requirement, HIPAA safeguard, GDPR chapter). */
  groups: { ref: string; title: string; counts: ResultCounts }[]
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
  result: RequirementResult | null
  reasons: string[]
  specification: 'Required' | 'Addressable' | null
  decision: { decision: AddressableDecision; rationale: string; decidedAt: string; decidedBy: string } | null
  responsibility: Responsibility | null
  /** Included controls mapped to it, in id order. */
  controls: string[]
  /** The pack's evidence of those controls. */
  evidence: string[]
  checks: AutomatedCheck[]
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
  notApplicableReason: string
  /** Evidence ids of the pack linked to this control. */
  evidence: string[]
  /** How many of them are in force for the period (the result rule's count). */
  evidenceInForce: number
  /** The requirements of the pack's frameworks it meets. */
  requirements: { framework: FrameworkId; ref: string }[]
  /** The reason it was added to the pack, when it was. */
  addedReason: string | null
}

export interface PackEvidence {
  id: string
  /** A reference an assessor can adopt (PCI DSS ROC section 6.4: DOC-0015 for EV-0015). */
  docRef: string
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
  /** As of the day evidence is judged on. */
  freshness: Freshness
  /** Not expired on that day (counts for the result rule). */
  inForce: boolean
  /** The AWS accounts it speaks for; empty for the whole organisation. */
  accounts: string[]
  controls: string[]
  /** The requirements its controls meet, "PCI DSS 7.2.1". */
  requirements: string[]
  /** The stored file in the vault. */
  path: string
  /** Its name inside the PDF and the ZIP: unique, starts with the evidence id. */
  fileName: string
  /** For the ZIP's folders: framework and requirement groups the evidence belongs to. */
  folders: string[]
}

/**
 * What the end of a build needs of an evidence file, once the pages are written: attaching it to
 * the PDF and listing it in the manifest.
 */
export type AttachedEvidence = Pick<
  PackEvidence,
  'id' | 'title' | 'fileName' | 'path' | 'mediaType' | 'size' | 'sha256' | 'requirements'
>

/**
 * A pack's content as the bytes of its JSON, to move to the worker that writes the pack: a buffer
 * is transferred whole (postMessage's transfer list), not copied object by object, and the main
 * thread keeps nothing of it while the pack is written. Plain data survives JSON as it is.
 * Written in steps, so an export encodes a large pack's content in slices.
 */
export function encodePackContentInSteps(content: PackContent): Stepwise<Uint8Array> {
  return jsonBytesInSteps(content)
}

export function decodePackContent(bytes: Uint8Array): PackContent {
  return JSON.parse(new TextDecoder().decode(bytes)) as PackContent
}
