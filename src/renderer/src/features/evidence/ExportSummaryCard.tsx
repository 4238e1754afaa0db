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
                color={/critical|high|non_compliant|without mfa/i.test(label) ? 'red' : 'gray'}
              >
                {label}: {count}
              </Badge>
            ))}
          </Flex>
          {summary.accounts.length > 0 && (
            <Text size="1" color="gray">
              Accounts: {summary.accounts.join(', ')}
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
