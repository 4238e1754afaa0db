import { Code, Flex, Text } from '@radix-ui/themes'
import type { ColumnDef } from '@tanstack/react-table'
import { EVIDENCE_KIND_LABELS, EVIDENCE_SOURCE_LABELS } from '@shared/domain'
import type { EvidenceSummary } from '@shared/types'
import { formatBytes } from '../../app/imports'
import { FreshnessBadge } from '../../components/badges'
import { VirtualTable } from '../../components/VirtualTable'
import { formatDay, formatPeriod } from '../../components/dates'

const period = (item: EvidenceSummary): string =>
  item.periodStart && item.periodEnd ? formatPeriod(item.periodStart, item.periodEnd) : '—'

const columns: ColumnDef<EvidenceSummary>[] = [
  { accessorKey: 'id', header: 'ID', size: 84 },
  {
    accessorKey: 'title',
    header: 'Title',
    size: 300,
    cell: (info) => (
      <Flex gap="1" align="center">
        {info.row.original.parentId && (
          <Text color="gray" aria-label="extracted from a download">
            ↳
          </Text>
        )}
        <span className="truncate">{info.row.original.title}</span>
        {info.row.original.removed && <Text color="red">(removed)</Text>}
      </Flex>
    )
  },
  { accessorKey: 'kind', header: 'Kind', size: 150, cell: (info) => EVIDENCE_KIND_LABELS[info.row.original.kind] },
  {
    accessorKey: 'source',
    header: 'Source',
    size: 110,
    cell: (info) => EVIDENCE_SOURCE_LABELS[info.row.original.source]
  },
  {
    accessorKey: 'effectiveDate',
    header: 'Effective',
    size: 96,
    cell: (info) => formatDay(info.row.original.effectiveDate)
  },
  { id: 'period', header: 'Period', size: 196, cell: (info) => period(info.row.original) },
  { accessorKey: 'reviewBy', header: 'Review by', size: 96, cell: (info) => formatDay(info.row.original.reviewBy) },
  {
    accessorKey: 'freshness',
    header: 'Freshness',
    size: 96,
    cell: (info) => <FreshnessBadge state={info.row.original.freshness} />
  },
  { id: 'controls', header: 'Controls', size: 150, cell: (info) => info.row.original.controls.join(', ') || '—' },
  { accessorKey: 'size', header: 'Size', size: 80, cell: (info) => formatBytes(info.row.original.size) },
  {
    accessorKey: 'sha256',
    header: 'SHA-256',
    size: 110,
    cell: (info) => (
      <Code size="1" variant="ghost">
        {info.row.original.sha256.slice(0, 12)}…
      </Code>
    )
  }
]

export function EvidenceTable(props: {
  items: EvidenceSummary[]
  selectedId: string | null
  onOpen: (id: string) => void
  onEndReached: () => void
}) {
  return (
    <VirtualTable
      label="Evidence"
      rows={props.items}
      columns={columns}
      rowId={(item) => item.id}
      selectedId={props.selectedId}
      onOpen={props.onOpen}
      onEndReached={props.onEndReached}
      sortable={false}
    />
  )
}
