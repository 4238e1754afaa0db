import { ChevronDownIcon, ChevronRightIcon } from '@radix-ui/react-icons'
import { Flex, IconButton, Text } from '@radix-ui/themes'
import { applicableOf } from '@shared/compliance/results'
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import { Link } from 'wouter'
import type { FrameworkId } from '@shared/domain'
import type { RequirementNode } from '@shared/types'
import { ResultBadge } from '../../components/badges'
import { CoverageBar } from '../../components/CoverageBar'
import { RequirementAttributes } from './RequirementAttributes'

interface Props {
  framework: FrameworkId
  nodes: RequirementNode[]
  expandAll: boolean
  selectedRef: string | null
  onSelect: (ref: string) => void
}

/** A requirement's own result; a grouping heading's share of requirements in place below it. */
function ResultCell({ node }: { node: RequirementNode }) {
  if (node.result) return <ResultBadge result={node.result} />
  return (
    <CoverageBar covered={node.subtree['in-place']} total={applicableOf(node.subtree)} label={`${node.ref} in place`} />
  )
}

/** A framework's requirement tree with the controls mapped to each node and its coverage. */
export function RequirementTree({ framework, nodes, expandAll, selectedRef, onSelect }: Props) {
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set())
  const parents = useMemo(() => new Set(nodes.map((node) => node.parentRef).filter(Boolean) as string[]), [nodes])
  const byRef = useMemo(() => new Map(nodes.map((node) => [node.ref, node])), [nodes])

  const hidden = (node: RequirementNode): boolean => {
    if (expandAll) return false
    let parent = node.parentRef ? byRef.get(node.parentRef) : undefined
    while (parent) {
      if (collapsed.has(parent.ref)) return true
      parent = parent.parentRef ? byRef.get(parent.parentRef) : undefined
    }
    return false
  }
  const toggle = (ref: string): void =>
    setCollapsed((current) => {
      const next = new Set(current)
      if (next.has(ref)) next.delete(ref)
      else next.add(ref)
      return next
    })
  const shown = nodes.filter((node) => !hidden(node))
  const scrollRef = useRef<HTMLDivElement>(null)

  // A requirement opened by link (dashboard gaps, mappings, the command palette) is brought into view.
  useEffect(() => {
    if (!selectedRef) return
    const row = [...(scrollRef.current?.querySelectorAll<HTMLTableRowElement>('tbody tr') ?? [])].find(
      (candidate) => candidate.dataset.ref === selectedRef
    )
    row?.scrollIntoView({ block: 'nearest' })
  }, [selectedRef])

  const onKeyDown = (event: KeyboardEvent<HTMLTableRowElement>, node: RequirementNode): void => {
    const index = shown.indexOf(node)
    const focus = (target: number): void => {
      const row = (event.currentTarget.parentElement?.children[target] as HTMLElement | undefined) ?? undefined
      row?.focus()
    }
    if (event.key === 'ArrowDown') focus(index + 1)
    else if (event.key === 'ArrowUp') focus(index - 1)
    else if (event.key === 'Enter') onSelect(node.ref)
    else if (event.key === 'ArrowRight' && collapsed.has(node.ref)) toggle(node.ref)
    else if (event.key === 'ArrowLeft' && parents.has(node.ref) && !collapsed.has(node.ref)) toggle(node.ref)
    else return
    event.preventDefault()
  }

  return (
    <div className="table-scroll" ref={scrollRef}>
      <table className="data-table tree-table" aria-label={`${framework.toUpperCase()} requirements`}>
        <colgroup>
          <col style={{ width: '44%' }} />
          <col style={{ width: '34%' }} />
          <col style={{ width: '22%' }} />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">Requirement</th>
            <th scope="col">Controls</th>
            <th scope="col">Result</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((node) => {
            const isParent = parents.has(node.ref)
            const isCollapsed = collapsed.has(node.ref) && !expandAll
            return (
              <tr
                key={node.ref}
                tabIndex={0}
                aria-label={`${node.ref} ${node.title}`}
                aria-level={node.depth + 1}
                aria-expanded={isParent ? !isCollapsed : undefined}
                aria-selected={node.ref === selectedRef}
                data-kind={node.kind}
                data-ref={node.ref}
                onClick={() => onSelect(node.ref)}
                onKeyDown={(event) => onKeyDown(event, node)}
              >
                <td>
                  <Flex align="center" gap="1" style={{ paddingLeft: node.depth * 16 }}>
                    {isParent ? (
                      <IconButton
                        size="1"
                        variant="ghost"
                        color="gray"
                        tabIndex={-1}
                        aria-label={`${isCollapsed ? 'Expand' : 'Collapse'} ${node.ref}`}
                        onClick={(event) => {
                          event.stopPropagation()
                          toggle(node.ref)
                        }}
                      >
                        {isCollapsed ? <ChevronRightIcon /> : <ChevronDownIcon />}
                      </IconButton>
                    ) : (
                      <span className="tree-spacer" />
                    )}
                    <Text size="1" className="mono nowrap" weight={node.assessable ? 'regular' : 'bold'}>
                      {node.ref}
                    </Text>
                    <Text
                      size="1"
                      className="truncate"
                      weight={node.assessable ? 'regular' : 'bold'}
                      title={node.title}
                    >
                      {node.title}
                    </Text>
                    <RequirementAttributes node={node} compact />
                  </Flex>
                </td>
                <td>
                  <Flex gap="1" wrap="wrap">
                    {node.controls.map((control) => (
                      <Link
                        key={control.id}
                        href={`/register/${control.id}`}
                        className="control-chip"
                        data-status={control.status}
                        title={`${control.title} (${control.status}; evidence: ${control.evidence ?? 'none'})`}
                        onClick={(event) => event.stopPropagation()}
                      >
                        {control.id}
                      </Link>
                    ))}
                  </Flex>
                </td>
                <td>
                  <ResultCell node={node} />
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
