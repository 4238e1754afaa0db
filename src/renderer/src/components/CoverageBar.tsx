import { Flex, Progress, Text } from '@radix-ui/themes'

/** Requirements in place out of the applicable ones, as a bar and a figure; the label names it for screen readers. */
export function CoverageBar({ covered, total, label }: { covered: number; total: number; label: string }) {
  const percent = total === 0 ? 0 : Math.round((covered / total) * 100)
  return (
    <Flex align="center" gap="2" className="coverage-bar">
      <Progress
        value={percent}
        size="1"
        color={percent >= 80 ? 'green' : percent >= 50 ? 'amber' : 'red'}
        aria-label={`${label}: ${covered} of ${total}`}
        style={{ flex: 1, minWidth: 60 }}
      />
      <Text size="1" color="gray" className="tabular">
        {covered}/{total} ({percent}%)
      </Text>
    </Flex>
  )
}
