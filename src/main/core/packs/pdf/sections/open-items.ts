import { OPEN_ITEM_HEADINGS, OPEN_ITEM_ORDER } from '../../../../../shared/compliance/open-item-kinds'
import type { OpenItem } from '../../../../../shared/types'
import type { PackContent } from '../../pack-content'
import { destinations } from '../labels'
import { COLORS, type Cell, type Column, type PackDocument, type Run } from '../pack-document'

const COLUMNS: Column[] = [
  { label: 'Concerns', width: 92 },
  { label: 'Title', width: 130 },
  { label: 'What an assessor would raise', width: 243 },
  { label: 'Page', width: 30, align: 'right' }
]

/** Where an item points in the pack, and how its reference reads. */
function target(content: PackContent, item: OpenItem): { runs: Run[]; destination: string | null } {
  if (item.framework && item.ref) {
    const short = content.frameworks.find((framework) => framework.id === item.framework)?.shortName ?? item.framework
    const destination = destinations.requirement(item.framework, item.ref)
    return { runs: [{ text: `${short} ${item.ref}`, goTo: destination }], destination }
  }
  if (item.controlIds && item.controlIds.length > 1) {
    return {
      runs: item.controlIds.map((id) => ({ text: id, goTo: destinations.control(id) })),
      destination: destinations.control(item.controlIds[0]!)
    }
  }
  if (item.controlId) {
    const destination = destinations.control(item.controlId)
    return { runs: [{ text: item.controlId, goTo: destination }], destination }
  }
  if (item.evidenceId) {
    const destination = destinations.evidence(item.evidenceId)
    return { runs: [{ text: item.evidenceId, goTo: destination }], destination }
  }
  return { runs: [{ text: '—' }], destination: null }
}

/** Items of one kind that say the same thing about several requirements become one row listing them all. */
function grouped(items: OpenItem[]): OpenItem[][] {
  const groups = new Map<string, OpenItem[]>()
  for (const item of items) {
    const key =
      item.framework && item.ref
        ? `req\u0000${item.framework}\u0000${item.detail}`
        : item.controlId && !item.controlIds
          ? `control\u0000${item.detail}`
          : `${groups.size}\u0000${item.detail}`
    const group = groups.get(key)
    if (group) group.push(item)
    else groups.set(key, [item])
  }
  return [...groups.values()]
}

function groupRow(content: PackContent, group: OpenItem[]): Cell[] {
  const first = group[0]!
  if (group.length === 1) {
    const { runs, destination } = target(content, first)
    return [
      runs,
      [{ text: first.title }],
      [{ text: first.detail }],
      destination ? [{ text: '', pageOf: destination }] : [{ text: '' }]
    ]
  }
  if (!first.framework) {
    return [
      group.map((item) => ({ text: item.controlId!, goTo: destinations.control(item.controlId!) })),
      [{ text: `${group.length} controls` }],
      [{ text: first.detail }],
      [{ text: '', pageOf: destinations.control(first.controlId!) }]
    ]
  }
  const short = content.frameworks.find((framework) => framework.id === first.framework)?.shortName ?? first.framework
  return [
    [
      { text: short, color: COLORS.muted },
      ...group.map((item) => ({ text: item.ref!, goTo: destinations.requirement(item.framework!, item.ref!) }))
    ],
    [{ text: `${group.length} requirements` }],
    [{ text: first.detail }],
    [{ text: '', pageOf: destinations.requirement(first.framework!, first.ref!) }]
  ]
}

/** Everything the readiness check finds, grouped by kind, each with the page it concerns. */
export function writeOpenItems(pdf: PackDocument, content: PackContent): void {
  const outline = pdf.section('Open items', destinations.openItems)
  if (content.openItems.length === 0) {
    pdf.paragraph('None: every applicable requirement is in place, and no evidence is expired or expiring.')
    return
  }
  pdf.paragraph(
    `${content.openItems.length} items an assessor would raise, as the readiness check found them when the pack was made. Each links to the page it concerns.`,
    { color: COLORS.muted }
  )
  for (const kind of OPEN_ITEM_ORDER) {
    const items = content.openItems.filter((item) => item.kind === kind)
    if (items.length === 0) continue
    pdf.heading(`${OPEN_ITEM_HEADINGS[kind]} (${items.length})`, `${destinations.openItems}-${kind}`, 'h2', outline, 40)
    pdf.table(
      COLUMNS,
      grouped(items).map((group) => groupRow(content, group)),
      { zebra: true }
    )
  }
}
