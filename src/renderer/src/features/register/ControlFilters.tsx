import { Cross2Icon } from '@radix-ui/react-icons'
import { Button, Flex } from '@radix-ui/themes'
import { useEffect, useRef, useState } from 'react'
import {
  CONTROL_EVIDENCE_STATES,
  CONTROL_STATUSES,
  FRESHNESS_LABELS,
  CONTROL_STATUS_LABELS,
  RESPONSIBILITIES,
  RESPONSIBILITY_LABELS
} from '@shared/domain'
import type { ControlQuery } from '@shared/schemas'
import { useOwners } from '../../api/queries'
import { useFrameworkList, useShortName } from '../../api/framework-names'
import { FilterSelect } from '../../components/FilterSelect'
import { useShortcut } from '../../components/use-shortcut'
import { SearchField } from '../../components/SearchField'

export function ControlFilters({
  filters,
  onChange
}: {
  filters: ControlQuery
  onChange: (next: ControlQuery) => void
}) {
  const owners = useOwners()
  const shortName = useShortName()
  const frameworks = useFrameworkList()
  const searchRef = useRef<HTMLInputElement>(null)
  const [search, setSearch] = useState(filters.search ?? '')
  useShortcut('f', () => searchRef.current?.focus())

  // Typing is debounced so the register is not queried on every keystroke.
  useEffect(() => {
    const handle = window.setTimeout(() => {
      const next = search.trim() || undefined
      if (next !== filters.search) onChange({ ...filters, search: next })
    }, 150)
    return () => window.clearTimeout(handle)
  }, [search, filters, onChange])

  const set = <K extends keyof ControlQuery>(key: K, value: ControlQuery[K]): void => {
    const next = { ...filters }
    if (value === undefined) delete next[key]
    else next[key] = value
    onChange(next)
  }
  const active = Object.keys(filters).length > 0

  return (
    <Flex className="toolbar" gap="2" align="center" wrap="wrap" role="search">
      <SearchField
        ref={searchRef}
        label="Search controls"
        placeholder="Search controls (Ctrl+F)"
        value={search}
        onChange={setSearch}
      />
      <FilterSelect
        label="Framework"
        value={filters.framework}
        allLabel="All frameworks"
        options={frameworks.map((framework) => ({ value: framework.id, label: shortName(framework.id) }))}
        onChange={(value) => set('framework', value as ControlQuery['framework'])}
      />
      <FilterSelect
        label="Responsibility"
        value={filters.responsibility}
        allLabel="Any responsibility"
        options={RESPONSIBILITIES.map((value) => ({ value, label: RESPONSIBILITY_LABELS[value] }))}
        onChange={(value) => set('responsibility', value as ControlQuery['responsibility'])}
      />
      <FilterSelect
        label="Status"
        value={filters.status}
        allLabel="Any status"
        options={CONTROL_STATUSES.map((value) => ({ value, label: CONTROL_STATUS_LABELS[value] }))}
        onChange={(value) => set('status', value as ControlQuery['status'])}
      />
      <FilterSelect
        label="Owner"
        value={filters.owner}
        allLabel="Any owner"
        options={(owners.data ?? []).map(({ owner, controls }) => ({ value: owner, label: `${owner} (${controls})` }))}
        onChange={(value) => set('owner', value)}
      />
      <FilterSelect
        label="Evidence"
        value={filters.evidence}
        allLabel="Any evidence"
        options={[
          { value: 'stale', label: 'Without fresh evidence' },
          ...CONTROL_EVIDENCE_STATES.map((value) => ({ value, label: FRESHNESS_LABELS[value] }))
        ]}
        onChange={(value) => set('evidence', value as ControlQuery['evidence'])}
      />
      {active && (
        <Button
          size="1"
          variant="ghost"
          color="gray"
          onClick={() => {
            setSearch('')
            onChange({})
          }}
        >
          <Cross2Icon /> Clear filters
        </Button>
      )}
    </Flex>
  )
}
