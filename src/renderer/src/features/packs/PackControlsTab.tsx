import { Button, Callout, Dialog, Flex, Heading, Text, TextArea } from '@radix-ui/themes'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useLayoutEffect, useMemo, useRef, useState } from 'react'
import { Link } from 'wouter'
import type { ControlSummary, PackDefinition } from '@shared/types'
import { useCommand, useControls } from '../../api/queries'
import { ResponsibilityBadge, StatusBadge } from '../../components/badges'
import { ControlPicker } from '../../components/ControlPicker'
import { ErrorCallout, Loading } from '../../components/states'
import { useToast } from '../../components/Toasts'
import { SearchField } from '../../components/SearchField'

interface Choosing {
  control: string
  included: boolean
}

/** Asks why a control is taken out of (or added to) the pack: the auditor reads the reason in the pack. */
function ReasonDialog({
  pack,
  choosing,
  onClose
}: {
  pack: PackDefinition
  choosing: Choosing | null
  onClose: () => void
}) {
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  const setControl = useCommand('packs:setControl')
  const toast = useToast()
  const submit = (): void => {
    if (!choosing) return
    if (!reason.trim()) {
      setError('Say why: the reason is printed in the pack for the auditor.')
      return
    }
    setControl.mutate(
      { id: pack.id, control: choosing.control, included: choosing.included, reason: reason.trim() },
      {
        onSuccess: () => {
          toast({
            title: choosing.included
              ? `Added ${choosing.control} to the pack`
              : `Took ${choosing.control} out of the pack`,
            tone: 'success'
          })
          setReason('')
          setError(null)
          onClose()
        },
        onError: (saveError) => setError(saveError.message)
      }
    )
  }
  return (
    <Dialog.Root
      open={choosing !== null}
      onOpenChange={(open) => {
        if (!open) {
          setReason('')
          setError(null)
          onClose()
        }
      }}
    >
      <Dialog.Content maxWidth="460px">
        <Dialog.Title>
          {choosing?.included ? `Add ${choosing.control} to the pack` : `Take ${choosing?.control} out of the pack`}
        </Dialog.Title>
        <Dialog.Description size="2" color="gray" mb="3">
          {choosing?.included
            ? 'It is not mapped to the pack’s frameworks; it will get a section of its own.'
            : 'It will be listed under exclusions with this reason, and its evidence left out.'}
        </Dialog.Description>
        <form
          onSubmit={(event) => {
            event.preventDefault()
            submit()
          }}
        >
          <TextArea
            aria-label="Reason"
            placeholder={
              choosing?.included
                ? 'Why it belongs in this audit'
                : 'e.g. Out of scope: no cardholder data in this account'
            }
            rows={3}
            value={reason}
            autoFocus
            onChange={(event) => setReason(event.target.value)}
          />
          {error && (
            <Callout.Root color="red" size="1" mt="2" role="alert">
              <Callout.Text>{error}</Callout.Text>
            </Callout.Root>
          )}
          <Flex gap="2" mt="3" justify="end">
            <Dialog.Close>
              <Button type="button" variant="soft" color="gray">
                Cancel
              </Button>
            </Dialog.Close>
            <Button type="submit" loading={setControl.isPending}>
              {choosing?.included ? 'Add to pack' : 'Take out'}
            </Button>
          </Flex>
        </form>
      </Dialog.Content>
    </Dialog.Root>
  )
}

const ROW_HEIGHT = 30

/**
 * The controls in the pack, only the rows in view drawn (a PCI DSS pack of a large register
 * holds thousands): the pane scrolls them with the rest of the tab, under the list's sticky header.
 */
function InPackList({ controls, onTakeOut }: { controls: ControlSummary[]; onTakeOut: (id: string) => void }) {
  const listRef = useRef<HTMLUListElement>(null)
  const [scroller, setScroller] = useState<HTMLElement | null>(null)
  const [offset, setOffset] = useState(0)
  // The rows scroll with the pane's body: where the list starts in it is measured after each layout
  // (what is above it changes height); state is set only when the measure changes, so it settles.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useLayoutEffect(() => {
    const list = listRef.current
    const body = list?.closest<HTMLElement>('.detail-body') ?? null
    if (body !== scroller) setScroller(body)
    if (list && body) {
      const top = list.getBoundingClientRect().top - body.getBoundingClientRect().top + body.scrollTop
      if (Math.abs(top - offset) > 0.5) setOffset(top)
    }
  })
  // The app does not use the React Compiler; the virtualiser is meant to be used as is.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: controls.length,
    getScrollElement: () => scroller,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    scrollMargin: offset
  })
  return (
    <ul
      ref={listRef}
      className="mapping-list"
      aria-label="Controls in the pack"
      style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
    >
      {virtualizer.getVirtualItems().map((item) => {
        const control = controls[item.index]!
        return (
          <li
            key={control.id}
            className="column-row"
            aria-setsize={controls.length}
            aria-posinset={item.index + 1}
            style={{ transform: `translateY(${item.start - offset}px)`, height: ROW_HEIGHT }}
          >
            <Link href={`/register/${control.id}`} className="mono mapping-ref">
              {control.id}
            </Link>
            <Text size="1" className="truncate" title={control.title}>
              {control.title}
            </Text>
            <Flex gap="1" align="center">
              <ResponsibilityBadge responsibility={control.responsibility} />
              <StatusBadge status={control.status} />
              <Button
                size="1"
                variant="ghost"
                color="gray"
                mr="1"
                aria-label={`Take ${control.id} out of the pack`}
                onClick={() => onTakeOut(control.id)}
              >
                Take out…
              </Button>
            </Flex>
          </li>
        )
      })}
    </ul>
  )
}

/** The controls that go into the pack: those mapped to its frameworks, minus exclusions, plus additions. */
export function PackControlsTab({ pack }: { pack: PackDefinition }) {
  const controls = useControls({})
  const setControl = useCommand('packs:setControl')
  const [choosing, setChoosing] = useState<Choosing | null>(null)
  const [search, setSearch] = useState('')
  const byId = useMemo(() => new Map((controls.data ?? []).map((control) => [control.id, control])), [controls.data])
  const excluded = pack.controls.filter((choice) => !choice.included)
  const added = pack.controls.filter((choice) => choice.included)
  const mapped = useMemo(
    () =>
      (controls.data ?? []).filter((control) =>
        control.mappings.some((mapping) => pack.frameworks.includes(mapping.framework))
      ),
    [controls.data, pack.frameworks]
  )
  const excludedIds = new Set(excluded.map((choice) => choice.controlId))
  const needle = search.trim().toLowerCase()
  const inPack = mapped.filter(
    (control) =>
      !excludedIds.has(control.id) && (!needle || `${control.id} ${control.title}`.toLowerCase().includes(needle))
  )
  const toast = useToast()
  const toDefault = (control: string): void =>
    setControl.mutate(
      { id: pack.id, control, included: null, reason: '' },
      { onError: (error) => toast({ title: `Could not change ${control}`, description: error.message, tone: 'error' }) }
    )

  if (controls.isPending) return <Loading label="Loading controls" />
  if (controls.isError) return <ErrorCallout error={controls.error} />
  const chosenList = (choices: typeof excluded, action: string) => (
    <ul className="mapping-list">
      {choices.map((choice) => (
        <li key={choice.controlId}>
          <Link href={`/register/${choice.controlId}`} className="mono mapping-ref">
            {choice.controlId}
          </Link>
          <Flex direction="column" style={{ minWidth: 0 }}>
            <Text size="1" className="truncate">
              {byId.get(choice.controlId)?.title ?? choice.controlId}
            </Text>
            <Text size="1" color="gray" className="truncate" title={choice.reason}>
              {choice.reason}
            </Text>
          </Flex>
          <Button
            size="1"
            variant="ghost"
            aria-label={`${action} ${choice.controlId}`}
            onClick={() => toDefault(choice.controlId)}
          >
            {action}
          </Button>
        </li>
      ))}
    </ul>
  )

  return (
    <Flex direction="column" gap="4">
      {excluded.length > 0 && (
        <section aria-label="Taken out of the pack">
          <Heading as="h3" size="2" mb="1">
            Taken out ({excluded.length})
          </Heading>
          {chosenList(excluded, 'Put back')}
        </section>
      )}
      {added.length > 0 && (
        <section aria-label="Added to the pack">
          <Heading as="h3" size="2" mb="1">
            Added ({added.length})
          </Heading>
          {chosenList(added, 'Remove')}
        </section>
      )}
      <section aria-label="In the pack">
        <div className="pack-list-header">
          <Flex align="center" justify="between" gap="2" mb="2">
            <Heading as="h3" size="2">
              In the pack ({mapped.filter((control) => !excludedIds.has(control.id)).length + added.length})
            </Heading>
            <ControlPicker
              label="Add a control…"
              exclude={{
                mappedTo: { frameworks: pack.frameworks },
                ...(added.length ? { ids: added.map((choice) => choice.controlId) } : {})
              }}
              onPick={(control) => setChoosing({ control, included: true })}
            />
          </Flex>
          <SearchField label="Find a control in the pack" value={search} onChange={setSearch} />
        </div>
        {mapped.length === 0 ? (
          <Text size="2" color="gray">
            No control of the register is mapped to these frameworks yet. Map controls on the Register&apos;s Mappings
            tab.
          </Text>
        ) : (
          <InPackList controls={inPack} onTakeOut={(control) => setChoosing({ control, included: false })} />
        )}
      </section>
      <ReasonDialog pack={pack} choosing={choosing} onClose={() => setChoosing(null)} />
    </Flex>
  )
}
