import type { Command } from 'commander'
import { resolve } from 'node:path'
import { yearEndingOn } from '../../shared/dates'
import { auditPeriodSchema } from '../../shared/schemas'
import {
  EXPORT_FORMATS,
  EXPORT_KINDS,
  type ControlImportPreview,
  type ExportFormat,
  type ExportKind
} from '../../shared/spreadsheets'
import { CliError } from '../cli-error'
import { EXIT } from '../exit-codes'
import type { Output } from '../output'
import { parseWith } from '../parse'
import { resolveFramework, resolveScope } from '../resolve'
import { withSession, type GlobalOptions } from '../session'

interface ExportOptions {
  format?: string
  out?: string
  framework?: string[]
  scope?: string[]
  periodStart?: string
  periodEnd?: string
  json?: boolean
}

interface ImportOptions {
  sheet?: string
  map?: string[]
  dryRun?: boolean
  json?: boolean
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value]

/** COLUMN=FIELD pairs of --map; the heading may itself hold "=" (the last one separates). */
export function parseMapOptions(pairs: string[]): Record<string, string> {
  const map: Record<string, string> = {}
  for (const pair of pairs) {
    const at = pair.lastIndexOf('=')
    if (at <= 0 || at === pair.length - 1) {
      throw new CliError(`--map takes COLUMN=FIELD (for example --map "Control ref=id"), not "${pair}".`, EXIT.usage)
    }
    map[pair.slice(0, at).trim()] = pair.slice(at + 1).trim()
  }
  return map
}

export function registerSpreadsheetCommands(program: Command, output: Output): void {
  program
    .command('export')
    .description(
      'export the register, a Statement of Applicability, the responsibility matrix, the evidence index or the audit log as XLSX or CSV'
    )
    .argument('<what>', EXPORT_KINDS.join(', '))
    .option('--format <format>', 'xlsx or csv (default: from the file name, else xlsx)')
    .option('--out <file>', 'the file to write')
    .option('--framework <id>', 'only this framework (repeat for several); default every framework', collect)
    .option(
      '--scope <name>',
      'an AWS account (name or id) or organizational unit (repeat); default all accounts',
      collect
    )
    .option('--period-start <YYYY-MM-DD>', 'start of the audit period (default: the register’s)')
    .option('--period-end <YYYY-MM-DD>', 'end of the audit period (default: the register’s)')
    .option('--json', 'print what was written as JSON')
    .action(async (what: string, options: ExportOptions, command: Command) => {
      if (!(EXPORT_KINDS as readonly string[]).includes(what)) {
        throw new CliError(`Unknown export "${what}". Use one of: ${EXPORT_KINDS.join(', ')}.`, EXIT.usage)
      }
      if (!options.out) throw new CliError('Name the file to write with --out FILE.xlsx (or .csv).', EXIT.usage)
      const format = (options.format ?? (options.out.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx')).toLowerCase()
      if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
        throw new CliError(`Unknown format "${options.format}". Use xlsx or csv.`, EXIT.usage)
      }
      await withSession(command.optsWithGlobals<GlobalOptions>(), { create: false }, async (session) => {
        const { register } = session
        const frameworks = [...new Set((options.framework ?? []).map((id) => resolveFramework(register, id)))]
        const registerPeriod = register.settings.auditPeriod()
        const period = parseWith(auditPeriodSchema, {
          start:
            options.periodStart ?? (options.periodEnd ? yearEndingOn(options.periodEnd).start : registerPeriod.start),
          end: options.periodEnd ?? registerPeriod.end
        })
        const result = await register.spreadsheets.export({
          kind: what as ExportKind,
          format: format as ExportFormat,
          path: resolve(options.out!),
          frameworks,
          scope: resolveScope(register, options.scope ?? []),
          period
        })
        if (options.json) output.json(result)
        else
          output.line(
            `Wrote ${result.path}: ${result.rows} row${result.rows === 1 ? '' : 's'} (${result.sheets.join(', ')}).`
          )
      })
    })

  const importCommand = program.command('import').description('import a list of controls from a spreadsheet')
  importCommand
    .command('controls')
    .description('create and update controls from a CSV or XLSX file; previews with --dry-run; all or nothing')
    .argument('<file>', 'a .csv (comma, semicolon or tab; UTF-8 or UTF-16) or .xlsx file')
    .option('--sheet <name>', 'the sheet to read (default: the first)')
    .option(
      '--map <column=field>',
      'fill a field from a column (repeat): id, title, statement, domain, owner, status, responsibility, rationale, notApplicableReason, awsServices, notes, a framework id, or ignore',
      collect
    )
    .option('--dry-run', 'show what would change and write nothing')
    .option('--json', 'print { created, updated, unchanged, errors: [{ row, column, message }] } as JSON')
    .action(async (file: string, options: ImportOptions, command: Command) => {
      const map = parseMapOptions(options.map ?? [])
      await withSession(command.optsWithGlobals<GlobalOptions>(), { create: false }, async (session) => {
        const request = { path: resolve(file), map, ...(options.sheet ? { sheet: options.sheet } : {}) }
        const result = options.dryRun
          ? await session.register.controlImport.preview(request)
          : await session.register.controlImport.apply(request)
        if (options.json) output.json(importJson(result))
        else printPreview(output, result, Boolean(options.dryRun))
        if (result.errors.length > 0) {
          if (!options.json) output.note('Nothing was imported: correct the rows above and import again.')
          throw new CliError(
            `${result.errors.length} error${result.errors.length === 1 ? '' : 's'} in the file; nothing was imported.`,
            EXIT.usage
          )
        }
      })
    })
}

function importJson(result: ControlImportPreview): Record<string, unknown> {
  const { created, updated, unchanged, errors, changes, mapping, sheet, rows } = result
  return { created, updated, unchanged, errors, changes, mapping, sheet, rows }
}

function printPreview(output: Output, result: ControlImportPreview, dryRun: boolean): void {
  const mapped = result.mapping.filter((column) => column.field !== 'ignore')
  output.line(`Columns: ${mapped.map((column) => `${column.column} → ${column.field}`).join(', ') || '(none)'}`)
  const ignored = result.mapping.filter((column) => column.field === 'ignore').map((column) => column.column)
  if (ignored.length) output.line(`Not imported: ${ignored.join(', ')}`)
  for (const error of result.errors) {
    output.line(`Row ${error.row}${error.column ? `, ${error.column}` : ''}: ${error.message}`)
  }
  if (result.errors.length) return
  for (const control of result.changes) {
    output.line(`${control.action === 'create' ? 'New' : 'Changed'} ${control.id}`)
    for (const change of control.changes) {
      output.line(`  ${change.field}: ${clip(change.before) || '(empty)'} → ${clip(change.after) || '(empty)'}`)
    }
  }
  output.line(
    `${dryRun ? 'Would create' : 'Created'} ${result.created}, ${dryRun ? 'update' : 'updated'} ${result.updated}, unchanged ${result.unchanged}.`
  )
}

const clip = (text: string): string => (text.length > 80 ? `${text.slice(0, 79)}…` : text)
