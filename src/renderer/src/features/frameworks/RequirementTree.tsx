import { ChevronDownIcon, ChevronRightIcon } from '@radix-ui/react-icons'
import { Text } from '@radix-ui/themes'
import { applicableOf } from '@shared/compliance/results'
import { useVirtualizer } from '@tanstack/react-virtual'
import {
  forwardRef,
  memo,
  useCallback,
  useEffect,
  useId,
  useImperativeHandle,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent
} from 'react'
import { Link } from 'wouter'
import type { RequirementNode } from '@shared/types'
import { ResultBadge } from '../../components/badges'
import { CoverageBar } from '../../components/CoverageBar'
import { RequirementAttributes } from './RequirementAttributes'
import { nextByTypeAhead, shownNodes, treeKeyMove } from './tree-navigation'

const ROW_HEIGHT = 34
/** Keys typed within this of each other make one type-ahead search. */
const TYPE_AHEAD_MS = 1000

interface Props {
  /** The tree's accessible name, such as "PCI DSS requirements". */
  label: string
  nodes: RequirementNode[]
  expandAll: boolean
  selectedRef: string | null
  onSelect: (ref: string, how: 'keyboard' | 'pointer') => void
}

export interface RequirementTreeHandle {
  focus(): void
}

/** A requirement's own result; a grouping heading's share of requirements in place below it. */
function ResultCell({ node }: { node: RequirementNode }) {
  if (node.result) return <ResultBadge result={node.result} />
  return (
    <CoverageBar covered={node.subtree['in-place']} total={applicableOf(node.subtree)} label={`${node.ref} in place`} />
  )
}

interface RowProps {
  id: string
  node: RequirementNode
  start: number
  isParent: boolean
  expanded: boolean
  selected: boolean
  active: boolean
  setSize: number
  position: number
  onSelect: (ref: string) => void
  onToggle: (ref: string) => void
}

/**
 * One row: a treeitem with only the states the role allows (level, expanded for branches,
 * selected, set size and position). Memoised, so moving the selection redraws two rows.
 * Control chips are links for the pointer but not Tab stops: the tree is one Tab stop.
 */
const TreeRow = memo(function TreeRow({
  id,
  node,
  start,
  isParent,
  expanded,
  selected,
  active,
  setSize,
  position,
  onSelect,
  onToggle
}: RowProps) {
  const more = (node.controlCount ?? node.controls.length) - node.controls.length
  return (
    <div
      id={id}
      role="treeitem"
      aria-level={node.depth + 1}
      aria-expanded={isParent ? expanded : undefined}
      aria-selected={selected}
      aria-setsize={setSize}
      aria-posinset={position}
      className="tree-row"
      data-kind={node.kind}
      data-ref={node.ref}
      data-active={active || undefined}
      style={{ transform: `translateY(${start}px)`, height: ROW_HEIGHT }}
      onClick={() => onSelect(node.ref)}
    >
      <div className="tree-cell tree-cell-requirement" style={{ paddingLeft: node.depth * 16 }}>
        {isParent ? (
          <span
            className="tree-toggle"
            aria-hidden
            data-toggle={node.ref}
            onClick={(event) => {
              event.stopPropagation()
              onToggle(node.ref)
            }}
          >
            {expanded ? <ChevronDownIcon /> : <ChevronRightIcon />}
          </span>
        ) : (
          <span className="tree-spacer" />
        )}
        <Text size="1" className="mono nowrap" weight={node.assessable ? 'regular' : 'bold'}>
          {node.ref}
        </Text>
        <Text size="1" className="truncate" weight={node.assessable ? 'regular' : 'bold'} title={node.title}>
          {node.title}
        </Text>
        <RequirementAttributes node={node} compact />
      </div>
      <div className="tree-cell tree-cell-controls">
        <span className="tree-chips">
          {node.controls.map((control) => (
            <Link
              key={control.id}
              href={`/register/${control.id}`}
              className="control-chip"
              data-status={control.status}
              tabIndex={-1}
              title={`${control.title} (${control.status}; evidence: ${control.evidence ?? 'none'})`}
              onClick={(event) => event.stopPropagation()}
            >
              {control.id}
            </Link>
          ))}
        </span>
        {more > 0 && (
          <Text size="1" color="gray" className="nowrap tree-more">
            +{more} more
          </Text>
        )}
      </div>
      <div className="tree-cell tree-cell-result">
        <ResultCell node={node} />
      </div>
    </div>
  )
})

/**
 * A framework's requirement tree (the WAI-ARIA tree pattern): one Tab stop, the active row
 * followed with aria-activedescendant; Up and Down move, Right opens a branch or enters it, Left
 * closes it or goes to the parent, Home and End jump, Enter or Space selects, and typing a
 * reference jumps to it. Virtualised: only the rows in view are in the page.
 */
export const RequirementTree = forwardRef<RequirementTreeHandle, Props>(function RequirementTree(
  { label, nodes, expandAll, selectedRef, onSelect },
  handle
) {
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set())
  const parents = useMemo(() => new Set(nodes.map((node) => node.parentRef).filter(Boolean) as string[]), [nodes])
  const shown = useMemo(() => (expandAll ? nodes : shownNodes(nodes, collapsed)), [nodes, collapsed, expandAll])
  const indexOf = useMemo(() => new Map(shown.map((node, index) => [node.ref, index])), [shown])
  // Each row's set size and position among its siblings, for assistive technology.
  const siblings = useMemo(() => {
    const counts = new Map<string | null, number>()
    const positions = new Map<string, number>()
    for (const node of shown) {
      const count = (counts.get(node.parentRef) ?? 0) + 1
      counts.set(node.parentRef, count)
      positions.set(node.ref, count)
    }
    return { counts, positions }
  }, [shown])

  const [activeRef, setActiveRef] = useState<string | null>(null)
  const activeIndex = Math.max(0, indexOf.get(activeRef ?? selectedRef ?? '') ?? 0)
  const treeRef = useRef<HTMLDivElement>(null)
  const scrollRef = useRef<HTMLDivElement>(null)
  const idPrefix = useId()
  const rowId = useCallback((ref: string) => `${idPrefix}-${encodeURIComponent(ref)}`, [idPrefix])
  useImperativeHandle(handle, () => ({ focus: () => treeRef.current?.focus() }), [])

  // The app does not use the React Compiler; the virtualiser is meant to be used as is.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10
  })

  // The selected requirement (opened by a link, the palette or a click) becomes the active row, in view.
  const selectedIndex = selectedRef === null ? -1 : (indexOf.get(selectedRef) ?? -1)
  useEffect(() => {
    if (selectedIndex < 0) return
    setActiveRef(selectedRef)
    virtualizer.scrollToIndex(selectedIndex, { align: 'auto' })
    // Only a new selection moves the view; the virtualiser is stable.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedIndex])

  const toggle = useCallback(
    (ref: string) =>
      setCollapsed((current) => {
        const next = new Set(current)
        if (next.has(ref)) next.delete(ref)
        else next.add(ref)
        return next
      }),
    []
  )
  const selectByPointer = useCallback(
    (ref: string) => {
      setActiveRef(ref)
      onSelect(ref, 'pointer')
    },
    [onSelect]
  )

  const moveTo = (index: number): void => {
    const node = shown[Math.max(0, Math.min(shown.length - 1, index))]
    if (!node) return
    setActiveRef(node.ref)
    virtualizer.scrollToIndex(indexOf.get(node.ref)!, { align: 'auto' })
  }

  const typed = useRef({ text: '', at: 0 })
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const node = shown[activeIndex]
    if (!node || event.altKey || event.ctrlKey || event.metaKey) return
    const isParent = parents.has(node.ref)
    const expanded = isParent && (expandAll || !collapsed.has(node.ref))
    const move = treeKeyMove(event.key, {
      index: activeIndex,
      last: shown.length - 1,
      isParent,
      expanded,
      parentIndex: node.parentRef === null ? undefined : indexOf.get(node.parentRef)
    })
    if (move) {
      event.preventDefault()
      if (move.kind === 'move') moveTo(move.index)
      else if (move.kind === 'toggle' && !expandAll) toggle(node.ref)
      else if (move.kind === 'select') onSelect(node.ref, 'keyboard')
      return
    }
    if (event.key.length === 1 && event.key !== ' ') {
      const now = performance.now()
      const text = (now - typed.current.at < TYPE_AHEAD_MS ? typed.current.text : '') + event.key
      // What was typed goes on while it matches; otherwise the key starts a new search.
      let found = nextByTypeAhead(shown, activeIndex, text)
      typed.current = { text, at: now }
      if (found < 0 && text.length > 1) {
        found = nextByTypeAhead(shown, activeIndex, event.key)
        typed.current = { text: event.key, at: now }
      }
      if (found >= 0) {
        event.preventDefault()
        moveTo(found)
      }
    }
  }

  const active = shown[activeIndex]
  return (
    <div className="tree-view">
      <div className="tree-header" aria-hidden>
        <span className="tree-cell-requirement">Requirement</span>
        <span className="tree-cell-controls">Controls</span>
        <span className="tree-cell-result">Result</span>
      </div>
      <div className="tree-scroll" ref={scrollRef}>
        <div
          ref={treeRef}
          role="tree"
          aria-label={label}
          tabIndex={0}
          aria-activedescendant={active ? rowId(active.ref) : undefined}
          onKeyDown={onKeyDown}
          className="tree"
          style={{ height: virtualizer.getTotalSize() }}
        >
          {virtualizer.getVirtualItems().map((item) => {
            const node = shown[item.index]!
            const isParent = parents.has(node.ref)
            return (
              <TreeRow
                key={node.ref}
                id={rowId(node.ref)}
                node={node}
                start={item.start}
                isParent={isParent}
                expanded={isParent && (expandAll || !collapsed.has(node.ref))}
                selected={node.ref === selectedRef}
                active={item.index === activeIndex}
                setSize={siblings.counts.get(node.parentRef) ?? 1}
                position={siblings.positions.get(node.ref) ?? 1}
                onSelect={selectByPointer}
                onToggle={toggle}
              />
            )
          })}
        </div>
      </div>
    </div>
  )
})
