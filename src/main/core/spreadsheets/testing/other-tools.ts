import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'

/*
 * Tools the app did not write, to read what it writes and to write what it reads: Debian's
 * python3-openpyxl and LibreOffice in headless mode.
 */

const PYTHON = '/usr/bin/python3'

export interface InspectedSheet {
  name: string
  freeze: string | null
  filter: string | null
  widths: Record<string, number>
  /** Cell values; dates as { date: ISO }. */
  rows: unknown[][]
}

const INSPECT = `
import json, sys, datetime, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = []
def value(v):
    if isinstance(v, datetime.datetime): return {"date": v.isoformat()}
    return v
for ws in wb.worksheets:
    out.append({
        "name": ws.title,
        "freeze": ws.freeze_panes,
        "filter": ws.auto_filter.ref,
        "widths": {k: d.width for k, d in ws.column_dimensions.items() if d.width},
        "rows": [[value(c.value) for c in row] for row in ws.iter_rows()],
    })
print(json.dumps(out))
`

/** Opens an XLSX with openpyxl and returns every sheet as it reads it. */
export function inspectXlsx(path: string): InspectedSheet[] {
  return JSON.parse(execFileSync(PYTHON, ['-c', INSPECT, path], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }))
}

const EDIT = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
for edit in json.loads(sys.argv[3]):
    ws = wb[edit["sheet"]]
    headers = [c.value for c in ws[1]]
    column = headers.index(edit["column"]) + 1
    for row in ws.iter_rows(min_row=2):
        if row[0].value == edit["id"]:
            ws.cell(row=row[0].row, column=column, value=edit["value"])
wb.save(sys.argv[2])
`

export interface CellEdit {
  sheet: string
  /** The row whose first cell is this id. */
  id: string
  column: string
  value: string | null
}

/** Changes cells with openpyxl, as a person editing the file in another program would, and saves it as `to`. */
export function editXlsx(from: string, to: string, edits: CellEdit[]): void {
  execFileSync(PYTHON, ['-c', EDIT, from, to, JSON.stringify(edits)])
}

/**
 * Converts a file with LibreOffice (`soffice --headless --convert-to`), e.g. to
 * 'csv:Text - txt - csv (StarCalc):59,34,76,1' (semicolons, UTF-8) or 'xlsx'; returns the new file.
 */
export function convertWithLibreOffice(path: string, filter: string, extension: string): string {
  const outDir = mkdtempSync(join(tmpdir(), 'soffice-out-'))
  const profile = mkdtempSync(join(tmpdir(), 'soffice-profile-'))
  try {
    execFileSync(
      'soffice',
      [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', filter, '--outdir', outDir, path],
      { stdio: 'pipe', timeout: 540_000 }
    )
    const written = readdirSync(outDir)[0]
    if (!written) throw new Error('LibreOffice wrote nothing')
    const target = join(
      tmpdir(),
      `${basename(path).replace(/\.[^.]+$/, '')}-lo-${process.pid}-${Date.now()}.${extension}`
    )
    renameSync(join(outDir, written), target)
    return target
  } finally {
    rmSync(outDir, { recursive: true, force: true })
    rmSync(profile, { recursive: true, force: true })
  }
}
