import {
  ARRAY,
  type CsvProbe,
  type ExportParser,
  type JsonProbe,
  type ParserRun,
  type RecognisedExport
} from './export-parser'
import { csvDelimiter, CsvRows, csvHeaders } from './reading/csv-records'
import { ExportText } from './reading/export-text'
import { jsonLayout, JsonRecordScanner, MalformedJsonError, RecordTooLargeError } from './reading/json-records'
import { EXPORT_PARSERS } from './registry'

export interface ExportLimits {
  /** Decoded bytes read at most: the work done, whatever the file's size or compression. */
  maxWorkBytes: number
  /** The largest single record (a finding, a CSV row, a top-level member) that is parsed. */
  maxRecordBytes: number
}

export const DEFAULT_EXPORT_LIMITS: ExportLimits = {
  maxWorkBytes: 8 * 1024 * 1024 * 1024,
  maxRecordBytes: 32 * 1024 * 1024
}

export interface ExportReading {
  recognised?: RecognisedExport
  /** Whether the text looked like JSON or CSV at all (an export that is not one of ours gets a note). */
  structured: boolean
  notes: string[]
}

const HEAD_BYTES = 256 * 1024
const NOT_RECOGNISED = 'not recognised as an AWS export'

/** Stops reading an export no parser claimed. */
class Unrecognised extends Error {}

/**
 * Reads an export once, streaming, and summarises it with the parser that recognises its shape.
 * Memory stays bounded by the largest single record; reading stops at the work limit and says so.
 */
export async function summariseExport(
  path: string,
  name: string,
  limits: ExportLimits = DEFAULT_EXPORT_LIMITS,
  parsers: readonly ExportParser[] = EXPORT_PARSERS
): Promise<ExportReading> {
  const text = new ExportText(path, limits)
  const head = await text.head(HEAD_BYTES)
  const layout = jsonLayout(head)
  let run: ParserRun | undefined
  try {
    if (layout) run = await readJson(text, layout, name, limits, parsers)
    else {
      const delimiter = csvDelimiter(head)
      if (!delimiter) return { structured: false, notes: [] }
      run = await readCsv(text, delimiter, head, name, parsers)
    }
  } catch (error) {
    if (error instanceof Unrecognised)
      return { structured: true, notes: [`The file was stored as it is: ${NOT_RECOGNISED}.`] }
    if (error instanceof RecordTooLargeError) {
      return {
        structured: true,
        notes: [`The file was stored as it is; it could not be summarised: ${error.message}.`]
      }
    }
    if (error instanceof MalformedJsonError && !run) {
      return { structured: true, notes: [`The file was stored as it is: ${NOT_RECOGNISED} (it is not valid JSON).`] }
    }
    throw error
  }
  if (!run) return { structured: true, notes: [`The file was stored as it is: ${NOT_RECOGNISED}.`] }
  const recognised = run.finish()
  const notes: string[] = []
  if (text.truncated) {
    recognised.summary.partial = true
    notes.push(
      `Only the first ${Math.round(text.bytesRead / 1048576)} MB of the export were read (the inspection limit); the summary counts what was read.`
    )
  }
  return { recognised, structured: true, notes }
}

async function readJson(
  text: ExportText,
  layout: NonNullable<ReturnType<typeof jsonLayout>>,
  name: string,
  limits: ExportLimits,
  parsers: readonly ExportParser[]
): Promise<ParserRun | undefined> {
  const candidates = parsers.filter((parser) => parser.input === 'json')
  const members: Record<string, unknown> = {}
  const memberOrder: [string, unknown][] = []
  let run: ParserRun | undefined
  const choose = (probe: JsonProbe): ParserRun | undefined => {
    const parser = candidates.find((candidate) => candidate.matches(probe))
    if (!parser) return undefined
    const started = parser.start(probe)
    for (const [key, value] of memberOrder) started.member?.(key, value)
    return started
  }
  const scanner = new JsonRecordScanner(
    layout,
    {
      member(key, value) {
        if (run) return run.member?.(key, value)
        members[key] = value
        memberOrder.push([key, value])
        run = choose({ input: 'json', name, members, complete: false })
      },
      element(key, value) {
        if (!run) {
          run = choose({ input: 'json', name, members, arrayKey: key, first: value, complete: false })
          if (!run) {
            // A top-level array or JSON Lines is its records: if its first is no export's, none is.
            if (key === null) throw new Unrecognised()
            members[key] = ARRAY
            return false
          }
        }
        run.record(key, value)
        return true
      }
    },
    limits.maxRecordBytes
  )
  for await (const chunk of text.chunks()) scanner.write(chunk)
  if (!text.truncated) scanner.end()
  return run ?? choose({ input: 'json', name, members, complete: true })
}

async function readCsv(
  text: ExportText,
  delimiter: string,
  head: Buffer,
  name: string,
  parsers: readonly ExportParser[]
): Promise<ParserRun | undefined> {
  const probe: CsvProbe = { input: 'csv', name, headers: csvHeaders(head, delimiter) }
  const parser = parsers.find((candidate) => candidate.input === 'csv' && candidate.matches(probe))
  if (!parser) throw new Unrecognised()
  const run = parser.start(probe)
  for await (const row of new CsvRows(delimiter).rows(text.chunks())) run.record(null, row)
  return run
}
