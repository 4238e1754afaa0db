import { Flex, Text } from '@radix-ui/themes'
import type { ColumnDef } from '@tanstack/react-table'
import { CONTROL_EVIDENCE_STATES, CONTROL_STATUSES, RESPONSIBILITIES, type FrameworkId } from '@shared/domain'
import type { ControlSummary } from '@shared/types'
import { FrameworkBadge, FreshnessBadge, ResponsibilityBadge, StatusBadge } from '../../components/badges'
import { VirtualTable } from '../../components/VirtualTable'

/** Each framework the control is mapped to (in the register's order) and how many of its requirements. */
function frameworkCounts(control: ControlSummary): [FrameworkId, number][] {
  const counts = new Map<FrameworkId, number>()
  for (const mapping of control.mappings) counts.set(mapping.framework, (counts.get(mapping.framework) ?? 0) + 1)
  return [...counts]
}

const columns: ColumnDef<ControlSummary>[] = [
  { accessorKey: 'id', header: 'ID', size: 88 },
  { accessorKey: 'title', header: 'Title', size: 320 },
  {
    accessorKey: 'responsibility',
    header: 'Responsibility',
    size: 128,
    sortingFn: (a, b) =>
      RESPONSIBILITIES.indexOf(a.original.responsibility) - RESPONSIBILITIES.indexOf(b.original.responsibility),
    cell: (info) => <ResponsibilityBadge responsibility={info.row.original.responsibility} />
  },
  {
    accessorKey: 'status',
    header: 'Status',
    size: 120,
    sortingFn: (a, b) => CONTROL_STATUSES.indexOf(a.original.status) - CONTROL_STATUSES.indexOf(b.original.status),
    cell: (info) => <StatusBadge status={info.row.original.status} />
  },
  {
    accessorKey: 'evidence',
    header: 'Evidence',
    size: 110,
    sortingFn: (a, b) =>
      CONTROL_EVIDENCE_STATES.indexOf(a.original.evidence) - CONTROL_EVIDENCE_STATES.indexOf(b.original.evidence),
    cell: (info) => <FreshnessBadge state={info.row.original.evidence} />
  },
  {
    accessorKey: 'owner',
    header: 'Owner',
    size: 140,
    cell: (info) => info.row.original.owner || <Text color="gray">Unassigned</Text>
  },
  {
    id: 'frameworks',
    header: 'Frameworks',
    size: 200,
    enableSorting: false,
    cell: (info) => (
      <Flex gap="1">
        {frameworkCounts(info.row.original).map(([id, count]) => (
          <FrameworkBadge key={id} framework={id} count={count} />
        ))}
      </Flex>
    )
  }
]

/** The register as a dense, virtualised table. */
export function ControlTable({
  controls,
  selectedId,
  onOpen
}: {
  controls: ControlSummary[]
  selectedId: string | null
  onOpen: (id: string) => void
}) {
  return (
    <VirtualTable
      label="Controls"
      rows={controls}
      columns={columns}
      rowId={(control) => control.id}
      selectedId={selectedId}
      onOpen={onOpen}
    />
  )
}
