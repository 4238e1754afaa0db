import type { Command } from 'commander'
import { resolve } from 'node:path'
import { collectorImportSchema, collectorScriptSchema } from '../../shared/schemas'
import {
  collectorScope,
  collectorScopeOf,
  writeCollectorScript,
  type CollectorShell
} from '../../main/core/collector/collector-service'
import { CliError } from '../cli-error'
import { EXIT } from '../exit-codes'
import type { Output } from '../output'
import { parseWith } from '../parse'
import { progressPrinter } from '../progress'
import { withSession, type GlobalOptions } from '../session'
import { resolveScope } from '../resolve'

const collect = (value: string, previous: string[] = []): string[] => [...previous, value]

interface ScriptOptions {
  pack?: string
  scope?: string[]
  shell: string
  region?: string[]
  out?: string
  json?: boolean
}

export function registerCollectorCommands(program: Command, output: Output, stderr: NodeJS.WritableStream): void {
  const collector = program
    .command('collector')
    .description('gather AWS exports with a read-only script you run (CloudShell), and import what it gathered')

  collector
    .command('script')
    .description('write the read-only collector script for a pack’s accounts (SecurityAudit suffices)')
    .option('--pack <id>', 'a saved pack (PK-0001): its accounts and organizational units')
    .option('--scope <name>', 'or an AWS account (name or id) or organizational unit (repeat); default all', collect)
    .option('--shell <shell>', 'bash (AWS CloudShell) or powershell', 'bash')
    .option('--region <name>', 'an AWS Region to read (repeat; default: the Region the CLI is set to)', collect)
    .option('--out <file>', 'where to write the script (default: the data folder’s exports/)')
    .option('--json', 'print the result as JSON')
    .action(async (options: ScriptOptions, command: Command) => {
      if (options.pack && options.scope) throw new CliError('Give --pack or --scope, not both.', EXIT.usage)
      const args = parseWith(collectorScriptSchema.omit({ packId: true }), {
        shell: options.shell,
        regions: options.region ?? []
      })
      await withSession(command.optsWithGlobals<GlobalOptions>(), { create: false }, async (session) => {
        const register = session.register
        let result
        if (options.pack && !options.out) {
          result = await session.call('collector:writeScript', { ...args, packId: options.pack })
        } else {
          const scope = options.pack
            ? collectorScope(register, options.pack, args.regions, register.now())
            : collectorScopeOf(
                register,
                {
                  id: 'no saved pack',
                  name: 'AWS accounts in scope',
                  scope: resolveScope(register, options.scope ?? [])
                },
                args.regions,
                register.now()
              )
          const shell = args.shell as CollectorShell
          const out = resolve(options.out ?? `evidence-desk-collector.${shell === 'bash' ? 'sh' : 'ps1'}`)
          result = writeCollectorScript(scope, shell, out)
        }
        if (options.json) return output.json(result)
        output.line(`Wrote ${result.path}`)
        output.line(
          `Accounts: ${result.accounts.join(', ') || 'the signed-in account'}; Regions: ${result.regions.join(', ') || 'the CLI’s Region'}`
        )
        output.note(
          'Run it in AWS CloudShell (read-only calls; SecurityAudit suffices), then: evidence-desk collector import FILE.zip'
        )
      })
    })

  collector
    .command('import')
    .description('attach every file of a collection ZIP, tagged with its account and linked to its controls')
    .argument('<file>', 'the evidence-desk-collection ZIP the script wrote')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, options: { json?: boolean }, command: Command) => {
      const args = parseWith(collectorImportSchema, { path: resolve(file) })
      await withSession(command.optsWithGlobals<GlobalOptions>(), { create: false }, async (session) => {
        const stop = session.register.jobs.onProgress(progressPrinter(stderr))
        const result = await session.call('collector:import', args).finally(stop)
        if (options.json) return output.json(result)
        output.line(`Kept the collection as ${result.collection.id}: ${result.collection.title}`)
        for (const entry of result.files) {
          if (entry.error) output.note(`${entry.path}: ${entry.error}`)
          else
            output.line(
              `${entry.item!.id} ${entry.path}${entry.controls.length ? ` -> ${entry.controls.join(', ')}` : ''}`
            )
        }
        for (const call of result.failedCalls) {
          output.note(
            `Not collected (${call.account} ${call.region}): ${call.command || 'skipped'} ${call.error}`.trim()
          )
        }
      })
    })
}
