import { Badge } from '@radix-ui/themes'
import { RESULT_LABELS, type RequirementResult } from '@shared/compliance/results'
import { useShortName } from '../api/framework-names'
import {
  CONTROL_STATUS_LABELS,
  FRESHNESS_LABELS,
  RESPONSIBILITY_LABELS,
  type ControlEvidenceState,
  type ControlStatus,
  type FrameworkId,
  type Responsibility
} from '@shared/domain'

type BadgeColor = React.ComponentProps<typeof Badge>['color']

const STATUS_COLORS: Record<ControlStatus, BadgeColor> = {
  'not-started': 'gray',
  planned: 'amber',
  'in-progress': 'blue',
  implemented: 'green',
  'not-applicable': 'gray'
}

const RESPONSIBILITY_COLORS: Record<Responsibility, BadgeColor> = {
  aws: 'orange',
  shared: 'violet',
  customer: 'cyan'
}

export function StatusBadge({ status }: { status: ControlStatus }) {
  return (
    <Badge color={STATUS_COLORS[status]} variant={status === 'not-applicable' ? 'outline' : 'soft'} radius="full">
      {CONTROL_STATUS_LABELS[status]}
    </Badge>
  )
}

export function ResponsibilityBadge({ responsibility }: { responsibility: Responsibility }) {
  return (
    <Badge color={RESPONSIBILITY_COLORS[responsibility]} variant="surface">
      {RESPONSIBILITY_LABELS[responsibility]}
    </Badge>
  )
}

export function FrameworkBadge({ framework, count }: { framework: FrameworkId; count?: number }) {
  const shortName = useShortName()
  return (
    <Badge color="gray" variant="soft">
      {shortName(framework)}
      {count !== undefined && count > 1 ? ` ×${count}` : ''}
    </Badge>
  )
}

const FRESHNESS_COLORS: Record<ControlEvidenceState, BadgeColor> = {
  fresh: 'green',
  expiring: 'amber',
  expired: 'red',
  none: 'gray'
}

export function FreshnessBadge({ state }: { state: ControlEvidenceState }) {
  return (
    <Badge color={FRESHNESS_COLORS[state]} variant={state === 'none' ? 'outline' : 'soft'}>
      {FRESHNESS_LABELS[state]}
    </Badge>
  )
}

const RESULT_COLORS: Record<RequirementResult, BadgeColor> = {
  'in-place': 'green',
  'not-in-place': 'red',
  'not-tested': 'amber',
  'not-applicable': 'gray'
}

/** A requirement's result from the one result rule, in words (never by colour alone). */
export function ResultBadge({ result }: { result: RequirementResult }) {
  return (
    <Badge color={RESULT_COLORS[result]} variant={result === 'not-applicable' ? 'outline' : 'soft'}>
      {RESULT_LABELS[result]}
    </Badge>
  )
}
