import { writeFileAtomically, PRIVATE_FILE_MODE } from '../util/private-files'
import { cellText, sheetName, type CellValue, type SheetColumn, type SpreadsheetDocument } from './sheet-model'

const MIN_WIDTH = 6
const MAX_WIDTH: Record<SheetColumn['kind'], number> = {
  text: 40,
  'long-text': 80,
  list: 50,
  date: 12,
  datetime: 20,
  number: 14
}
const HEADER_FILL = 'FFE8EDF3'

/** Characters XML 1.0 cannot carry: the library would drop them silently, so they are shown as U+FFFD. */
// eslint-disable-next-line no-control-regex
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g

function cellValue(value: CellValue, column: SheetColumn): string | number | Date | null {
  if (value === null || value === '') return null
  if (column.kind === 'date' || column.kind === 'datetime') {
    const text = String(value)
    const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text)
    return Number.isNaN(date.getTime()) ? text : date
  }
  if (column.kind === 'number' && typeof value === 'number') return value
  return cellText(value).replace(XML_FORBIDDEN, '\ufffd')
}

/** Widths that fit the longest line in each column (up to a ceiling per kind of column). */
function widthOf(column: SheetColumn, rows: CellValue[][], index: number): number {
  let longest = column.header.length + 2
  if (column.kind === 'date') return Math.max(longest, MAX_WIDTH.date)
  if (column.kind === 'datetime') return Math.max(longest, MAX_WIDTH.datetime)
  for (const row of rows) {
    const text = cellText(row[index] ?? null)
    for (const line of text.split('\n')) if (line.length + 1 > longest) longest = line.length + 1
    if (longest >= MAX_WIDTH[column.kind]) return MAX_WIDTH[column.kind]
  }
  return Math.max(MIN_WIDTH, longest)
}

/**
 * The document as an XLSX workbook: each sheet with a bold, frozen header row, a filter on every
 * column, widths that fit, dates as real dates, then an "About" sheet saying what the file is.
 * Written to a temporary name and renamed, so a failed export never leaves a partial file.
 */
export async function writeXlsx(document: SpreadsheetDocument, path: string, creator: string): Promise<number> {
  const { Workbook } = await import('@cj-tech-master/excelts')
  const workbook = new Workbook()
  workbook.creator = creator
  workbook.created = new Date()
  let rows = 0
  const used = new Set<string>()
  for (const sheet of document.sheets) {
    let name = sheetName(sheet.name)
    for (let n = 2; used.has(name.toLowerCase()); n++) name = sheetName(`${sheet.name.slice(0, 27)} (${n})`)
    used.add(name.toLowerCase())
    const worksheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] })
    worksheet.columns = sheet.columns.map((column, index) => ({
      header: column.header,
      width: widthOf(column, sheet.rows, index),
      ...(column.kind === 'date'
        ? { style: { numFmt: 'yyyy-mm-dd' } }
        : column.kind === 'datetime'
          ? { style: { numFmt: 'yyyy-mm-dd hh:mm:ss' } }
          : column.kind === 'long-text'
            ? { style: { alignment: { wrapText: true, vertical: 'top' as const } } }
            : {})
    }))
    for (const row of sheet.rows) {
      worksheet.addRow(sheet.columns.map((column, index) => cellValue(row[index] ?? null, column)))
    }
    const header = worksheet.getRow(1)
    header.font = { bold: true }
    header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } }
    const lastColumn = columnLetter(Math.max(1, sheet.columns.length))
    worksheet.autoFilter = `A1:${lastColumn}${Math.max(1, sheet.rows.length + 1)}`
    rows += sheet.rows.length
  }
  const about = workbook.addWorksheet('About')
  about.columns = [
    { header: 'About this file', width: 24 },
    { header: '', width: Math.min(100, Math.max(30, ...document.about.map(([, value]) => value.length + 2))) }
  ]
  about.getRow(1).font = { bold: true }
  about.addRow(['Contents', document.title])
  for (const [label, value] of document.about) about.addRow([label, value.replace(XML_FORBIDDEN, '\ufffd')])
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer())
  writeFileAtomically(path, buffer, PRIVATE_FILE_MODE)
  return rows
}

/** 1 -> A, 27 -> AA. */
export function columnLetter(index: number): string {
  let letters = ''
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters
  return letters
}
