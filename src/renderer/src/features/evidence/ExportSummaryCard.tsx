import { Badge, Card, Flex, Heading, Text } from '@radix-ui/themes'
import type { ExportSummary } from '@shared/types'

/** What an AWS service export holds: counts by severity or result, the accounts and dates it covers. */
export function ExportSummaryCard({ summary }: { summary: ExportSummary }) {
  return (
    <Card size="1" asChild>
      <section aria-label={`${summary.label} summary`}>
        <Flex direction="column" gap="2">
          <Heading as="h3" size="2">
            {summary.label}: {summary.records} {summary.records === 1 ? 'record' : 'records'}
          </Heading>
          <Flex gap="1" wrap="wrap">
            {Object.entries(summary.counts).map(([label, count]) => (
              <Badge
                key={label}
                variant="soft"
                color={
                  /critical|high|non_compliant|without mfa|checks failed/i.test(label) && count > 0 ? 'red' : 'gray'
                }
              >
                {label}: {count}
              </Badge>
            ))}
          </Flex>
          {summary.checks && summary.checks.length > 0 && (
            <ul className="export-checks" aria-label="Checks">
              {summary.checks.map((check) => (
                <li key={check.id}>
                  <Badge variant="soft" color={check.result === 'fail' ? 'red' : 'green'}>
                    {check.result === 'fail' ? 'Fail' : 'Pass'}
                  </Badge>{' '}
                  <Text size="1">{check.title}</Text>{' '}
                  <Text size="1" color="gray">
                    · {check.detail}
                  </Text>
                </li>
              ))}
            </ul>
          )}
          {summary.accounts.length > 0 && (
            <Text size="1" color="gray">
              Accounts: {summary.accounts.join(', ')}
            </Text>
          )}
          {summary.regions && summary.regions.length > 0 && (
            <Text size="1" color="gray">
              Regions: {summary.regions.join(', ')}
            </Text>
          )}
          {summary.requirements && summary.requirements.length > 0 && (
            <Text size="1" color="gray">
              Cites: {summary.requirements.slice(0, 12).join(', ')}
              {summary.requirements.length > 12 ? ` and ${summary.requirements.length - 12} more` : ''}
            </Text>
          )}
          {summary.partial && (
            <Text size="1" color="amber">
              Only the first part of the export was read (the inspection limit); the counts cover what was read.
            </Text>
          )}
          {summary.dateRange && (
            <Text size="1" color="gray">
              Dates: {summary.dateRange.from} to {summary.dateRange.to}
            </Text>
          )}
          {summary.highlights.length > 0 && (
            <Text size="1" color="gray">
              {summary.highlights.join(' · ')}
            </Text>
          )}
        </Flex>
      </section>
    </Card>
  )
}
