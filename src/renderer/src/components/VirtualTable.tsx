import { CaretDownIcon, CaretUpIcon, MixerHorizontalIcon } from '@radix-ui/react-icons'
import { DropdownMenu, IconButton } from '@radix-ui/themes'
import {
  createRow,
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type Row,
  type SortingState,
  type Updater,
  type VisibilityState
} from '@tanstack/react-table'
import { elementScroll, useVirtualizer, type Virtualizer } from '@tanstack/react-virtual'
import {
  memo,
  startTransition,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactElement
} from 'react'

const ROW_HEIGHT = 32
/** The sticky header scrolls with the rows' container, so the virtualiser counts it in. */
const HEADER_HEIGHT = 30
/** The narrowest the title column becomes when the window or the pane beside the table leaves little room. */
const FLEX_MIN = 140
/** Rows made beyond those in view, once the table is measured, so scrolling finds them ready. */
const OVERSCAN = 12

/**
 * The table's size as the browser reports it after laying the page out. The virtualiser's own observer also reads it
 * at once when the table is mounted, which made the browser lay out the whole new page then and there, in the same
 * task as the page's commit.
 */
function observeTableRect(
  instance: Virtualizer<HTMLDivElement, Element>,
  onRect: (rect: { width: number; height: number }) => void
): (() => void) | undefined {
  const element = instance.scrollElement
  if (!element) return undefined
  const observer = new ResizeObserver(() => onRect({ width: element.clientWidth, height: element.clientHeight }))
  observer.observe(element, { box: 'content-box' })
  return () => observer.disconnect()
}

interface VirtualTableProps<T> {
  label: string
  rows: T[]
  columns: ColumnDef<T>[]
  rowId: (row: T) => string
  selectedId: string | null
  onOpen: (id: string) => void
  /** Called when the last rows come into view, to load the next page. */
  onEndReached?: () => void
  /** Sort in the table (lists loaded whole) or leave the order to the query (paged lists). */
  sortable?: boolean
}

/**
 * A dense, virtualised table: sticky header, sortable and resizable columns, arrow keys to move,
 * Enter to open. Only the rows in view are in the page, so it stays fast for thousands of rows.
 */
export function VirtualTable<T>({
  label,
  rows: data,
  columns,
  rowId,
  selectedId,
  onOpen,
  onEndReached,
  sortable = true
}: VirtualTableProps<T>) {
  const [sorting, setSorting] = useState<SortingState>([])
  const [columnVisibility, setColumnVisibility] = useStoredVisibility(label)
  // The app does not use the React Compiler; TanStack Table's instance is meant to be used as is.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data,
    columns,
    state: { sorting, columnVisibility },
    onSortingChange: setSorting,
    onColumnVisibilityChange: setColumnVisibility,
    enableSorting: sortable,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    columnResizeMode: 'onChange',
    getRowId: rowId
  })
  // Unsorted, the rows are made only as they come into view: TanStack's row model makes an object
  // with every feature's methods for each row, which for a whole register held the page for
  // hundreds of milliseconds. Sorted, its row model is used (the sort needs every row anyway).
  const sortedRows = sorting.length > 0 ? table.getRowModel().rows : null
  // Each row is made once for this data (the table instance lives as long as the component).
  const makeRow = useMemo(() => {
    const made = new Map<number, Row<T>>()
    return (index: number): Row<T> => {
      let row = made.get(index)
      if (!row) {
        const original = data[index]!
        row = createRow(table, rowId(original), original, index, 0)
        made.set(index, row)
      }
      return row
    }
  }, [data, table, rowId])
  const rowCount = sortedRows ? sortedRows.length : data.length
  const rowAt = (index: number): Row<T> => (sortedRows ? sortedRows[index]! : makeRow(index))
  // The second column (a title) takes the width left over, down to FLEX_MIN, unless the user sized it.
  const visibleColumns = table.getVisibleLeafColumns()
  const candidate = visibleColumns[1]
  const flexColumn =
    candidate && !candidate.getIsResizing() && !(candidate.id in table.getState().columnSizing) ? candidate : null
  const fixedWidth = visibleColumns.reduce((sum, column) => sum + (column === flexColumn ? 0 : column.getSize()), 0)
  const scrollRef = useRef<HTMLDivElement>(null)
  // Until the table is measured, it is taken to fill the window (the first rows are made with the table, in the same
  // render, which may run in the background) and no rows beyond those are made.
  const [measured, setMeasured] = useState(false)
  const measuredOnce = useRef(false)
  // A table just made is at its top: the virtualiser writes that position when it starts, which made the browser lay
  // out the whole new page then and there. Positions are written once the table has scrolled or is to scroll.
  const scrolled = useRef(false)
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    paddingStart: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    overscan: measured ? OVERSCAN : 0,
    initialRect: { width: 0, height: window.innerHeight },
    scrollToFn: (offset, options, instance) => {
      if (!scrolled.current && offset + (options.adjustments ?? 0) === 0) return
      scrolled.current = true
      elementScroll(offset, options, instance)
    },
    observeElementRect: (instance, onRect) =>
      observeTableRect(instance, (rect) => {
        if (measuredOnce.current) return onRect(rect)
        // The first size only trims the rows past the window and adds those made beyond the view: in the background.
        measuredOnce.current = true
        startTransition(() => {
          onRect(rect)
          setMeasured(true)
        })
      })
  })
  const [activeIndex, setActiveIndex] = useState(0)
  // The rows keep the same handlers from one render to the next, so a row is made again only when it changes.
  const onOpenRef = useRef(onOpen)
  useLayoutEffect(() => {
    onOpenRef.current = onOpen
  })
  const open = useCallback((id: string) => onOpenRef.current(id), [])
  const selectedIndex = useMemo(
    () =>
      sortedRows
        ? sortedRows.findIndex((row) => row.id === selectedId)
        : data.findIndex((original) => rowId(original) === selectedId),
    [sortedRows, data, rowId, selectedId]
  )
  const items = virtualizer.getVirtualItems()
  const lastIndex = items.at(-1)?.index ?? 0

  useEffect(() => {
    if (onEndReached && rowCount > 0 && lastIndex >= rowCount - 20) onEndReached()
  }, [lastIndex, rowCount, onEndReached])

  /**
   * Brings a row into view: the virtualiser renders it if it is not made yet, then the browser scrolls it exactly into
   * place (the virtualiser reads the table's layout at once, so a row already made is left to the browser).
   */
  const reveal = (index: number, focus: boolean): void => {
    if (!items.some((item) => item.index === index)) virtualizer.scrollToIndex(index, { align: 'auto' })
    requestAnimationFrame(() => {
      const row = scrollRef.current?.querySelector<HTMLTableRowElement>(`tr[data-index="${index}"]`)
      row?.scrollIntoView({ block: 'nearest' })
      if (focus) row?.focus({ preventScroll: true })
    })
  }

  useEffect(() => {
    if (selectedIndex >= 0) {
      setActiveIndex(selectedIndex)
      reveal(selectedIndex, false)
    }
    // reveal only reads refs and the virtualiser; run again only when the selection moves.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedIndex])

  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>): void => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 320) / ROW_HEIGHT) - 1)
    const moves: Record<string, number> = {
      ArrowDown: activeIndex + 1,
      ArrowUp: activeIndex - 1,
      PageDown: activeIndex + page,
      PageUp: activeIndex - page,
      Home: 0,
      End: rowCount - 1
    }
    if (event.key in moves) {
      event.preventDefault()
      const bounded = Math.max(0, Math.min(rowCount - 1, moves[event.key]!))
      setActiveIndex(bounded)
      reveal(bounded, true)
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault()
      if (activeIndex < rowCount) onOpen(rowAt(activeIndex).id)
    }
  }

  const paddingTop = (items[0]?.start ?? HEADER_HEIGHT) - HEADER_HEIGHT
  const paddingBottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0)

  return (
    <div className="table-frame">
      <DropdownMenu.Root>
        <DropdownMenu.Trigger>
          <IconButton size="1" variant="soft" color="gray" className="table-columns" aria-label={`Columns of ${label}`}>
            <MixerHorizontalIcon />
          </IconButton>
        </DropdownMenu.Trigger>
        <DropdownMenu.Content size="1">
          <DropdownMenu.Label>Show columns</DropdownMenu.Label>
          {table
            .getAllLeafColumns()
            .slice(1)
            .map((column) => (
              <DropdownMenu.CheckboxItem
                key={column.id}
                checked={column.getIsVisible()}
                onCheckedChange={(checked) => column.toggleVisibility(checked === true)}
                onSelect={(event) => event.preventDefault()}
              >
                {typeof column.columnDef.header === 'string' ? column.columnDef.header : column.id}
              </DropdownMenu.CheckboxItem>
            ))}
        </DropdownMenu.Content>
      </DropdownMenu.Root>
      <div className="table-scroll" ref={scrollRef} onScroll={() => (scrolled.current = true)}>
        <table
          className="data-table"
          aria-label={label}
          aria-rowcount={rowCount + 1}
          style={{ minWidth: fixedWidth + FLEX_MIN }}
        >
          <colgroup>
            {table.getVisibleLeafColumns().map((column) => (
              <col key={column.id} style={{ width: column === flexColumn ? undefined : column.getSize() }} />
            ))}
          </colgroup>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id} aria-rowindex={1}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted()
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                    >
                      {header.column.getCanSort() ? (
                        <button type="button" className="th-sort" onClick={header.column.getToggleSortingHandler()}>
                          {flexRender(header.column.columnDef.header, header.getContext())}
                          {sorted === 'asc' && <CaretUpIcon aria-hidden />}
                          {sorted === 'desc' && <CaretDownIcon aria-hidden />}
                        </button>
                      ) : (
                        flexRender(header.column.columnDef.header, header.getContext())
                      )}
                      <div
                        className="col-resizer"
                        role="separator"
                        aria-orientation="vertical"
                        aria-label={`Resize ${String(header.column.columnDef.header)} column`}
                        onMouseDown={header.getResizeHandler()}
                        data-resizing={header.column.getIsResizing() || undefined}
                      />
                    </th>
                  )
                })}
              </tr>
            ))}
          </thead>
          <tbody onKeyDown={onKeyDown}>
            {paddingTop > 0 && <tr aria-hidden style={{ height: paddingTop }} />}
            {items.map((item) => {
              const row = rowAt(item.index)
              return (
                <TableRow
                  key={row.id}
                  row={row}
                  index={item.index}
                  columns={visibleColumns}
                  selected={row.id === selectedId}
                  active={item.index === activeIndex}
                  onActivate={setActiveIndex}
                  onOpen={open}
                />
              )
            })}
            {paddingBottom > 0 && <tr aria-hidden style={{ height: paddingBottom }} />}
          </tbody>
        </table>
      </div>
    </div>
  )
}

interface TableRowProps<T> {
  row: Row<T>
  index: number
  /** The columns shown: their cells are made again when these change. */
  columns: unknown[]
  selected: boolean
  active: boolean
  onActivate: (index: number) => void
  onOpen: (id: string) => void
}

/** One row of the table; the same props leave it as it is (the rows are many, and the table renders often). */
const TableRow = memo(function TableRow<T>({ row, index, selected, active, onActivate, onOpen }: TableRowProps<T>) {
  return (
    <tr
      data-index={index}
      aria-rowindex={index + 2}
      aria-selected={selected}
      tabIndex={active ? 0 : -1}
      onClick={() => {
        onActivate(index)
        onOpen(row.id)
      }}
      onFocus={() => onActivate(index)}
      style={{ height: ROW_HEIGHT }}
    >
      {row.getVisibleCells().map((cell) => (
        <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
      ))}
    </tr>
  )
}) as <T>(props: TableRowProps<T>) => ReactElement

/** Which columns the user hid in this table, kept between visits. */
function useStoredVisibility(label: string): [VisibilityState, (update: Updater<VisibilityState>) => void] {
  const key = `evidence-desk:columns:${label}`
  const [visibility, setVisibility] = useState<VisibilityState>(() => {
    try {
      const stored: unknown = JSON.parse(window.localStorage.getItem(key) ?? '{}')
      return stored && typeof stored === 'object' ? (stored as VisibilityState) : {}
    } catch {
      return {}
    }
  })
  const update = (next: Updater<VisibilityState>): void =>
    setVisibility((current) => {
      const value = typeof next === 'function' ? next(current) : next
      window.localStorage.setItem(key, JSON.stringify(value))
      return value
    })
  return [visibility, update]
}
