import type { EvidenceKind } from '../../../../shared/domain'
import type { ExportSummary } from '../../../../shared/types'

/** What is known of a JSON export when a parser is asked whether it is one of its own. */
export interface JsonProbe {
  input: 'json'
  name: string
  /** Top-level members seen so far (arrays among them are streamed, so stand as ARRAY). */
  members: Record<string, unknown>
  /** The array whose first element is at hand: a member's name, or null for a top-level array or JSON Lines. */
  arrayKey?: string | null
  first?: unknown
  /** The whole document has been read (only members remain to decide on). */
  complete: boolean
}

export interface CsvProbe {
  input: 'csv'
  name: string
  headers: string[]
}

export type Probe = JsonProbe | CsvProbe

/** Stands for an array member in JsonProbe.members: its elements are streamed, never held. */
export const ARRAY = Symbol('array')

/** One pass over an export a parser recognised; records arrive one at a time. */
export interface ParserRun {
  /** A top-level member that is not an array (JSON), replayed from the start when the parser joins late. */
  member?(key: string, value: unknown): void
  /** One record: an element of an array member (key), of a top-level array or one line (key null), or a CSV row. */
  record(key: string | null, value: unknown): void
  finish(): RecognisedExport
}

export interface RecognisedExport {
  summary: ExportSummary
  kind: EvidenceKind
  /** Passed and failed results per requirement reference the findings cite (such as "PCI DSS v4.0.1/10.3.2"). */
  requirementResults?: RequirementResult[]
}

export interface RequirementResult {
  reference: string
  passed: number
  failed: number
}

/**
 * A recogniser for one family of AWS exports. Each lives in a file of its own under parsers/ and
 * is listed in registry.ts; the dispatcher (summarise-export.ts) streams the file and hands
 * records to the first parser whose matches() accepts the export's shape.
 */
export interface ExportParser {
  id: string
  input: 'json' | 'csv'
  matches(probe: Probe): boolean
  start(probe: Probe): ParserRun
}

export type Json = Record<string, unknown>

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

export const list = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isObject) : [])

export const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined)

/** A member or nested field, whatever the case of its first letter (services write both). */
export function field(record: unknown, name: string): unknown {
  if (!isObject(record)) return undefined
  if (name in record) return record[name]
  const other =
    name[0] === name[0]!.toUpperCase() ? name[0]!.toLowerCase() + name.slice(1) : name[0]!.toUpperCase() + name.slice(1)
  return record[other]
}

export function path(record: unknown, ...names: string[]): unknown {
  let value = record
  for (const name of names) value = field(value, name)
  return value
}

/** The first element of the JSON array at hand, when its key is one of `keys` (null: a top-level array or lines). */
export function firstOf(probe: Probe, keys: (string | null)[]): Json | undefined {
  if (probe.input !== 'json' || probe.arrayKey === undefined || !keys.includes(probe.arrayKey)) return undefined
  return isObject(probe.first) ? probe.first : undefined
}

/** A JSON export decided from its non-array members once the whole document has been read. */
export function completeMembers(probe: Probe): Json | undefined {
  return probe.input === 'json' && probe.complete ? probe.members : undefined
}
