import type Database from 'better-sqlite3'
import { FRAMEWORK_ID_PATTERN, isBuiltinFramework } from '../../../shared/domain'
import type { OscalCatalogImportResult } from '../../../shared/types'
import type { AuditLog } from '../audit/audit-log'
import { catalogHash, storeCatalog, type StoredCatalog } from '../catalog/catalog-loader'
import { writeTransaction } from '../db/write-transaction'
import { conflict, validationError } from '../errors'
import { tokenOf } from './oscal-ids'
import { describeSchemaError, validateCatalog } from './oscal-schemas'

/** Ceilings on a catalog someone else wrote: far above NIST SP 800-53 (about 10 MB, 1,200 controls and enhancements). */
export const CATALOG_LIMITS = {
  bytes: { value: 64 * 1024 * 1024, label: '64 MB' },
  nesting: { value: 64, label: '64 nested levels of JSON' },
  requirements: { value: 20_000, label: '20,000 groups and controls' },
  depth: { value: 12, label: '12 levels of groups and controls' }
} as const

const REF_MAX = 40
const TITLE_MAX = 200

export interface CatalogImportOptions {
  /** The framework id to give it (default: from the catalog's title). */
  id?: string
  /** The short name shown where space is short (default: from the title). */
  shortName?: string
  /** The file's name, recorded in the audit log. */
  fileName?: string
}

export type CatalogImportResult = OscalCatalogImportResult

interface OscalPart {
  id?: string
  title?: string
  class?: string
  props?: { name: string; value: string }[]
  groups?: OscalPart[]
  controls?: OscalPart[]
}

interface OscalCatalog {
  catalog: {
    uuid: string
    metadata: {
      title: string
      version: string
      parties?: { uuid: string; name?: string }[]
      'responsible-parties'?: { 'role-id': string; 'party-uuids': string[] }[]
    }
    groups?: OscalPart[]
    controls?: OscalPart[]
  }
}

/**
 * Adds an OSCAL 1.1 catalog (NIST SP 800-53, an ISO-derived catalog, ...) as a framework: groups
 * become grouping nodes, controls and their enhancements become requirements that controls can
 * be mapped to, assessed by the one result rule and taken into packs. The file is checked against
 * the OSCAL catalog schema first; nothing is written unless all of it can be imported. Importing
 * the same catalog again refreshes it (mappings are kept by control id).
 */
export function importOscalCatalog(
  db: Database.Database,
  audit: AuditLog,
  input: string | Buffer,
  options: CatalogImportOptions = {}
): CatalogImportResult {
  const document = parseCatalog(input)
  const errors = validateCatalog(document)
  if (errors.length > 0) {
    throw validationError(
      `This is not a valid OSCAL 1.1 catalog: ${describeSchemaError(errors[0]!)}. ` +
        'Check the file against the NIST OSCAL catalog schema, or export the catalog again from its source.'
    )
  }
  const catalog = (document as OscalCatalog).catalog
  const title = cleanText(catalog.metadata.title, 120)
  const id = frameworkIdFor(options.id, title)
  const shortName = cleanText(options.shortName ?? shortNameFrom(title), 24)
  const tree = flatten(catalog)
  if (tree.requirements.filter((requirement) => requirement.assessable).length === 0) {
    throw validationError('The catalog has no controls to import: a framework needs at least one requirement.')
  }
  const publisher = publisherOf(catalog)
  const stored: StoredCatalog = {
    id,
    name: title,
    shortName,
    version: cleanText(catalog.metadata.version, 80),
    publisher,
    notice: `Imported from ${options.fileName ? `${cleanText(options.fileName, 120)}, ` : ''}an OSCAL catalog (uuid ${catalog.uuid}).`,
    origin: 'oscal',
    hash: catalogHash(document),
    requirements: tree.requirements
  }
  let changed = false
  writeTransaction(db, () => {
    const existing = db.prepare(`SELECT origin FROM frameworks WHERE id = ?`).get(id) as { origin: string } | undefined
    const sourceKey = `oscal.catalog.${id}`
    const source = db.prepare(`SELECT value FROM meta WHERE key = ?`).pluck().get(sourceKey) as string | undefined
    if (existing && (existing.origin !== 'oscal' || source !== catalog.uuid)) {
      throw conflict(
        `The register already has a framework "${id}" from another catalog. Give this one another id (--id in the command line).`
      )
    }
    db.prepare(`INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(
      sourceKey,
      catalog.uuid
    )
    changed = storeCatalog(db, audit, stored)
  })
  return {
    id,
    name: title,
    shortName,
    version: stored.version,
    requirements: tree.requirements.filter((requirement) => requirement.assessable).length,
    groups: tree.requirements.filter((requirement) => !requirement.assessable).length,
    withdrawn: tree.withdrawn,
    changed
  }
}

function parseCatalog(input: string | Buffer): unknown {
  const size = typeof input === 'string' ? Buffer.byteLength(input) : input.length
  if (size > CATALOG_LIMITS.bytes.value) {
    throw validationError(
      `The catalog is larger than the limit of ${CATALOG_LIMITS.bytes.label}; no OSCAL catalog of controls is that large.`
    )
  }
  const text = (typeof input === 'string' ? input : input.toString('utf8')).replace(/^\uFEFF/, '')
  if (text.trimStart().startsWith('<')) {
    throw validationError('The file is XML; import the JSON form of the catalog (NIST publishes both).')
  }
  const nesting = maxNesting(text)
  if (nesting > CATALOG_LIMITS.nesting.value) {
    throw validationError(
      `The file nests deeper than the limit of ${CATALOG_LIMITS.nesting.label}; it is not an OSCAL catalog.`
    )
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    throw validationError(`The file is not JSON: ${describeJsonError(text, error)}.`)
  }
}

/** How deeply the JSON nests, scanned without parsing (strings skipped), so a nesting bomb is refused cheaply. */
function maxNesting(text: string): number {
  let depth = 0
  let max = 0
  let inString = false
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index)
    if (inString) {
      if (char === 0x5c) index++
      else if (char === 0x22) inString = false
    } else if (char === 0x22) inString = true
    else if (char === 0x7b || char === 0x5b) {
      depth++
      if (depth > max) max = depth
    } else if (char === 0x7d || char === 0x5d) depth--
  }
  return max
}

function describeJsonError(text: string, error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ')
  const position = /position (\d+)/.exec(message)
  const offset = position ? Number(position[1]) : syntaxErrorOffset(text)
  const what = message
    .replace(/ in JSON at position.*$/, '')
    .replace(/,\s*(\.\.\.)?".*$/, '')
    .slice(0, 120)
  if (offset === null) return what
  const before = text.slice(0, offset)
  const line = before.split('\n').length
  const column = offset - before.lastIndexOf('\n')
  return `line ${line}, column ${column} (${what})`
}

/**
 * Where JSON.parse gave up, when its message does not say: the shortest prefix of the text that
 * fails before its end (not merely for ending too soon) ends with the offending character.
 */
function syntaxErrorOffset(text: string): number | null {
  const failsInside = (length: number): boolean => {
    try {
      JSON.parse(text.slice(0, length))
      return false
    } catch (error) {
      const message = error instanceof Error ? error.message : ''
      if (/Unexpected end of JSON input/.test(message)) return false
      const position = /position (\d+)/.exec(message)
      return position ? Number(position[1]) < length : true
    }
  }
  if (!failsInside(text.length)) return null
  let low = 1
  let high = text.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (failsInside(middle)) high = middle
    else low = middle + 1
  }
  return low - 1
}

/** Text from someone else's file: control characters, escape sequences and bidirectional overrides removed, length bounded. */
function cleanText(text: string, max: number): string {
  const cleaned = text
    // Titles are OSCAL markup-line: inline Markdown emphasis is shown as plain words.
    .replace(/(\*\*|\*|__)([^*_]+?)\1/g, '$2')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  return cleaned.length > max ? `${cleaned.slice(0, max - 1).trimEnd()}…` : cleaned || '(untitled)'
}

function frameworkIdFor(requested: string | undefined, title: string): string {
  if (requested !== undefined) {
    const id = requested.trim().toLowerCase()
    if (!FRAMEWORK_ID_PATTERN.test(id)) {
      throw validationError(
        `"${cleanText(requested, 60)}" cannot be a framework id: use 2 to 40 lower-case letters, digits and hyphens, starting with a letter.`
      )
    }
    if (isBuiltinFramework(id)) throw conflict(`"${id}" is a built-in framework; give the catalog another id.`)
    return id
  }
  let id = tokenOf(title, 'catalog')
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^[^a-z]+/, '')
  if (id.length > 30) id = id.slice(0, 30).replace(/-[^-]*$/, '') || id.slice(0, 30)
  id = id.replace(/-+$/, '')
  if (id.length < 2) id = 'catalog'
  return isBuiltinFramework(id) ? `${id}-oscal` : id
}

function shortNameFrom(title: string): string {
  if (title.length <= 24) return title
  const words = title.split(' ')
  let name = ''
  for (const word of words) {
    if (`${name} ${word}`.trim().length > 23) break
    name = `${name} ${word}`.trim()
  }
  return name || title.slice(0, 23)
}

function publisherOf(catalog: OscalCatalog['catalog']): string {
  const roles = catalog.metadata['responsible-parties'] ?? []
  const publisher = roles.find((role) => role['role-id'] === 'publisher' || role['role-id'] === 'creator')
  const party = catalog.metadata.parties?.find((candidate) => candidate.uuid === publisher?.['party-uuids'][0])
  return party?.name ? cleanText(party.name, 200) : 'Imported OSCAL catalog'
}

const propOf = (part: OscalPart, name: string): string | undefined =>
  part.props?.find((prop) => prop.name === name)?.value

/** Groups and controls in document order, parents before children, with the catalog's limits applied. */
function flatten(catalog: OscalCatalog['catalog']): { requirements: StoredCatalog['requirements']; withdrawn: number } {
  const requirements: StoredCatalog['requirements'] = []
  const seen = new Set<string>()
  let withdrawn = 0
  let unnamedGroups = 0
  const visit = (part: OscalPart, kind: 'group' | 'control', parent: string | null, depth: number): void => {
    if (depth > CATALOG_LIMITS.depth.value) {
      throw validationError(
        `The catalog nests groups and controls deeper than the limit of ${CATALOG_LIMITS.depth.label}.`
      )
    }
    if (kind === 'control' && propOf(part, 'status')?.toLowerCase() === 'withdrawn') {
      withdrawn++
      return
    }
    const ref = part.id ?? `group-${++unnamedGroups}`
    if (ref.length > REF_MAX) {
      throw validationError(
        `The ${kind} id "${cleanText(ref, 60)}" is longer than ${REF_MAX} characters, the longest reference the register keeps.`
      )
    }
    if (seen.has(ref))
      throw validationError(`The id "${cleanText(ref, 60)}" is used twice in the catalog; OSCAL ids are unique.`)
    seen.add(ref)
    if (requirements.length >= CATALOG_LIMITS.requirements.value) {
      throw validationError(`The catalog has more than the limit of ${CATALOG_LIMITS.requirements.label}.`)
    }
    const label = propOf(part, 'label')
    requirements.push({
      ref,
      parent,
      kind,
      title: cleanText(part.title ?? ref, TITLE_MAX),
      assessable: kind === 'control',
      attributes: {
        ...(label ? { label: cleanText(label, 40) } : {}),
        ...(part.class ? { class: cleanText(part.class, 60) } : {})
      }
    })
    for (const group of part.groups ?? []) visit(group, 'group', ref, depth + 1)
    for (const control of part.controls ?? []) visit(control, 'control', ref, depth + 1)
  }
  for (const group of catalog.groups ?? []) visit(group, 'group', null, 1)
  for (const control of catalog.controls ?? []) visit(control, 'control', null, 1)
  return { requirements, withdrawn }
}
