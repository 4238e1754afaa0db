import { Card, Flex, Heading, SegmentedControl, Text } from '@radix-ui/themes'
import { useFrameworkList, useShortName } from '../../api/framework-names'
import { useState } from 'react'
import {
  RESPONSIBILITIES,
  RESPONSIBILITY_HEADINGS,
  RESPONSIBILITY_LABELS,
  type FrameworkId,
  type Responsibility
} from '@shared/domain'
import { describeReportGap, type ReportGap } from '@shared/compliance/results'
import type { BackingReport } from '@shared/types'
import { Link } from 'wouter'
import { useResponsibilityMatrix } from '../../api/queries'
import { FreshnessBadge } from '../../components/badges'
import { PageHeader } from '../../components/PageHeader'
import { ExportMenu } from '../spreadsheets/ExportMenu'
import { EmptyState, ErrorCallout, Loading } from '../../components/states'
import { ColumnControls } from './ColumnControls'
import { formatPeriod } from '../../components/dates'

const EXPLANATIONS: Record<Responsibility, string> = {
  aws: 'Inherited from AWS: data centres, hardware, the network AWS runs, virtualisation. Evidence: AWS’s own audit reports from AWS Artifact.',
  shared:
    'Each side does its part: AWS for its infrastructure, you for what you run on it (patching, configuration, training).',
  customer:
    'Yours alone: your data, IAM users, groups and roles, keys in KMS, WAF rules, findings follow-up, Organizations and SCPs.'
}

/** Which AWS Artifact reports back the inherited controls, for which period, and what they leave uncovered. */
function BackingReports({
  reports,
  gaps,
  controls,
  total
}: {
  reports: Record<string, BackingReport[]>
  gaps: Record<string, ReportGap[]>
  controls: string[]
  /** Inherited controls in all, when only the first are listed. */
  total: number
}) {
  const uncovered = new Map<string, string[]>()
  for (const control of controls) {
    for (const gap of gaps[control] ?? []) {
      const sentence = describeReportGap(gap)
      uncovered.set(sentence, [...(uncovered.get(sentence) ?? []), control])
    }
  }
  const byReport = new Map<string, { report: BackingReport; controls: string[] }>()
  for (const control of controls) {
    for (const report of reports[control] ?? []) {
      const entry = byReport.get(report.id) ?? { report, controls: [] }
      entry.controls.push(control)
      byReport.set(report.id, entry)
    }
  }
  const unbacked = controls.filter((control) => !(reports[control] ?? []).length)
  return (
    <section aria-label="AWS reports backing inherited controls" className="backing-reports">
      <Heading as="h3" size="2" mt="3" mb="1">
        Backed by AWS reports
      </Heading>
      <Text as="p" size="1" color="gray" mb="1">
        Judged for the audit period set in Settings
        {total > controls.length ? `; for the ${controls.length} controls listed of ${total}` : ''}.
      </Text>
      {[...byReport.values()].map(({ report, controls: backed }) => (
        <Flex key={report.id} direction="column" className="backing-report">
          <Link
            href={`/evidence/${report.id}`}
            className="mapping-ref truncate backing-report-title"
            title={report.title}
          >
            <span className="mono">{report.id}</span> {report.title}
          </Link>
          <Flex gap="2" align="center">
            <Text size="1" color="gray">
              {report.periodStart && report.periodEnd
                ? formatPeriod(report.periodStart, report.periodEnd)
                : 'No period recorded'}
              {' · '}
              {backed.join(', ')}
            </Text>
            <FreshnessBadge state={report.freshness} />
          </Flex>
        </Flex>
      ))}
      {[...uncovered].map(([sentence, affected]) => (
        <Text key={sentence} as="p" size="1" color="amber" mt="1">
          {sentence} ({affected.join(', ')})
        </Text>
      ))}
      {unbacked.length > 0 && (
        <Text as="p" size="1" color="red">
          No AWS report linked yet: {unbacked.join(', ')}. Attach AWS Artifact reports from the Evidence view.
        </Text>
      )}
    </section>
  )
}

/** The shared-responsibility matrix: what AWS secures, what is shared, what you secure. */
export function ResponsibilityPage() {
  const shortName = useShortName()
  const frameworkList = useFrameworkList()
  const [framework, setFramework] = useState<FrameworkId | 'all'>('all')
  const matrix = useResponsibilityMatrix(framework === 'all' ? undefined : framework)

  return (
    <div className="page">
      <PageHeader
        title="Responsibility"
        subtitle="The AWS shared responsibility model, applied to your controls"
        actions={<ExportMenu kinds={['matrix']} {...(framework === 'all' ? {} : { framework })} />}
      />
      <Flex className="toolbar" gap="2" align="center">
        <SegmentedControl.Root
          size="1"
          value={framework}
          onValueChange={(value) => setFramework(value as FrameworkId | 'all')}
          aria-label="Framework"
        >
          <SegmentedControl.Item value="all">All frameworks</SegmentedControl.Item>
          {frameworkList.map(({ id }) => (
            <SegmentedControl.Item key={id} value={id}>
              {shortName(id)}
            </SegmentedControl.Item>
          ))}
        </SegmentedControl.Root>
      </Flex>
      {matrix.isPending ? (
        <Loading label="Loading the matrix" />
      ) : matrix.isError ? (
        <ErrorCallout error={matrix.error} />
      ) : (
        <div className="page-scroll">
          <table className="data-table matrix-counts" aria-label="Controls per framework and responsibility">
            <thead>
              <tr>
                <th scope="col">Framework</th>
                {RESPONSIBILITIES.map((responsibility) => (
                  <th key={responsibility} scope="col" className="numeric">
                    {RESPONSIBILITY_HEADINGS[responsibility]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {matrix.data.byFramework.map((row) => (
                <tr key={row.framework}>
                  <th scope="row">{row.name}</th>
                  {RESPONSIBILITIES.map((responsibility) => (
                    <td key={responsibility} className="numeric tabular">
                      {row.counts[responsibility]}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <div className="matrix-columns">
            {matrix.data.columns.map((column) => (
              <Card key={column.responsibility} className="matrix-column" asChild>
                <section aria-label={`${RESPONSIBILITY_HEADINGS[column.responsibility]} (${column.count})`}>
                  <Flex justify="between" align="baseline">
                    <Heading as="h2" size="3">
                      {RESPONSIBILITY_HEADINGS[column.responsibility]}
                    </Heading>
                    <Text size="5" weight="bold" className="tabular">
                      {column.count}
                    </Text>
                  </Flex>
                  <Text as="p" size="1" color="gray" mb="2">
                    {EXPLANATIONS[column.responsibility]}
                  </Text>
                  {column.controls.length === 0 ? (
                    <EmptyState title={`No ${RESPONSIBILITY_LABELS[column.responsibility].toLowerCase()} controls`} />
                  ) : (
                    <ColumnControls framework={framework === 'all' ? undefined : framework} column={column} />
                  )}
                  {column.responsibility === 'aws' && column.controls.length > 0 && (
                    <BackingReports
                      reports={matrix.data.reports}
                      gaps={matrix.data.reportGaps}
                      controls={column.controls.map((control) => control.id)}
                      total={column.count}
                    />
                  )}
                </section>
              </Card>
            ))}
          </div>
        </div>
      )}
    </div>
  )
}
