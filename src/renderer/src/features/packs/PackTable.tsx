import { Badge, Flex, Text } from '@radix-ui/themes'
import type { ColumnDef } from '@tanstack/react-table'
import { useMemo } from 'react'
import { describeScope } from '@shared/pack-definition'
import type { AwsAccount, PackDefinition } from '@shared/types'
import { useShortName } from '../../api/framework-names'
import { VirtualTable } from '../../components/VirtualTable'
import { formatMoment, formatPeriod } from '../../components/dates'

function columnsFor(accounts: AwsAccount[], shortName: (id: string) => string): ColumnDef<PackDefinition>[] {
  return [
    { accessorKey: 'id', header: 'ID', size: 84 },
    {
      accessorKey: 'name',
      header: 'Name',
      size: 260,
      cell: (info) => <span className="truncate">{info.row.original.name}</span>
    },
    {
      id: 'frameworks',
      header: 'Frameworks',
      size: 150,
      accessorFn: (pack) => pack.frameworks.join(' '),
      cell: (info) => (
        <Flex gap="1">
          {info.row.original.frameworks.map((framework) => (
            <Badge key={framework} color="gray" variant="soft">
              {shortName(framework)}
            </Badge>
          ))}
        </Flex>
      )
    },
    {
      id: 'scope',
      header: 'Scope',
      size: 200,
      accessorFn: (pack) => describeScope(pack.scope, accounts),
      cell: (info) => (
        <span className="truncate" title={info.getValue<string>()}>
          {info.getValue<string>()}
        </span>
      )
    },
    {
      id: 'period',
      header: 'Audit period',
      size: 180,
      accessorFn: (pack) => `${pack.periodStart} – ${pack.periodEnd}`,
      cell: (info) => formatPeriod(info.row.original.periodStart, info.row.original.periodEnd)
    },
    { accessorKey: 'auditor', header: 'Auditor', size: 150, cell: (info) => info.row.original.auditor || '—' },
    {
      id: 'exported',
      header: 'Last export',
      size: 150,
      accessorFn: (pack) => pack.exports[0]?.exportedAt ?? '',
      cell: (info) => {
        const last = info.row.original.exports[0]
        return last ? formatMoment(last.exportedAt) : <Text color="gray">Not exported</Text>
      }
    }
  ]
}

export function PackTable(props: {
  packs: PackDefinition[]
  accounts: AwsAccount[]
  selectedId: string | null
  onOpen: (id: string) => void
}) {
  const shortName = useShortName()
  const columns = useMemo(() => columnsFor(props.accounts, shortName), [props.accounts, shortName])
  return (
    <VirtualTable
      label="Packs"
      rows={props.packs}
      columns={columns}
      rowId={(pack) => pack.id}
      selectedId={props.selectedId}
      onOpen={props.onOpen}
    />
  )
}
