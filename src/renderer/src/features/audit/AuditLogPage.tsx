import { CheckCircledIcon, CrossCircledIcon } from '@radix-ui/react-icons'
import { Button, Callout, Code, Flex, Select, Text } from '@radix-ui/themes'
import { useState } from 'react'
import type { AuditEntry, AuditQuery } from '@shared/types'
import { useAuditActors, useAuditLog, useCommand } from '../../api/queries'
import { DetailPane } from '../../components/DetailPane'
import { PageHeader } from '../../components/PageHeader'
import { ExportMenu } from '../spreadsheets/ExportMenu'
import { EmptyState, ErrorCallout, Loading } from '../../components/states'
import { ChangeList } from './ChangeList'
import { formatMoment } from '../../components/dates'

const PAGE = 500
const OBJECT_TYPES = [
  { value: 'control', label: 'Controls' },
  { value: 'requirement', label: 'Requirements' },
  { value: 'framework', label: 'Frameworks' },
  { value: 'organisation', label: 'Organisation' },
  { value: 'aws-account', label: 'AWS accounts' }
]

/** Every change to the register, newest first, and a check that the chain still holds. */
export function AuditLogPage() {
  const [query, setQuery] = useState<AuditQuery>({ limit: PAGE })
  const entries = useAuditLog(query)
  const actors = useAuditActors()
  const verify = useCommand('audit:verify')
  const [selected, setSelected] = useState<AuditEntry | null>(null)

  const set = (key: 'entityType' | 'actor', value: string): void =>
    setQuery((current) => {
      const next = { ...current, limit: PAGE }
      if (value === 'all') delete next[key]
      else next[key] = value
      return next
    })

  return (
    <div className="page">
      <PageHeader
        title="Audit log"
        subtitle="Every change, hash-chained: editing or removing an entry breaks the chain"
        actions={
          <>
            <ExportMenu kinds={['audit']} />
            <Button size="1" variant="soft" onClick={() => verify.mutate(undefined)} loading={verify.isPending}>
              Verify chain
            </Button>
          </>
        }
      />
      {verify.data && (
        <Callout.Root color={verify.data.ok ? 'green' : 'red'} size="1" mx="3" mb="2" role="status">
          <Callout.Icon>{verify.data.ok ? <CheckCircledIcon /> : <CrossCircledIcon />}</Callout.Icon>
          <Callout.Text>
            {verify.data.ok
              ? `The audit log is intact: ${verify.data.entries} entries verified.`
              : `The audit log is broken at entry ${verify.data.firstBroken.seq}: ${verify.data.firstBroken.reason}.`}
          </Callout.Text>
        </Callout.Root>
      )}
      <Flex className="toolbar" gap="2" align="center">
        <Select.Root size="1" value={query.entityType ?? 'all'} onValueChange={(value) => set('entityType', value)}>
          <Select.Trigger aria-label="Object" />
          <Select.Content position="popper">
            <Select.Item value="all">All objects</Select.Item>
            {OBJECT_TYPES.map((type) => (
              <Select.Item key={type.value} value={type.value}>
                {type.label}
              </Select.Item>
            ))}
          </Select.Content>
        </Select.Root>
        <Select.Root size="1" value={query.actor ?? 'all'} onValueChange={(value) => set('actor', value)}>
          <Select.Trigger aria-label="Person" />
          <Select.Content position="popper">
            <Select.Item value="all">Everyone</Select.Item>
            {(actors.data ?? []).map((actor) => (
              <Select.Item key={actor} value={actor}>
                {actor}
              </Select.Item>
            ))}
          </Select.Content>
        </Select.Root>
        {entries.data && (
          <Text size="1" color="gray">
            {entries.data.length} entries shown
          </Text>
        )}
      </Flex>
      <div className="split">
        <div className="split-main">
          {entries.isPending ? (
            <Loading label="Loading the audit log" />
          ) : entries.isError ? (
            <ErrorCallout error={entries.error} />
          ) : entries.data.length === 0 ? (
            <EmptyState title="No entries">Nothing matches these filters.</EmptyState>
          ) : (
            <div className="table-scroll">
              <table className="data-table" aria-label="Audit log">
                <colgroup>
                  <col style={{ width: 64 }} />
                  <col style={{ width: 170 }} />
                  <col style={{ width: 130 }} />
                  <col />
                </colgroup>
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">When</th>
                    <th scope="col">Who</th>
                    <th scope="col">What</th>
                  </tr>
                </thead>
                <tbody>
                  {entries.data.map((entry) => (
                    <tr
                      key={entry.seq}
                      tabIndex={0}
                      aria-selected={selected?.seq === entry.seq}
                      onClick={() => setSelected(entry)}
                      onKeyDown={(event) => event.key === 'Enter' && setSelected(entry)}
                    >
                      <td className="tabular">{entry.seq}</td>
                      <td className="nowrap">{formatMoment(entry.at)}</td>
                      <td>{entry.actor}</td>
                      <td>{entry.summary}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {entries.data.length === query.limit && (
                <Flex justify="center" p="2">
                  <Button
                    size="1"
                    variant="soft"
                    onClick={() => setQuery((q) => ({ ...q, limit: (q.limit ?? PAGE) + PAGE }))}
                  >
                    Show older entries
                  </Button>
                </Flex>
              )}
            </div>
          )}
        </div>
        {selected && (
          <DetailPane
            label={`Audit entry ${selected.seq}`}
            kicker={`Entry #${selected.seq} · ${selected.action}`}
            title={selected.summary}
            badges={
              <Text size="1" color="gray">
                {formatMoment(selected.at)} · {selected.actor}
              </Text>
            }
            onClose={() => setSelected(null)}
          >
            <div className="detail-body">
              <ChangeList before={selected.before} after={selected.after} />
              <Text as="p" size="1" color="gray" mt="3">
                Hash
              </Text>
              <Code size="1" className="hash">
                {selected.hash}
              </Code>
              <Text as="p" size="1" color="gray" mt="2">
                Previous hash
              </Text>
              <Code size="1" className="hash">
                {selected.prevHash}
              </Code>
            </div>
          </DetailPane>
        )}
      </div>
    </div>
  )
}
