import { MagicWandIcon } from '@radix-ui/react-icons'
import { Button, Callout, DataList, Flex } from '@radix-ui/themes'
import { detectedPatch } from '@shared/detected-details'
import type { EvidenceDetail } from '@shared/types'
import { useCommand } from '../../api/queries'
import { useToast } from '../../components/Toasts'
import { formatDay, formatPeriod } from '../../components/dates'

/**
 * What was read from the file (report type, period, issuer), shown for the user to confirm:
 * nothing read from a document's text is applied without this step.
 */
export function DetectedDetailsCallout({ item }: { item: EvidenceDetail }) {
  const update = useCommand('evidence:update')
  const toast = useToast()
  const detected = item.metadata.detected
  if (!detected || item.metadata.detectedConfirmed) return null
  const patch = detectedPatch(item)
  const rows: [string, string | undefined][] = [
    ['Report', detected.reportType],
    ['Title', detected.title],
    [
      'Period',
      detected.periodStart && detected.periodEnd ? formatPeriod(detected.periodStart, detected.periodEnd) : undefined
    ],
    ['Issued by', detected.issuer],
    ['Review by', patch.reviewBy ? formatDay(patch.reviewBy) : undefined]
  ]
  return (
    <Callout.Root color="indigo" size="1" role="region" aria-label="Details read from the file">
      <Callout.Icon>
        <MagicWandIcon />
      </Callout.Icon>
      <Flex direction="column" gap="2">
        <Callout.Text>
          Read from the file. Check them before applying: they are not used until you confirm.
        </Callout.Text>
        <DataList.Root size="1">
          {rows
            .filter(([, value]) => value)
            .map(([label, value]) => (
              <DataList.Item key={label}>
                <DataList.Label minWidth="80px">{label}</DataList.Label>
                <DataList.Value>{value}</DataList.Value>
              </DataList.Item>
            ))}
        </DataList.Root>
        <Flex gap="2">
          <Button
            size="1"
            loading={update.isPending}
            onClick={() =>
              update.mutate(
                { id: item.id, patch, expectedVersion: item.version },
                { onSuccess: () => toast({ title: `Applied the details to ${item.id}`, tone: 'success' }) }
              )
            }
          >
            Apply these details
          </Button>
          <Button
            size="1"
            variant="soft"
            color="gray"
            onClick={() =>
              update.mutate({ id: item.id, patch: { detectedConfirmed: true }, expectedVersion: item.version })
            }
          >
            Dismiss
          </Button>
        </Flex>
      </Flex>
    </Callout.Root>
  )
}
