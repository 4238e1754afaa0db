import { describe, expect, it } from 'vitest'
import type { RequirementNode } from '@shared/types'
import { nextByTypeAhead, shownNodes, treeKeyMove } from './tree-navigation'

const node = (ref: string, parentRef: string | null, title = `Requirement ${ref}`) =>
  ({ ref, parentRef, title }) as RequirementNode
// 1 > 1.1 > 1.1.1, 1.1.2; 1 > 1.2; 2
const nodes = [
  node('1', null, 'Network security'),
  node('1.1', '1'),
  node('1.1.1', '1.1'),
  node('1.1.2', '1.1'),
  node('1.2', '1'),
  node('2', null, 'Secure configurations')
]
const refs = (list: RequirementNode[]) => list.map((item) => item.ref)

describe('the requirement tree’s navigation', () => {
  it('hides every descendant of a collapsed branch, however deep', () => {
    expect(refs(shownNodes(nodes, new Set()))).toEqual(['1', '1.1', '1.1.1', '1.1.2', '1.2', '2'])
    expect(refs(shownNodes(nodes, new Set(['1.1'])))).toEqual(['1', '1.1', '1.2', '2'])
    expect(refs(shownNodes(nodes, new Set(['1', '1.1'])))).toEqual(['1', '2'])
  })

  it('moves as the WAI-ARIA tree pattern says', () => {
    const at = { index: 1, last: 5, isParent: true, expanded: true, parentIndex: 0 }
    expect(treeKeyMove('ArrowDown', at)).toEqual({ kind: 'move', index: 2 })
    expect(treeKeyMove('ArrowUp', at)).toEqual({ kind: 'move', index: 0 })
    expect(treeKeyMove('Home', at)).toEqual({ kind: 'move', index: 0 })
    expect(treeKeyMove('End', at)).toEqual({ kind: 'move', index: 5 })
    // Right: an open branch is entered, a closed one opened; a leaf does nothing.
    expect(treeKeyMove('ArrowRight', at)).toEqual({ kind: 'move', index: 2 })
    expect(treeKeyMove('ArrowRight', { ...at, expanded: false })).toEqual({ kind: 'toggle' })
    expect(treeKeyMove('ArrowRight', { ...at, isParent: false, expanded: false })).toBeNull()
    // Left: an open branch is closed; otherwise the parent; the top level stays.
    expect(treeKeyMove('ArrowLeft', at)).toEqual({ kind: 'toggle' })
    expect(treeKeyMove('ArrowLeft', { ...at, isParent: false, expanded: false })).toEqual({ kind: 'move', index: 0 })
    expect(treeKeyMove('ArrowLeft', { ...at, expanded: false, parentIndex: undefined })).toBeNull()
    expect(treeKeyMove('Enter', at)).toEqual({ kind: 'select' })
    expect(treeKeyMove(' ', at)).toEqual({ kind: 'select' })
    expect(treeKeyMove('ArrowDown', { ...at, index: 5 })).toEqual({ kind: 'move', index: 5 })
    expect(treeKeyMove('x', at)).toBeNull()
  })

  it('jumps to a reference or a title as it is typed, wrapping around', () => {
    expect(nextByTypeAhead(nodes, 0, '1.1.2')).toBe(3)
    expect(nextByTypeAhead(nodes, 0, 's')).toBe(5)
    expect(nextByTypeAhead(nodes, 5, 'n')).toBe(0)
    expect(nextByTypeAhead(nodes, 1, '1')).toBe(2)
    expect(nextByTypeAhead(nodes, 0, 'zz')).toBe(-1)
  })
})
