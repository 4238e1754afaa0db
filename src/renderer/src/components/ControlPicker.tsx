import { CheckIcon, ChevronDownIcon, PlusIcon } from '@radix-ui/react-icons'
import { Button, Popover, Text } from '@radix-ui/themes'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { Command } from 'cmdk'
import { useEffect, useState, type ReactNode } from 'react'
import type { ArgsOf } from '@shared/ipc/contract'
import { call } from '../api/client'
import { StatusBadge } from './badges'

/** How many controls a picker lists at once: typing narrows the rest down. */
export const PICKER_LIMIT = 50

/** Which controls a picker leaves out (already chosen, mapped or linked), decided by the main process. */
export type ControlExclusion = NonNullable<ArgsOf<'controls:find'>['exclude']>

/** The controls matching the text typed, asked of the main process a moment after typing stops. */
function useControlMatches(text: string, exclude: ControlExclusion | undefined) {
  const [typed, setTyped] = useState(text)
  useEffect(() => {
    const handle = window.setTimeout(() => setTyped(text.trim()), 120)
    return () => window.clearTimeout(handle)
  }, [text])
  return useQuery({
    queryKey: ['controls:find', { text: typed, limit: PICKER_LIMIT, exclude: exclude ?? null }],
    queryFn: () => call('controls:find', { text: typed, limit: PICKER_LIMIT, ...(exclude ? { exclude } : {}) }),
    placeholderData: keepPreviousData
  })
}

/**
 * The searchable list inside a picker's popover: a text box that finds controls by id or title
 * (arrow keys move, Enter chooses), at most PICKER_LIMIT listed, never the whole register.
 */
function ControlSearch({
  label,
  exclude,
  selected,
  before,
  onChoose
}: {
  label: string
  exclude?: ControlExclusion
  selected?: string
  /** Entries listed above the controls (such as "Any control"). */
  before?: ReactNode
  onChoose: (id: string) => void
}) {
  const [text, setText] = useState('')
  const matches = useControlMatches(text, exclude)
  const items = matches.data?.items ?? []
  // The best match is highlighted as each answer arrives, so Enter takes it
  // (a choice made with the arrow keys holds until the matches change).
  const first = items[0]?.id ?? ''
  const [moved, setMoved] = useState<{ among: string; value: string } | null>(null)
  const active = moved?.among === first ? moved.value : first
  return (
    <Command
      label={label}
      shouldFilter={false}
      loop
      value={active}
      onValueChange={(value) => setMoved({ among: first, value })}
    >
      <Command.Input value={text} onValueChange={setText} placeholder="Find a control" autoFocus />
      <Command.List>
        {!matches.isPending && (
          <Command.Empty>{matches.isError ? 'Could not search the controls.' : 'No control matches.'}</Command.Empty>
        )}
        {before}
        {items.map((control) => (
          <Command.Item key={control.id} value={control.id} onSelect={() => onChoose(control.id)}>
            <span className="mono">{control.id}</span>
            <span className="truncate picker-title">{control.title}</span>
            {control.id === selected ? <CheckIcon aria-label="chosen" /> : <StatusBadge status={control.status} />}
          </Command.Item>
        ))}
      </Command.List>
      {matches.data?.more && (
        <Text as="p" size="1" color="gray" className="picker-more" role="status">
          The first {PICKER_LIMIT} shown: type an id or words of a title to find others.
        </Text>
      )}
    </Command>
  )
}

/** "Add a control": finds a control of the register by id or title, minus those excluded. */
export function ControlPicker({
  label,
  exclude,
  onPick
}: {
  label: string
  exclude?: ControlExclusion
  onPick: (id: string) => void
}) {
  const [open, setOpen] = useState(false)
  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger>
        <Button size="1" variant="soft">
          <PlusIcon /> {label}
        </Button>
      </Popover.Trigger>
      <Popover.Content size="1" width="420px" className="picker">
        {open && (
          <ControlSearch
            label={label.replace(/…$/, '')}
            {...(exclude ? { exclude } : {})}
            onChoose={(id) => {
              setOpen(false)
              onPick(id)
            }}
          />
        )}
      </Popover.Content>
    </Popover.Root>
  )
}

const ANY = '\u0000any'

/** A list's filter by control, like the other filter chips, with a search in place of a long menu. */
export function ControlFilter({
  label,
  value,
  allLabel,
  onChange
}: {
  label: string
  value: string | undefined
  allLabel: string
  onChange: (value: string | undefined) => void
}) {
  const [open, setOpen] = useState(false)
  const choose = (next: string | undefined): void => {
    setOpen(false)
    onChange(next)
  }
  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger>
        <Button
          size="1"
          variant={value ? 'soft' : 'surface'}
          color="gray"
          highContrast
          className="filter-trigger"
          aria-label={`${label}: ${value ?? allLabel}`}
        >
          <span className={value ? 'mono' : undefined}>{value ?? allLabel}</span>
          <ChevronDownIcon aria-hidden />
        </Button>
      </Popover.Trigger>
      <Popover.Content size="1" width="420px" className="picker">
        {open && (
          <ControlSearch
            label={`${label} to filter by`}
            {...(value ? { selected: value } : {})}
            before={
              value ? (
                <Command.Item value={ANY} onSelect={() => choose(undefined)}>
                  {allLabel}
                </Command.Item>
              ) : undefined
            }
            onChoose={(id) => choose(id)}
          />
        )}
      </Popover.Content>
    </Popover.Root>
  )
}
