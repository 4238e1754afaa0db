const MiB = 1024 * 1024

/**
 * Ceilings on a spreadsheet someone sends: past any of them the file is refused with a message
 * naming the limit, before memory runs out. Excel's own ceilings are 1,048,576 rows and 32,767
 * characters a cell; a control list or request list is far smaller.
 */
export const SPREADSHEET_LIMITS = {
  fileBytes: { value: 64 * MiB, label: '64 MB for a spreadsheet file' },
  rows: { value: 100_000, label: '100,000 rows' },
  cells: { value: 3_000_000, label: '3,000,000 cells' },
  columns: { value: 500, label: '500 columns' },
  cellChars: { value: 32_767, label: '32,767 characters in one cell' },
  xlsxExpandedBytes: { value: 512 * MiB, label: '512 MB for the contents of an XLSX file, uncompressed' },
  xlsxEntries: { value: 10_000, label: '10,000 parts in an XLSX file' }
} as const

export type SpreadsheetLimit = keyof typeof SPREADSHEET_LIMITS

export function overLimit(limit: SpreadsheetLimit, what: string): string {
  return `${what} goes beyond the limit of ${SPREADSHEET_LIMITS[limit].label}. Split the file or remove what is not needed, and import again.`
}
