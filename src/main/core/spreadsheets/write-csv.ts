import { toCsv } from '../util/csv'
import { writeFileAtomically, PRIVATE_FILE_MODE } from '../util/private-files'
import { cellText, type SpreadsheetDocument } from './sheet-model'

/**
 * A CSV of the document: one file, so sheets with the same columns follow one another (each
 * export puts what tells them apart, such as the framework, in a column of its own). UTF-8 with a
 * byte-order mark, so Excel reads accents and symbols right; formula-like cells are prefixed.
 */
export function writeCsv(document: SpreadsheetDocument, path: string): number {
  const first = document.sheets[0]
  const header = first ? first.columns.map((column) => column.header) : []
  const rows = document.sheets.flatMap((sheet) => sheet.rows.map((row) => row.map(cellText)))
  writeFileAtomically(path, `\ufeff${toCsv(header, rows)}`, PRIVATE_FILE_MODE)
  return rows.length
}
