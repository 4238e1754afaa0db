import { Button, Card, Flex, Heading, Text } from '@radix-ui/themes'
import { Link, useLocation } from 'wouter'
import {
  CONTROL_EVIDENCE_STATES,
  CONTROL_STATUSES,
  CONTROL_STATUS_LABELS,
  FRESHNESS_LABELS,
  RESPONSIBILITIES,
  RESPONSIBILITY_HEADINGS,
  type ControlEvidenceState,
  type ControlStatus,
  type Responsibility
} from '@shared/domain'
import {
  describeCoverage,
  REQUIREMENT_RESULTS,
  RESULT_LABELS,
  type RequirementResult
} from '@shared/compliance/results'
import type { DashboardSummary, FrameworkDashboard } from '@shared/types'
import { useAppInfo, useDashboard, useOrganisation } from '../../api/queries'
import { TrySampleButton } from '../registers/TrySampleButton'
import { useRegisterFilters } from '../../app/register-filters'
import { useShortName } from '../../api/framework-names'
import { ResultBadge } from '../../components/badges'
import { PageHeader } from '../../components/PageHeader'
import { ErrorCallout, Loading } from '../../components/states'
import { formatDay, formatPeriod } from '../../components/dates'

const STATUS_CLASS: Record<ControlStatus, string> = {
  'not-started': 'seg-gray',
  planned: 'seg-amber',
  'in-progress': 'seg-blue',
  implemented: 'seg-green',
  'not-applicable': 'seg-muted'
}
const RESULT_CLASS: Record<RequirementResult, string> = {
  'in-place': 'seg-green',
  'not-in-place': 'seg-red',
  'not-tested': 'seg-amber',
  'not-applicable': 'seg-muted'
}
const RESPONSIBILITY_CLASS: Record<Responsibility, string> = {
  aws: 'seg-orange',
  shared: 'seg-violet',
  customer: 'seg-cyan'
}
const EVIDENCE_CLASS: Record<ControlEvidenceState, string> = {
  fresh: 'seg-green',
  expiring: 'seg-amber',
  expired: 'seg-red',
  none: 'seg-muted'
}

/** A stacked bar: one glance tells the spread, the legend gives the figures. */
function StackedBar<K extends string>({
  label,
  keys,
  counts,
  names,
  classes,
  onPick
}: {
  label: string
  keys: readonly K[]
  counts: Record<K, number>
  names: Record<K, string>
  classes: Record<K, string>
  onPick?: (key: K) => void
}) {
  const total = keys.reduce((sum, key) => sum + counts[key], 0)
  return (
    <Flex direction="column" gap="1">
      <Text size="1" weight="medium">
        {label}
      </Text>
      <div
        className="stacked-bar"
        role="img"
        aria-label={`${label}: ${keys.map((k) => `${names[k]} ${counts[k]}`).join(', ')}`}
      >
        {keys.map((key) =>
          counts[key] > 0 ? (
            <span key={key} className={classes[key]} style={{ flexGrow: counts[key] / Math.max(1, total) }} />
          ) : null
        )}
      </div>
      <Flex gap="3" wrap="wrap">
        {keys.map((key) => (
          <button key={key} type="button" className="legend-item" onClick={() => onPick?.(key)} disabled={!onPick}>
            <span className={`legend-swatch ${classes[key]}`} aria-hidden />
            <Text size="1">
              {names[key]} <span className="tabular">{counts[key]}</span>
            </Text>
          </button>
        ))}
      </Flex>
    </Flex>
  )
}

function FrameworkCard({ framework }: { framework: FrameworkDashboard }) {
  const [, navigate] = useLocation()
  const { setFilters } = useRegisterFilters()
  return (
    <Card asChild>
      <section aria-label={`${framework.name} summary`}>
        <Flex direction="column" gap="3">
          <Flex justify="between" align="baseline">
            <Heading as="h2" size="3">
              <Link href={`/frameworks/${framework.id}`}>{framework.name}</Link>
            </Heading>
            <Text size="1" color="gray">
              {framework.version}
            </Text>
          </Flex>
          <Flex direction="column" gap="1">
            <Text size="6" weight="bold" className="tabular">
              {Math.round(framework.coverage * 100)}%
            </Text>
            <Text size="1">{describeCoverage(framework.results)}</Text>
          </Flex>
          <StackedBar
            label="Requirements by result"
            keys={REQUIREMENT_RESULTS}
            counts={framework.results}
            names={RESULT_LABELS}
            classes={RESULT_CLASS}
            onPick={() => navigate(`/frameworks/${framework.id}`)}
          />
          <StackedBar
            label="Controls by status"
            keys={CONTROL_STATUSES}
            counts={framework.byStatus}
            names={CONTROL_STATUS_LABELS}
            classes={STATUS_CLASS}
            onPick={(status) => {
              setFilters({ framework: framework.id, status })
              navigate('/register')
            }}
          />
          <StackedBar
            label="Controls by evidence"
            keys={CONTROL_EVIDENCE_STATES}
            counts={framework.byEvidence}
            names={FRESHNESS_LABELS}
            classes={EVIDENCE_CLASS}
            onPick={(evidence) => {
              setFilters({ framework: framework.id, evidence })
              navigate('/register')
            }}
          />
          <StackedBar
            label="Controls by responsibility"
            keys={RESPONSIBILITIES}
            counts={framework.byResponsibility}
            names={RESPONSIBILITY_HEADINGS}
            classes={RESPONSIBILITY_CLASS}
            onPick={(responsibility) => {
              setFilters({ framework: framework.id, responsibility })
              navigate('/register')
            }}
          />
        </Flex>
      </section>
    </Card>
  )
}

/** The requirements furthest from in place, with why, each one click from where it is fixed. */
function Gaps({ gaps }: { gaps: DashboardSummary['gaps'] }) {
  const shortName = useShortName()
  return (
    <Card asChild>
      <section aria-label="Most urgent gaps">
        <Heading as="h2" size="3" mb="2">
          Most urgent gaps
        </Heading>
        {gaps.length === 0 ? (
          <Text size="2" color="gray">
            No gaps: every applicable requirement is in place.
          </Text>
        ) : (
          <ol className="gap-list">
            {gaps.map((gap) => (
              <li key={`${gap.framework}:${gap.ref}`}>
                <Link href={`/frameworks/${gap.framework}/${encodeURIComponent(gap.ref)}`} className="mono">
                  {shortName(gap.framework)} {gap.ref}
                </Link>
                <Text size="1" className="truncate" title={`${gap.title}: ${gap.reasons.join(' ')}`}>
                  {gap.title} <Text color="gray">· {gap.reasons[0]}</Text>
                </Text>
                <ResultBadge result={gap.result} />
              </li>
            ))}
          </ol>
        )}
      </section>
    </Card>
  )
}

/** Evidence whose review-by date has passed or comes soon, most overdue first. */
function DueSoon({ items }: { items: DashboardSummary['dueSoon'] }) {
  return (
    <Card asChild>
      <section aria-label="Evidence due for review">
        <Heading as="h2" size="3" mb="2">
          Due for review
        </Heading>
        {items.length === 0 ? (
          <Text size="2" color="gray">
            Nothing is due: no evidence reaches its review-by date in the expiring window.
          </Text>
        ) : (
          <ol className="gap-list due-list">
            {items.map((item) => (
              <li key={item.id}>
                <Link href={`/evidence/${item.id}`} className="mono">
                  {item.id}
                </Link>
                <Text size="1" className="truncate" title={item.title}>
                  {item.title}
                  {item.owners.length > 0 && <Text color="gray"> · {item.owners.join(', ')}</Text>}
                </Text>
                <Text size="1" color={item.daysLeft < 0 ? 'red' : 'amber'} className="nowrap tabular">
                  {item.daysLeft < 0
                    ? `${-item.daysLeft} day${item.daysLeft === -1 ? '' : 's'} overdue`
                    : item.daysLeft === 0
                      ? 'due today'
                      : `${item.daysLeft} day${item.daysLeft === 1 ? '' : 's'} left`}
                </Text>
              </li>
            ))}
          </ol>
        )}
      </section>
    </Card>
  )
}

export function DashboardPage() {
  const dashboard = useDashboard()
  const info = useAppInfo()
  const organisation = useOrganisation()
  const assessment = dashboard.data?.assessment

  return (
    <div className="page">
      <PageHeader title="Dashboard" subtitle={info.data?.organisationName ?? info.data?.registerName} />
      <div className="page-scroll">
        {organisation.data && !organisation.data.sample && !organisation.data.name && (
          <Card mb="3">
            <Flex justify="between" align="center" gap="3" wrap="wrap">
              <Text size="2">
                Describe your organisation: its name, frameworks, AWS accounts and people. Or look around the sample
                organisation, a coffee-shop chain on AWS, in a register of its own.
              </Text>
              <Flex gap="2">
                <Button size="1" asChild>
                  <Link href="/setup">Set up your organisation</Link>
                </Button>
                <TrySampleButton />
              </Flex>
            </Flex>
          </Card>
        )}
        {assessment && (
          <Text as="p" size="1" color="gray" mb="2">
            Results for the audit period {formatPeriod(assessment.periodStart, assessment.periodEnd)}, evidence judged
            on {formatDay(assessment.judgedOn)}, all AWS accounts. <Link href="/settings">Change the period</Link>
          </Text>
        )}
        {dashboard.isPending ? (
          <Loading label="Loading the dashboard" />
        ) : dashboard.isError ? (
          <ErrorCallout error={dashboard.error} />
        ) : (
          <>
            <div className="dashboard-grid">
              {dashboard.data.frameworks.map((framework) => (
                <FrameworkCard key={framework.id} framework={framework} />
              ))}
            </div>
            <div className="dashboard-lists">
              <Gaps gaps={dashboard.data.gaps} />
              <DueSoon items={dashboard.data.dueSoon} />
            </div>
          </>
        )}
      </div>
    </div>
  )
}
