import { Card, Flex, Heading, SegmentedControl, Text } from '@radix-ui/themes'
import { useState } from 'react'
import {
  FRAMEWORK_IDS,
  RESPONSIBILITIES,
  RESPONSIBILITY_HEADINGS,
  RESPONSIBILITY_LABELS,
  type FrameworkId,
  type Responsibility
} from '@shared/domain'
import { useResponsibilityMatrix } from '../../api/queries'
import { FRAMEWORK_SHORT_NAMES } from '../../components/badges'
import { ControlLinkList } from '../../components/ControlLinkList'
import { PageHeader } from '../../components/PageHeader'
import { EmptyState, ErrorCallout, Loading } from '../../components/states'

const EXPLANATIONS: Record<Responsibility, string> = {
  aws: 'Inherited from AWS: data centres, hardware, the network AWS runs, virtualisation. Evidence: AWS’s own audit reports from AWS Artifact.',
  shared:
    'Each side does its part: AWS for its infrastructure, you for what you run on it (patching, configuration, training).',
  customer:
    'Yours alone: your data, IAM users, groups and roles, keys in KMS, WAF rules, findings follow-up, Organizations and SCPs.'
}

/** The shared-responsibility matrix: what AWS secures, what is shared, what you secure. */
export function ResponsibilityPage() {
  const [framework, setFramework] = useState<FrameworkId | 'all'>('all')
  const matrix = useResponsibilityMatrix(framework === 'all' ? undefined : framework)

  return (
    <div className="page">
      <PageHeader title="Responsibility" subtitle="The AWS shared responsibility model, applied to your controls" />
      <Flex className="toolbar" gap="2" align="center">
        <SegmentedControl.Root
          size="1"
          value={framework}
          onValueChange={(value) => setFramework(value as FrameworkId | 'all')}
          aria-label="Framework"
        >
          <SegmentedControl.Item value="all">All frameworks</SegmentedControl.Item>
          {FRAMEWORK_IDS.map((id) => (
            <SegmentedControl.Item key={id} value={id}>
              {FRAMEWORK_SHORT_NAMES[id]}
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
                    <ControlLinkList controls={column.controls} />
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
