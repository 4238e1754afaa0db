/**
 * The vocabulary of the register, shared by the core, the CLI and the renderer.
 * Pure TypeScript: no Node, no Electron, no DOM.
 */

/** The frameworks that ship with the app; catalogs imported from OSCAL add more. */
export const BUILTIN_FRAMEWORK_IDS = ['hipaa', 'gdpr', 'pci'] as const
export type BuiltinFrameworkId = (typeof BUILTIN_FRAMEWORK_IDS)[number]
/** A framework's id: one of the built-in three, or an imported catalog's (lower case, digits, hyphens). */
export type FrameworkId = string
export const FRAMEWORK_ID_PATTERN = /^[a-z][a-z0-9-]{1,39}$/

/** How the built-in frameworks are named where space is short; an imported catalog carries its own. */
export const BUILTIN_SHORT_NAMES: Record<BuiltinFrameworkId, string> = { hipaa: 'HIPAA', gdpr: 'GDPR', pci: 'PCI DSS' }

export function isBuiltinFramework(id: string): id is BuiltinFrameworkId {
  return (BUILTIN_FRAMEWORK_IDS as readonly string[]).includes(id)
}

export const RESPONSIBILITIES = ['aws', 'shared', 'customer'] as const
export type Responsibility = (typeof RESPONSIBILITIES)[number]

export const RESPONSIBILITY_LABELS: Record<Responsibility, string> = {
  aws: 'AWS-inherited',
  shared: 'Shared',
  customer: 'Customer'
}

/** Column headings of the shared-responsibility matrix, in AWS's own terms. */
export const RESPONSIBILITY_HEADINGS: Record<Responsibility, string> = {
  aws: 'AWS secures',
  shared: 'Shared',
  customer: 'You secure'
}

export const CONTROL_STATUSES = ['not-started', 'planned', 'in-progress', 'implemented', 'not-applicable'] as const
export type ControlStatus = (typeof CONTROL_STATUSES)[number]

export const CONTROL_STATUS_LABELS: Record<ControlStatus, string> = {
  'not-started': 'Not started',
  planned: 'Planned',
  'in-progress': 'In progress',
  implemented: 'Implemented',
  'not-applicable': 'Not applicable'
}

/** AWS services a control can rely on; the list the starter library and the editor offer. */
export const AWS_SERVICES = [
  'IAM',
  'IAM Identity Center',
  'Organizations',
  'SCPs',
  'KMS',
  'WAF',
  'Shield',
  'Inspector',
  'GuardDuty',
  'Security Hub',
  'CloudTrail',
  'Config',
  'CloudWatch',
  'Artifact',
  'Backup',
  'S3',
  'RDS',
  'EC2',
  'VPC',
  'Systems Manager',
  'Secrets Manager',
  'Certificate Manager',
  'Macie',
  'Detective',
  'Route 53',
  'CloudFront',
  'Elastic Load Balancing',
  'Lambda',
  'ECR',
  'Audit Manager'
] as const
export type AwsService = (typeof AWS_SERVICES)[number]

/** Kinds of nodes in a framework's requirement tree. */
export const REQUIREMENT_KINDS = [
  // HIPAA: safeguard section -> standard -> implementation specification
  'safeguard',
  'standard',
  'implementation-specification',
  // GDPR: chapter -> article
  'chapter',
  'article',
  // PCI DSS: principal requirement (or appendix) -> x.y -> defined requirement (x.y.z and deeper)
  'principal',
  'section',
  'defined',
  // Imported OSCAL catalogs: group -> control (a control's enhancements are controls under it)
  'group',
  'control'
] as const
export type RequirementKind = (typeof REQUIREMENT_KINDS)[number]

/** A control id such as IAM-03: 2-6 capital letters, a hyphen, 2-3 digits. */
export const CONTROL_ID_PATTERN = /^[A-Z]{2,6}-\d{2,3}$/

export const EVIDENCE_KINDS = [
  'artifact-report',
  'agreement',
  'policy',
  'screenshot',
  'config-export',
  'finding-export',
  'other'
] as const
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number]

export const EVIDENCE_KIND_LABELS: Record<EvidenceKind, string> = {
  'artifact-report': 'AWS Artifact report',
  agreement: 'Agreement',
  policy: 'Policy',
  screenshot: 'Screenshot',
  'config-export': 'Configuration export',
  'finding-export': 'Findings export',
  other: 'Other'
}

export const EVIDENCE_SOURCES = ['aws-artifact', 'aws-service', 'internal', 'auditor', 'unknown'] as const
export type EvidenceSource = (typeof EVIDENCE_SOURCES)[number]

export const EVIDENCE_SOURCE_LABELS: Record<EvidenceSource, string> = {
  'aws-artifact': 'AWS Artifact',
  'aws-service': 'AWS service',
  internal: 'Internal',
  auditor: 'Auditor',
  unknown: 'Unknown'
}

/** Whether evidence still speaks for today: judged by its review-by (or expiry) date. */
export const FRESHNESS = ['fresh', 'expiring', 'expired'] as const
export type Freshness = (typeof FRESHNESS)[number]

/** A control's evidence: the freshness of its best linked item, or none at all. */
export const CONTROL_EVIDENCE_STATES = [...FRESHNESS, 'none'] as const
export type ControlEvidenceState = (typeof CONTROL_EVIDENCE_STATES)[number]

export const FRESHNESS_LABELS: Record<ControlEvidenceState, string> = {
  fresh: 'Fresh',
  expiring: 'Expiring',
  expired: 'Expired',
  none: 'No evidence'
}

export const DEFAULT_EXPIRING_DAYS = 30

/**
 * How long evidence of each kind stays current when no review-by date is given, counted from the
 * date it speaks for (the end of its period, else its effective date): reports and agreements are
 * reviewed yearly, configuration and findings exports quarterly.
 */
export const DEFAULT_REVIEW_MONTHS: Record<EvidenceKind, number> = {
  'artifact-report': 12,
  agreement: 12,
  policy: 12,
  screenshot: 3,
  'config-export': 3,
  'finding-export': 3,
  other: 12
}
