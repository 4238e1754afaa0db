import { Cross2Icon } from '@radix-ui/react-icons'
import { Button, Flex } from '@radix-ui/themes'
import { useEffect, useMemo, useRef, useState } from 'react'
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
import { FilterSelect, optionsOf } from '../../components/FilterSelect'
import { useShortcut } from '../../components/use-shortcut'
import { SearchField } from '../../components/SearchField'

const RESPONSIBILITY_OPTIONS = optionsOf(RESPONSIBILITIES, RESPONSIBILITY_LABELS)
const STATUS_OPTIONS = optionsOf(CONTROL_STATUSES, CONTROL_STATUS_LABELS)
const EVIDENCE_OPTIONS = [
  { value: 'stale', label: 'Without fresh evidence' },
  ...optionsOf(CONTROL_EVIDENCE_STATES, FRESHNESS_LABELS)
]

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

  // The same options and handlers from one render to the next, so a filter is made again only when it changes.
  const frameworkOptions = useMemo(
    () => frameworks.map((framework) => ({ value: framework.id, label: shortName(framework.id) })),
    [frameworks, shortName]
  )
  const ownerOptions = useMemo(
    () => (owners.data ?? []).map(({ owner, controls }) => ({ value: owner, label: `${owner} (${controls})` })),
    [owners.data]
  )
  const setters = useMemo(() => {
    const set =
      <K extends keyof ControlQuery>(key: K) =>
      (value: string | undefined): void => {
        const next = { ...filters }
        if (value === undefined) delete next[key]
        else next[key] = value as ControlQuery[K]
        onChange(next)
      }
    return {
      framework: set('framework'),
      responsibility: set('responsibility'),
      status: set('status'),
      owner: set('owner'),
      evidence: set('evidence')
    }
  }, [filters, onChange])
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
        options={frameworkOptions}
        onChange={setters.framework}
      />
      <FilterSelect
        label="Responsibility"
        value={filters.responsibility}
        allLabel="Any responsibility"
        options={RESPONSIBILITY_OPTIONS}
        onChange={setters.responsibility}
      />
      <FilterSelect
        label="Status"
        value={filters.status}
        allLabel="Any status"
        options={STATUS_OPTIONS}
        onChange={setters.status}
      />
      <FilterSelect
        label="Owner"
        value={filters.owner}
        allLabel="Any owner"
        options={ownerOptions}
        onChange={setters.owner}
      />
      <FilterSelect
        label="Evidence"
        value={filters.evidence}
        allLabel="Any evidence"
        options={EVIDENCE_OPTIONS}
        onChange={setters.evidence}
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
