import { RESULT_LABELS, type RequirementResult } from '../../../../shared/compliance/results'
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

export const RESULT_COLORS: Record<RequirementResult, string> = {
  'in-place': COLORS.implemented,
  'not-in-place': COLORS.red,
  'not-tested': COLORS.planned,
  'not-applicable': COLORS.notApplicable
}

/** The order results are counted and charted in. */
export const RESULT_ORDER: RequirementResult[] = ['in-place', 'not-in-place', 'not-tested', 'not-applicable']

export const statusLabel = (status: ControlStatus): string => CONTROL_STATUS_LABELS[status]
export const responsibilityLabel = (responsibility: Responsibility): string => RESPONSIBILITY_LABELS[responsibility]
export const resultLabel = (result: RequirementResult): string => RESULT_LABELS[result]

/** Who secures a requirement, in the matrix's one column. */
export const RESPONSIBILITY_SHORT: Record<Responsibility, string> = {
  aws: 'AWS',
  shared: 'Shared',
  customer: 'Customer'
}

export { destinations } from './destinations'

export const period = (start: string | null, end: string | null): string => (start && end ? `${start} to ${end}` : '—')

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1048576) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1048576).toFixed(1)} MB`
}
