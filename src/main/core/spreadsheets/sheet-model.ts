/**
 * A spreadsheet as the exports build it, independent of the file format: sheets of typed columns.
 * The XLSX and CSV writers each turn it into a file.
 */

/** text: as written; date: a YYYY-MM-DD day or an ISO timestamp, written as a real date; list: joined with "; ". */
export type ColumnKind = 'text' | 'long-text' | 'date' | 'datetime' | 'number' | 'list'

export interface SheetColumn {
  header: string
  kind: ColumnKind
}

export type CellValue = string | number | string[] | null

export interface Sheet {
  /** The sheet's tab name (at most 31 characters, no []:*?/\). */
  name: string
  columns: SheetColumn[]
  rows: CellValue[][]
}

export interface SpreadsheetDocument {
  /** What the file is, for the About sheet ("Register of controls"). */
  title: string
  sheets: Sheet[]
  /** The About sheet's lines: register, organisation, when, by whom, the app's version, filters. */
  about: [string, string][]
}

export const LIST_SEPARATOR = '; '

/** A cell as text, the way CSV writes it and an import compares it. */
export function cellText(value: CellValue): string {
  if (value === null) return ''
  if (Array.isArray(value)) return value.join(LIST_SEPARATOR)
  return String(value)
}

/** A sheet name Excel accepts: at most 31 characters, none of []:*?/\. */
export function sheetName(name: string): string {
  return (
    name
      .replace(/[[\]:*?/\\]/g, ' ')
      .slice(0, 31)
      .trim() || 'Sheet'
  )
}
