import type { RequirementNode } from '@shared/types'

/** The rows a tree shows: every node whose ancestors are all expanded (one pass; parents come first). */
export function shownNodes(nodes: RequirementNode[], collapsed: ReadonlySet<string>): RequirementNode[] {
  if (collapsed.size === 0) return nodes
  const hidden = new Set<string>()
  const shown: RequirementNode[] = []
  for (const node of nodes) {
    const parent = node.parentRef
    if (parent !== null && (hidden.has(parent) || collapsed.has(parent))) {
      hidden.add(node.ref)
      continue
    }
    shown.push(node)
  }
  return shown
}

export interface TreePosition {
  index: number
  last: number
  isParent: boolean
  expanded: boolean
  /** The parent's row, when it is shown. */
  parentIndex: number | undefined
}

export type TreeMove = { kind: 'move'; index: number } | { kind: 'toggle' } | { kind: 'select' }

/** What a key does in the WAI-ARIA tree pattern, from the active row. */
export function treeKeyMove(key: string, at: TreePosition): TreeMove | null {
  switch (key) {
    case 'ArrowDown':
      return { kind: 'move', index: Math.min(at.last, at.index + 1) }
    case 'ArrowUp':
      return { kind: 'move', index: Math.max(0, at.index - 1) }
    case 'Home':
      return { kind: 'move', index: 0 }
    case 'End':
      return { kind: 'move', index: at.last }
    case 'ArrowRight':
      if (!at.isParent) return null
      return at.expanded ? { kind: 'move', index: Math.min(at.last, at.index + 1) } : { kind: 'toggle' }
    case 'ArrowLeft':
      if (at.isParent && at.expanded) return { kind: 'toggle' }
      return at.parentIndex === undefined ? null : { kind: 'move', index: at.parentIndex }
    case 'Enter':
    case ' ':
      return { kind: 'select' }
    default:
      return null
  }
}

/**
 * Type-ahead: the next row (after the active one, wrapping) whose reference or title starts with
 * what was typed, ignoring case; -1 when none does.
 */
export function nextByTypeAhead(nodes: RequirementNode[], from: number, typed: string): number {
  const needle = typed.toLowerCase()
  // A repeated single letter steps through the matches; a longer prefix may match the active row.
  const start = typed.length > 1 ? from : from + 1
  for (let step = 0; step < nodes.length; step++) {
    const index = (start + step) % nodes.length
    const node = nodes[index]!
    if (node.ref.toLowerCase().startsWith(needle) || node.title.toLowerCase().startsWith(needle)) return index
  }
  return -1
}
