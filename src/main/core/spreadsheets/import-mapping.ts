import { createHash } from 'node:crypto'
import { CONTROL_IMPORT_FIELDS, type ColumnTarget } from '../../../shared/spreadsheets'
import { CONTROL_COLUMNS, normaliseHeading, REGISTER_READ_ONLY_HEADERS } from './control-columns'

export interface FrameworkNames {
  id: string
  name: string
  shortName: string
}

/**
 * Guesses which field each heading fills: the register's own headings, their common synonyms in
 * control lists, and a framework's id or name (optionally with "requirements", "refs" or
 * "mapping") for its references. Anything else is left out; each field is filled once.
 */
export function guessMapping(headings: string[], frameworks: FrameworkNames[]): ColumnTarget[] {
  const byHeading = new Map<string, ColumnTarget>()
  for (const column of CONTROL_COLUMNS) {
    for (const alias of [column.header, column.field, ...column.aliases]) {
      const key = normaliseHeading(alias)
      if (!byHeading.has(key)) byHeading.set(key, column.field)
    }
  }
  for (const framework of frameworks) {
    for (const name of [framework.id, framework.shortName, framework.name]) {
      for (const suffix of ['', ' requirements', ' requirement', ' refs', ' references', ' mapping', ' mappings']) {
        const key = normaliseHeading(`${name}${suffix}`)
        if (!byHeading.has(key)) byHeading.set(key, `map:${framework.id}`)
      }
    }
  }
  for (const header of REGISTER_READ_ONLY_HEADERS) byHeading.set(normaliseHeading(header), 'ignore')
  const taken = new Set<ColumnTarget>()
  return headings.map((heading) => {
    const field = byHeading.get(normaliseHeading(heading)) ?? 'ignore'
    if (field === 'ignore' || taken.has(field)) return 'ignore'
    taken.add(field)
    return field
  })
}

/** A field named on the command line or in the wizard: a field, a framework id (its references) or "ignore". */
export function parseTarget(text: string, frameworks: FrameworkNames[]): ColumnTarget | undefined {
  const wanted = text.trim()
  if (wanted === 'ignore') return 'ignore'
  const field = CONTROL_IMPORT_FIELDS.find((candidate) => candidate.toLowerCase() === wanted.toLowerCase())
  if (field) return field
  const framework = frameworks.find((candidate) =>
    [candidate.id, candidate.shortName, candidate.name, `map:${candidate.id}`]
      .map(normaliseHeading)
      .includes(normaliseHeading(wanted))
  )
  return framework ? `map:${framework.id}` : undefined
}

/** The key a file's layout is remembered by: its headings, normalised, in order. */
export function layoutKey(headings: string[]): string {
  return createHash('sha256')
    .update(JSON.stringify(headings.map(normaliseHeading)))
    .digest('hex')
    .slice(0, 32)
}
