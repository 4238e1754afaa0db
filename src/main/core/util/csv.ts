import { stringify } from 'csv-stringify/sync'

/** Cells a spreadsheet would run as a formula (=, +, -, @, tab, carriage return at the start). */
const FORMULA_START = /^[=+\-@\t\r]/

/**
 * A CSV file for people to open in a spreadsheet: a header row, every field quoted where needed,
 * CRLF line ends, and any cell that would start a formula prefixed with an apostrophe so a
 * spreadsheet shows it as text rather than running it.
 */
export function toCsv(header: string[], rows: (string | number | null)[][]): string {
  const safe = rows.map((row) =>
    row.map((cell) => {
      if (cell === null) return ''
      if (typeof cell === 'number') return String(cell)
      return FORMULA_START.test(cell) ? `'${cell}` : cell
    })
  )
  return stringify([header, ...safe], { record_delimiter: 'windows', quoted_match: /[",\r\n]/ })
}
