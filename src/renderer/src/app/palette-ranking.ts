/** What the command palette offers, and the order it offers it in: identifiers typed exactly come first. */

export type PaletteKind = 'command' | 'page' | 'setting' | 'requirement' | 'control' | 'evidence' | 'pack'

export interface PaletteEntry {
  kind: PaletteKind
  /** Unique within the palette. */
  key: string
  /** An identifier the user may type exactly: a control id, a requirement ref, an evidence or pack id. */
  identifier?: string
  /** Other spellings of the identifier, such as "PCI 3.3.3" for requirement 3.3.3 of PCI DSS. */
  aliases?: string[]
  label: string
  /** Words that find the entry without being shown, such as "theme" for Appearance. */
  keywords?: string
  /** Found by the register's full-text search: kept even when the words are not in the label. */
  fromSearch?: boolean
}

export const KIND_HEADINGS: Record<PaletteKind, string> = {
  command: 'Commands',
  page: 'Pages',
  setting: 'Settings',
  requirement: 'Requirements',
  control: 'Controls',
  evidence: 'Evidence',
  pack: 'Packs'
}

/** The order groups appear in when their best entries score the same. */
const KIND_ORDER: PaletteKind[] = ['requirement', 'control', 'evidence', 'pack', 'command', 'page', 'setting']

const EXACT_IDENTIFIER = 1000
const IDENTIFIER_PREFIX = 500
const LABEL_PREFIX = 300
const WORD_PREFIX = 200
const LABEL_CONTAINS = 100
const KEYWORD = 60
const SEARCH_ONLY = 20

/** How well an entry answers the text typed; 0 means it is not offered. */
export function scoreEntry(entry: PaletteEntry, text: string): number {
  const needle = normalise(text)
  if (!needle) return entry.kind === 'page' ? 2 : entry.kind === 'command' ? 1 : 0
  const identifiers = [entry.identifier, ...(entry.aliases ?? [])].filter((id): id is string => !!id).map(normalise)
  if (identifiers.some((id) => id === needle)) return EXACT_IDENTIFIER
  if (identifiers.some((id) => id.startsWith(needle))) return IDENTIFIER_PREFIX - Math.min(identifiers[0]!.length, 99)
  const label = normalise(entry.label)
  if (label.startsWith(needle)) return LABEL_PREFIX
  if (label.split(/[\s/(),.:-]+/).some((word) => word.startsWith(needle))) return WORD_PREFIX
  if (label.includes(needle)) return LABEL_CONTAINS
  if (entry.keywords && normalise(entry.keywords).includes(needle)) return KEYWORD
  return entry.fromSearch ? SEARCH_ONLY : 0
}

export interface PaletteGroup {
  kind: PaletteKind
  heading: string
  entries: PaletteEntry[]
}

/**
 * The entries that answer the text, best first: groups ordered by their best entry, entries within a group by score
 * (ties keep the order given, which is the register's own ranking for search results).
 */
export function rankPalette(entries: PaletteEntry[], text: string): PaletteGroup[] {
  const scored = entries
    .map((entry, index) => ({ entry, index, score: scoreEntry(entry, text) }))
    .filter((item) => item.score > 0)
  const groups = new Map<PaletteKind, typeof scored>()
  for (const item of scored) groups.set(item.entry.kind, [...(groups.get(item.entry.kind) ?? []), item])
  return [...groups.entries()]
    .map(([kind, items]) => ({
      kind,
      best: Math.max(...items.map((item) => item.score)),
      items: items.sort((a, b) => b.score - a.score || a.index - b.index)
    }))
    .sort((a, b) => b.best - a.best || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind))
    .map(({ kind, items }) => ({ kind, heading: KIND_HEADINGS[kind], entries: items.map((item) => item.entry) }))
}

function normalise(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, ' ')
}
