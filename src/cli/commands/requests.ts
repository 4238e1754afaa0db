import type { Command } from 'commander'
import { resolve } from 'node:path'
import { REQUEST_STATUSES } from '../../shared/spreadsheets'
import { CliError } from '../cli-error'
import { EXIT } from '../exit-codes'
import type { Output } from '../output'
import { withSession, type GlobalOptions } from '../session'
import { parseMapOptions } from './spreadsheets'
import { progressPrinter } from '../progress'

const collect = (value: string, previous: string[] = []): string[] => [...previous, value]

/** `pack list` and the auditors' request lists of packs: import, list, answer. */
export function registerRequestCommands(program: Command, output: Output): void {
  const pack = program.commands.find((command) => command.name() === 'pack')
  pack
    ?.command('list')
    .description('list the saved pack definitions')
    .option('--json', 'print [{ "id", "name", "frameworks", "periodStart", "periodEnd", "auditor", "requests" }]')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withSession(command.optsWithGlobals<GlobalOptions>(), { create: false }, async (session) => {
        const packs = await session.call('packs:list')
        const rows = packs.map((definition) => ({
          id: definition.id,
          name: definition.name,
          frameworks: definition.frameworks,
          periodStart: definition.periodStart,
          periodEnd: definition.periodEnd,
          organisation: definition.organisation,
          auditor: definition.auditor,
          requests: session.register.requests.list(definition.id).length
        }))
        if (options.json) return output.json(rows)
        output.table(
          ['ID', 'NAME', 'FRAMEWORKS', 'PERIOD', 'REQUESTS'],
          rows.map((row) => [
            row.id,
            row.name,
            row.frameworks.join(', '),
            `${row.periodStart} to ${row.periodEnd}`,
            String(row.requests)
          ])
        )
      })
    })

  const requests = program.command('requests').description("an auditor's request list (PBC list) for a pack")

  requests
    .command('import')
    .description(
      'import a request list (CSV or XLSX) into a pack; requests citing a control or requirement are linked to it'
    )
    .argument('<file>', 'a .csv or .xlsx file')
    .requiredOption('--pack <id>', 'the pack, such as PK-0001')
    .option('--sheet <name>', 'the sheet to read (default: the first)')
    .option(
      '--map <column=field>',
      'fill a field from a column (repeat): id, reference, details, assignee, dueDate, ignore',
      collect
    )
    .option(
      '--json',
      'print { "created", "updated", "unchanged", "linked", "errors": [{ "row", "column", "message" }] }'
    )
    .action(
      async (
        file: string,
        options: { pack: string; sheet?: string; map?: string[]; json?: boolean },
        command: Command
      ) => {
        const map = parseMapOptions(options.map ?? [])
        await withSession(command.optsWithGlobals<GlobalOptions>(), { create: false }, async (session) => {
          const result = await session.register.requests.import(options.pack.toUpperCase(), resolve(file), {
            map,
            ...(options.sheet ? { sheet: options.sheet } : {})
          })
          if (options.json) output.json(result)
          else {
            for (const error of result.errors)
              output.line(`Row ${error.row}${error.column ? `, ${error.column}` : ''}: ${error.message}`)
            if (!result.errors.length) {
              output.line(
                `${result.created} new, ${result.updated} changed, ${result.unchanged} unchanged; ${result.linked} linked by reference.`
              )
            }
          }
          if (result.errors.length)
            throw new CliError(
              `${result.errors.length} error${result.errors.length === 1 ? '' : 's'} in the file; nothing was imported.`,
              EXIT.usage
            )
        })
      }
    )

  requests
    .command('list')
    .description("list a pack's requests with their status, assignee, due date and links")
    .requiredOption('--pack <id>', 'the pack, such as PK-0001')
    .option('--json', 'print the requests as JSON')
    .action(async (options: { pack: string; json?: boolean }, command: Command) => {
      await withSession(command.optsWithGlobals<GlobalOptions>(), { create: false }, async (session) => {
        const list = session.register.requests.list(options.pack.toUpperCase())
        if (options.json) return output.json(list)
        output.table(
          ['ID', 'STATUS', 'DUE', 'ASSIGNEE', 'CONTROLS', 'EVIDENCE', 'DETAILS'],
          list.map((request) => [
            request.id,
            request.status,
            `${request.dueDate ?? '-'}${request.overdue ? ' OVERDUE' : ''}`,
            request.assignee || '-',
            request.controls.join(' ') || '-',
            request.evidence.join(' ') ||
              (request.suggestedEvidence.length ? `(suggested ${request.suggestedEvidence.join(' ')})` : '-'),
            request.details
          ])
        )
      })
    })

  requests
    .command('set')
    .description('answer a request: its status, assignee, evidence and response note; every change is audited')
    .argument('<request>', "the request's id as the auditor numbered it")
    .requiredOption('--pack <id>', 'the pack, such as PK-0001')
    .option('--status <status>', REQUEST_STATUSES.join(', '))
    .option('--assignee <name>', 'a person of the register ("" for nobody)')
    .option('--evidence <id>', 'link evidence (repeat)', collect)
    .option('--note <text>', 'the response note')
    .option('--json', 'print the request as JSON')
    .action(
      async (
        requestId: string,
        options: {
          pack: string
          status?: string
          assignee?: string
          evidence?: string[]
          note?: string
          json?: boolean
        },
        command: Command
      ) => {
        if (
          options.status === undefined &&
          options.assignee === undefined &&
          !options.evidence &&
          options.note === undefined
        ) {
          throw new CliError('Nothing to change: give --status, --assignee, --evidence or --note.', EXIT.usage)
        }
        await withSession(command.optsWithGlobals<GlobalOptions>(), { create: false }, async (session) => {
          const request = session.register.requests.set(options.pack.toUpperCase(), requestId, {
            ...(options.status !== undefined ? { status: options.status } : {}),
            ...(options.assignee !== undefined ? { assignee: options.assignee } : {}),
            ...(options.note !== undefined ? { note: options.note } : {}),
            ...(options.evidence ? { evidence: options.evidence.map((id) => id.toUpperCase()) } : {})
          })
          if (options.json) output.json(request)
          else output.line(`${request.id}: ${request.status}${request.assignee ? `, ${request.assignee}` : ''}`)
        })
      }
    )

  requests
    .command('export')
    .description(
      'export the responses as a signed ZIP: a folder per request (evidence files and a response PDF), the list as XLSX, manifest and SHA256SUMS ("pack verify" checks it)'
    )
    .requiredOption('--pack <id>', 'the pack, such as PK-0001')
    .requiredOption('--out <file.zip>', 'where to write the ZIP')
    .option('--json', 'print { "path", "sha256", "size", "requests", "evidenceFiles", "keyFingerprint" }')
    .action(async (options: { pack: string; out: string; json?: boolean }, command: Command) => {
      await withSession(command.optsWithGlobals<GlobalOptions>(), { create: false }, async (session) => {
        const stop = options.json ? () => undefined : session.register.jobs.onProgress(progressPrinter(process.stderr))
        try {
          const result = await session.register.requestExport.export(options.pack.toUpperCase(), resolve(options.out))
          if (options.json) output.json(result)
          else {
            output.line(
              `Wrote ${result.path}: ${result.requests} requests, ${result.evidenceFiles} evidence files (SHA-256 ${result.sha256}).`
            )
            output.line(`Check it as the auditor will: evidence-desk pack verify "${result.path}"`)
          }
        } finally {
          stop()
        }
      })
    })
}
