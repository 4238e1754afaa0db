import { open } from 'node:fs/promises'
import { extname } from 'node:path'
import { parse } from 'csv-parse/sync'
import { ZipArchive } from '../packs/verify/read-zip'
import { LimitExceeded } from '../util/limits'
import { validationError } from '../errors'
import { decodeText, detectDelimiter } from './decode-text'
import { overLimit, SPREADSHEET_LIMITS } from './spreadsheet-limits'

/** One sheet of a file as text: rows[0] is the sheet's row 1; a blank row is []. */
export interface SpreadsheetTable {
  format: 'csv' | 'xlsx'
  sheets: string[]
  sheet: string | null
  rows: string[][]
}

const ZIP_MAGIC = Buffer.from('PK\u0003\u0004', 'latin1')

/**
 * Reads a CSV or XLSX file sent by someone into rows of text, within the spreadsheet limits.
 * Runs in the task worker (a heap limit of its own). A file over a limit, or one that cannot be
 * read, is refused with a message that says which and what to do; nothing is ever written.
 */
export async function readSpreadsheet(input: { path: string; sheet?: string }): Promise<SpreadsheetTable> {
  const bytes = await readBounded(input.path)
  const isZip = bytes.subarray(0, 4).equals(ZIP_MAGIC)
  if (isZip || extname(input.path).toLowerCase() === '.xlsx') {
    if (!isZip)
      throw validationError('The file is named .xlsx but is not an Excel workbook. Save it again as .xlsx or .csv.')
    return readXlsx(input.path, bytes, input.sheet)
  }
  return readCsv(bytes)
}

async function readBounded(path: string): Promise<Buffer> {
  const handle = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
    throw validationError(`Cannot read ${path}: ${error.code === 'ENOENT' ? 'there is no such file' : error.message}.`)
  })
  try {
    const { size } = await handle.stat()
    if (size > SPREADSHEET_LIMITS.fileBytes.value) throw validationError(overLimit('fileBytes', 'The file'))
    return await handle.readFile()
  } finally {
    await handle.close()
  }
}

function readCsv(bytes: Buffer): SpreadsheetTable {
  const text = decodeText(bytes)
  const { delimiter, skipFirstLine } = detectDelimiter(text)
  let records: string[][]
  try {
    records = parse(skipFirstLine ? text.slice(text.indexOf('\n') + 1) : text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      max_record_size: SPREADSHEET_LIMITS.cellChars.value * 8,
      on_record: (record: string[], context) => {
        if (context.records > SPREADSHEET_LIMITS.rows.value) throw new RangeError('rows')
        return record
      }
    }) as string[][]
  } catch (error) {
    if (error instanceof RangeError && error.message === 'rows') throw validationError(overLimit('rows', 'The file'))
    const { lines, code } = error as { lines?: number; code?: string }
    if (code === 'CSV_MAX_RECORD_SIZE') throw validationError(overLimit('cellChars', `Line ${lines ?? '?'}`))
    throw validationError(
      `The CSV cannot be read at line ${lines ?? '?'}: ${(error as Error).message.replace(/^Invalid \w+: /, '')}. ` +
        'Check the quotes on that line, or save the file again from your spreadsheet.'
    )
  }
  checkShape(records)
  return {
    format: 'csv',
    sheets: [],
    sheet: null,
    rows: records.map((row) => (row.every((cell) => cell === '') ? [] : row))
  }
}

function checkShape(rows: string[][]): void {
  if (rows.length > SPREADSHEET_LIMITS.rows.value) throw validationError(overLimit('rows', 'The sheet'))
  let cells = 0
  for (const [index, row] of rows.entries()) {
    if (row.length > SPREADSHEET_LIMITS.columns.value) throw validationError(overLimit('columns', `Row ${index + 1}`))
    cells += row.length
    for (const cell of row) {
      if (cell.length > SPREADSHEET_LIMITS.cellChars.value)
        throw validationError(overLimit('cellChars', `Row ${index + 1}`))
    }
  }
  if (cells > SPREADSHEET_LIMITS.cells.value) throw validationError(overLimit('cells', 'The sheet'))
}

/**
 * The workbook's parts are first read through once with ceilings on their number and on the
 * bytes they expand to (the sizes the ZIP declares are not trusted): a "ZIP bomb" is refused
 * before the spreadsheet library sees it.
 */
async function checkXlsxContainer(path: string): Promise<void> {
  let zip: ZipArchive
  try {
    zip = await ZipArchive.open(path)
  } catch (error) {
    if (error instanceof LimitExceeded) throw validationError(overLimit('xlsxEntries', 'The workbook'))
    throw validationError(
      'The workbook cannot be opened: it is not a complete XLSX file. Save it again from your spreadsheet.'
    )
  }
  try {
    if (zip.members.size > SPREADSHEET_LIMITS.xlsxEntries.value)
      throw validationError(overLimit('xlsxEntries', 'The workbook'))
    let budget = SPREADSHEET_LIMITS.xlsxExpandedBytes.value
    for (const name of zip.members.keys()) {
      let member
      try {
        member = await zip.read(name, { ceiling: budget, limit: 'zipTotalBytes' })
      } catch (error) {
        if (error instanceof LimitExceeded) throw validationError(overLimit('xlsxExpandedBytes', 'The workbook'))
        throw error
      }
      if (member.error)
        throw validationError(
          `The workbook is damaged (${name}: ${member.error}). Save it again from your spreadsheet.`
        )
      budget -= member.size
    }
  } finally {
    zip.close()
  }
}

async function readXlsx(path: string, bytes: Buffer, wanted: string | undefined): Promise<SpreadsheetTable> {
  await checkXlsxContainer(path)
  const { Workbook } = await import('@cj-tech-master/excelts')
  const workbook = new Workbook()
  try {
    await workbook.xlsx.load(bytes)
  } catch (error) {
    throw validationError(
      `The workbook cannot be read (${(error as Error).message}). Save it again from your spreadsheet.`
    )
  }
  const sheets = workbook.worksheets.map((worksheet) => worksheet.name)
  const worksheet = wanted
    ? workbook.worksheets.find((candidate) => candidate.name.toLowerCase() === wanted.trim().toLowerCase())
    : (workbook.worksheets.find((candidate) => candidate.name !== 'About' && candidate.rowCount > 0) ??
      workbook.worksheets[0])
  if (!worksheet) {
    throw validationError(
      wanted
        ? `The workbook has no sheet "${wanted}". Its sheets: ${sheets.join(', ')}.`
        : 'The workbook has no sheets.'
    )
  }
  if (worksheet.rowCount > SPREADSHEET_LIMITS.rows.value)
    throw validationError(overLimit('rows', `The sheet "${worksheet.name}"`))
  const rows: string[][] = []
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = row.values as unknown[]
    const cells: string[] = []
    for (let column = 1; column < values.length; column++) cells.push(cellText(values[column]))
    while (cells.length && cells[cells.length - 1] === '') cells.pop()
    rows[rowNumber - 1] = cells
  })
  for (let index = 0; index < rows.length; index++) rows[index] ??= []
  checkShape(rows)
  return { format: 'xlsx', sheets, sheet: worksheet.name, rows }
}

/** A cell's value as the text a person sees: dates as YYYY-MM-DD, formulas by their result, rich text joined. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
  if (value instanceof Date) {
    const iso = value.toISOString()
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso
  }
  if (typeof value === 'object') {
    const object = value as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string }
    if (Array.isArray(object.richText)) return object.richText.map((run) => run.text).join('')
    if ('result' in object) return cellText(object.result)
    if ('text' in object) return cellText(object.text)
    if (object.error) return object.error
  }
  return String(value)
}
