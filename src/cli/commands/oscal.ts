import type { Command } from 'commander'
import { readFile, stat } from 'node:fs/promises'
import { basename, resolve } from 'node:path'
import { yearEndingOn } from '../../shared/dates'
import { auditPeriodSchema } from '../../shared/schemas'
import type { OscalExportResult } from '../../shared/types'
import { CATALOG_LIMITS } from '../../main/core/oscal/catalog-import'
import { CliError } from '../cli-error'
import { EXIT } from '../exit-codes'
import type { Output } from '../output'
import { parseWith } from '../parse'
import { resolveFramework, resolveScope } from '../resolve'
import { withSession, type GlobalOptions } from '../session'

interface SspOptions {
  framework: string
  scope?: string[]
  periodStart?: string
  periodEnd?: string
  out: string
  json?: boolean
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value]

function printExport(output: Output, result: OscalExportResult, json: boolean | undefined): void {
  if (json) {
    output.json({
      kind: result.kind,
      path: result.path,
      sha256: result.sha256,
      files: result.files,
      framework: result.framework,
      implementedRequirements: result.implementedRequirements,
      inherited: result.inherited,
      satisfied: result.satisfied,
      components: result.components
    })
    return
  }
  output.line(
    `${result.kind === 'system-security-plan' ? 'System security plan' : 'Component definition'}: ${result.path}`
  )
  if (result.kind === 'system-security-plan') {
    output.line(
      `${result.implementedRequirements} implemented requirements; ${result.inherited} with what AWS secures, ` +
        `${result.satisfied} with the organisation's part of a shared control`
    )
  } else {
    output.line(`${result.components} controls as components, ${result.implementedRequirements} requirements met`)
  }
  for (const file of result.files.slice(1)) output.line(`Written beside it: ${basename(file)}`)
  output.line(`SHA-256 ${result.sha256}`)
}

export function registerOscalCommands(program: Command, output: Output): void {
  const oscal = program
    .command('oscal')
    .description('OSCAL 1.1: export the register as a system security plan or component definition; import catalogs')
  const exporting = oscal.command('export').description('write an OSCAL document of the register')

  exporting
    .command('ssp')
    .description("a framework's system security plan, with its catalog and profile written beside it")
    .requiredOption('--framework <id>', 'hipaa, gdpr, pci, or an imported catalog')
    .option(
      '--scope <name>',
      'an AWS account (name or id) or organizational unit (repeat); default all accounts',
      collect
    )
    .option('--period-start <YYYY-MM-DD>', 'start of the audit period (default: the register’s)')
    .option('--period-end <YYYY-MM-DD>', 'end of the audit period (default: the register’s)')
    .requiredOption('--out <file.json>', 'where to write the plan')
    .option('--json', 'print the result as JSON')
    .action(async (options: SspOptions, command: Command) => {
      await withSession(command.optsWithGlobals<GlobalOptions>(), { create: false }, async (session) => {
        const { register } = session
        const framework = resolveFramework(register, options.framework)
        const registerPeriod = register.settings.auditPeriod()
        const period = parseWith(auditPeriodSchema, {
          start:
            options.periodStart ?? (options.periodEnd ? yearEndingOn(options.periodEnd).start : registerPeriod.start),
          end: options.periodEnd ?? registerPeriod.end
        })
        const scope = resolveScope(register, options.scope ?? [])
        printExport(output, register.oscal.exportSsp({ framework, scope, period }, options.out), options.json)
      })
    })

  exporting
    .command('component-definition')
    .description('the control library as reusable components, with the catalogs it cites written beside it')
    .requiredOption('--out <file.json>', 'where to write the component definition')
    .option('--json', 'print the result as JSON')
    .action(async (options: { out: string; json?: boolean }, command: Command) => {
      await withSession(command.optsWithGlobals<GlobalOptions>(), { create: false }, async (session) => {
        printExport(output, session.register.oscal.exportComponentDefinition(options.out), options.json)
      })
    })

  oscal
    .command('import')
    .description('add to the register')
    .command('catalog')
    .description('add an OSCAL 1.1 catalog (JSON) as a framework controls can be mapped to')
    .argument('<file>', 'the catalog, such as NIST SP 800-53 in OSCAL JSON')
    .option('--id <id>', 'the framework id to give it (default: from its title)')
    .option('--short-name <name>', 'the short name shown where space is short (default: from its title)')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, options: { id?: string; shortName?: string; json?: boolean }, command: Command) => {
      const path = resolve(file)
      let text: string
      try {
        const size = (await stat(path)).size
        if (size > CATALOG_LIMITS.bytes.value) {
          throw new CliError(
            `${file} is larger than the limit of ${CATALOG_LIMITS.bytes.label} for an OSCAL catalog.`,
            EXIT.usage
          )
        }
        text = await readFile(path, 'utf8')
      } catch (error) {
        if (error instanceof CliError) throw error
        throw new CliError(`Cannot read ${file}. Give the catalog's JSON file.`, EXIT.notFound)
      }
      await withSession(command.optsWithGlobals<GlobalOptions>(), { create: false }, async (session) => {
        const result = await session.call('oscal:importCatalog', {
          text,
          fileName: basename(path),
          ...(options.id !== undefined ? { id: options.id } : {}),
          ...(options.shortName !== undefined ? { shortName: options.shortName } : {})
        })
        if (options.json) return output.json(result)
        output.line(
          `${result.changed ? 'Imported' : 'Already up to date:'} ${result.name} ${result.version} as "${result.id}" ` +
            `(${result.requirements} requirements in ${result.groups} groups` +
            (result.withdrawn ? `; ${result.withdrawn} withdrawn controls left out` : '') +
            ')'
        )
      })
    })
}
