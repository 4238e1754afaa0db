import {
  CONTROL_STATUS_LABELS,
  RESPONSIBILITY_LABELS,
  type ControlStatus,
  type Responsibility
} from '../../../../shared/domain'
import { COLORS } from './pack-document'

export const STATUS_COLORS: Record<ControlStatus, string> = {
  implemented: COLORS.implemented,
  'in-progress': COLORS.inProgress,
  planned: COLORS.planned,
  'not-started': COLORS.notStarted,
  'not-applicable': COLORS.notApplicable
}

export const RESPONSIBILITY_COLORS: Record<Responsibility, string> = {
  aws: COLORS.aws,
  shared: COLORS.shared,
  customer: COLORS.customer
}

export const statusLabel = (status: ControlStatus): string => CONTROL_STATUS_LABELS[status]
export const responsibilityLabel = (responsibility: Responsibility): string => RESPONSIBILITY_LABELS[responsibility]

/** Link targets inside the PDF, one naming scheme for every section. */
export const destinations = {
  summary: 'summary',
  matrix: 'matrix',
  framework: (framework: string) => `framework-${framework}`,
  requirement: (framework: string, ref: string) => `req-${framework}-${ref}`,
  control: (id: string) => `control-${id}`,
  evidenceIndex: 'evidence-index',
  evidence: (id: string) => `evidence-${id}`,
  excluded: 'excluded',
  audit: 'audit-log',
  verification: 'verification'
}

export const period = (start: string | null, end: string | null): string => (start && end ? `${start} – ${end}` : '—')

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1048576) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1048576).toFixed(1)} MB`
}
