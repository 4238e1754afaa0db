import { Flex, Text } from '@radix-ui/themes'
import { useAuditLog } from '../../api/queries'
import { EmptyState, ErrorCallout, Loading } from '../../components/states'
import { ChangeList } from './ChangeList'
import { formatMoment } from '../../components/dates'

/** One object's audit-log entries, newest first. */
export function EntityHistory({ entityType, entityId }: { entityType: string; entityId: string }) {
  const history = useAuditLog({ entityType, entityId, limit: 200 })
  if (history.isPending) return <Loading label="Loading history" />
  if (history.isError) return <ErrorCallout error={history.error} />
  if (history.data.length === 0) return <EmptyState title="No history yet" />
  return (
    <ol className="history" aria-label={`History of ${entityId}`}>
      {history.data.map((entry) => (
        <li key={entry.seq}>
          <Flex justify="between" gap="2">
            <Text size="1" weight="medium">
              {entry.summary}
            </Text>
            <Text size="1" color="gray" className="nowrap">
              #{entry.seq}
            </Text>
          </Flex>
          <Text size="1" color="gray">
            {formatMoment(entry.at)} · {entry.actor}
          </Text>
          <ChangeList before={entry.before} after={entry.after} />
        </li>
      ))}
    </ol>
  )
}
