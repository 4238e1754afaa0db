import { Button, Flex, Text } from '@radix-ui/themes'
import { useInfiniteQuery } from '@tanstack/react-query'
import { useVirtualizer } from '@tanstack/react-virtual'
import { RESPONSIBILITY_LABELS, type FrameworkId } from '@shared/domain'
import type { ControlRef, ResponsibilityColumn } from '@shared/types'
import { useEffect, useRef, useState } from 'react'
import { Link } from 'wouter'
import { call } from '../../api/client'
import { CONTROL_PAGE_SIZE } from '../../api/queries'
import { useOpenRegister } from '../../app/register-filters'
import { StatusBadge } from '../../components/badges'
import { ControlLinkList } from '../../components/ControlLinkList'

const ROW_HEIGHT = 30

/** Every control of a column, a page at a time as it scrolls, only the rows in view drawn. */
function AllControls({ framework, column }: { framework: FrameworkId | undefined; column: ResponsibilityColumn }) {
  const pages = useInfiniteQuery({
    queryKey: ['responsibility:column', { framework, responsibility: column.responsibility }],
    queryFn: ({ pageParam }) =>
      call('responsibility:column', {
        ...(framework ? { framework } : {}),
        responsibility: column.responsibility,
        offset: pageParam,
        limit: CONTROL_PAGE_SIZE
      }),
    initialPageParam: 0,
    getNextPageParam: (last, all) => {
      const loaded = all.reduce((sum, page) => sum + page.items.length, 0)
      return loaded < last.total ? loaded : undefined
    }
  })
  const controls: ControlRef[] = pages.data?.pages.flatMap((page) => page.items) ?? column.controls
  const scrollRef = useRef<HTMLDivElement>(null)
  // The app does not use the React Compiler; the virtualiser is meant to be used as is.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: controls.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8
  })
  const lastShown = virtualizer.getVirtualItems().at(-1)?.index ?? 0
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = pages
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastShown >= controls.length - 20) void fetchNextPage()
  }, [lastShown, controls.length, hasNextPage, isFetchingNextPage, fetchNextPage])

  return (
    <div className="column-scroll" ref={scrollRef} style={{ height: Math.min(420, column.count * ROW_HEIGHT) }}>
      <ul
        className="mapping-list"
        aria-label={`${RESPONSIBILITY_LABELS[column.responsibility]} controls`}
        style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
      >
        {virtualizer.getVirtualItems().map((item) => {
          const control = controls[item.index]!
          return (
            <li
              key={control.id}
              className="column-row"
              style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
            >
              <Link href={`/register/${control.id}`} className="mono mapping-ref">
                {control.id}
              </Link>
              <Text size="1" className="truncate" title={control.title}>
                {control.title}
              </Text>
              <StatusBadge status={control.status} />
            </li>
          )
        })}
      </ul>
    </div>
  )
}

/**
 * A column's controls sized to the screen: the first few, "+N more", then on request every
 * control (virtualised, paged) or the register filtered to the column.
 */
export function ColumnControls({
  framework,
  column
}: {
  framework: FrameworkId | undefined
  column: ResponsibilityColumn
}) {
  const [showAll, setShowAll] = useState(false)
  const openRegister = useOpenRegister()
  const more = column.count - column.controls.length
  return (
    <>
      {showAll ? <AllControls framework={framework} column={column} /> : <ControlLinkList controls={column.controls} />}
      {more > 0 && (
        <Flex gap="2" align="center" wrap="wrap" mt="1">
          {!showAll && (
            <>
              <Text size="1" color="gray">
                +{more} more
              </Text>
              <Button size="1" variant="soft" onClick={() => setShowAll(true)}>
                Show all {column.count}
              </Button>
            </>
          )}
          <Button
            size="1"
            variant="ghost"
            onClick={() => openRegister({ responsibility: column.responsibility, ...(framework ? { framework } : {}) })}
          >
            Open in the register
          </Button>
        </Flex>
      )}
    </>
  )
}
