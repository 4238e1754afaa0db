import { expect } from 'vitest'
import { tool } from './pack-test-tools'

/** The structure of a tagged PDF and its bookmarks, read with poppler's pdfinfo and qpdf (not the code under test). */

export const flat = (text: string): string => text.replace(/\s+/g, ' ').trim()

export interface Node {
  type: string
  /** The element's title (/T), as pdfinfo prints it in quotes: the pack gives each heading its words. */
  title: string
  attributes: string[]
  kids: Node[]
}

/** pdfinfo -struct's indented listing as a tree: element lines with their titles, and their attributes. */
export function structureTree(path: string): Node {
  const listing = tool('pdfinfo', ['-struct', path]).stdout
  const root: Node = { type: 'root', title: '', attributes: [], kids: [] }
  const stack: { indent: number; node: Node }[] = [{ indent: -1, node: root }]
  for (const line of listing.split('\n')) {
    if (!line.trim()) continue
    const indent = line.length - line.trimStart().length
    const body = line.trim()
    while (stack.length > 1 && stack.at(-1)!.indent >= indent) stack.pop()
    const parent = stack.at(-1)!.node
    if (body.startsWith('/')) parent.attributes.push(body)
    else {
      const title = /^\S+ "(.*)"/.exec(body)?.[1] ?? ''
      const node: Node = { type: body.split(/[\s:(]/)[0]!, title, attributes: [], kids: [] }
      parent.kids.push(node)
      stack.push({ indent, node })
    }
  }
  return root
}

export const all = (node: Node): Node[] => [node, ...node.kids.flatMap(all)]

/** The first table after the heading whose title starts with `heading`, among the document's elements in order. */
export function tableAfter(tree: Node, heading: string): Node {
  const nodes = all(tree)
  const at = nodes.findIndex((node) => /^H[1-3]$/.test(node.type) && node.title.startsWith(heading))
  expect(at, heading).toBeGreaterThanOrEqual(0)
  return nodes.slice(at).find((node) => node.type === 'Table')!
}

/** The bookmarks' titles, depth first, from qpdf's JSON. */
export function bookmarks(path: string): string[] {
  interface Outline {
    title: string
    kids: Outline[]
  }
  const json = JSON.parse(tool('qpdf', ['--json', '--json-key=outlines', path]).stdout) as { outlines: Outline[] }
  const titles = (items: Outline[]): string[] => items.flatMap((item) => [item.title, ...titles(item.kids)])
  return titles(json.outlines)
}
