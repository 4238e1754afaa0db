import type { Command } from 'commander'
import { CliError } from '../cli-error'
import { EXIT } from '../exit-codes'
import type { Output } from '../output'
import { withSession, type GlobalOptions } from '../session'
import { parseWith } from '../parse'
import { z } from 'zod'

const limitSchema = z.coerce
  .number({ error: '--limit must be a number.' })
  .int({ error: '--limit must be a whole number.' })
  .min(1, { error: '--limit must be at least 1.' })
  .max(5000, { error: '--limit can be at most 5000.' })

export function registerAuditCommands(program: Command, output: Output): void {
  const audit = program.command('audit').description("read and verify the register's audit log")

  audit
    .command('log')
    .description('list audit-log entries, newest first')
    .option('--limit <n>', 'how many entries', '100')
    .option('--control <id>', "only this control's entries")
    .option('--json', 'print the result as JSON')
    .action(async (options: { limit: string; control?: string; json?: boolean }, command: Command) => {
      const limit = parseWith(limitSchema, options.limit)
      await withSession(command.optsWithGlobals<GlobalOptions>(), { create: false }, async (session) => {
        const entries = await session.call('audit:list', {
          limit,
          ...(options.control ? { entityType: 'control', entityId: options.control.toUpperCase() } : {})
        })
        if (options.json) {
          output.json(entries)
          return
        }
        output.table(
          ['SEQ', 'WHEN', 'WHO', 'WHAT'],
          entries.map((entry) => [String(entry.seq), entry.at, entry.actor, entry.summary])
        )
      })
    })

  audit
    .command('verify')
    .description('check the hash chain of the audit log; exit 3 if any entry was altered or removed')
    .option('--json', 'print the result as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withSession(command.optsWithGlobals<GlobalOptions>(), { create: false }, async (session) => {
        const result = await session.call('audit:verify')
        if (options.json) output.json(result)
        if (result.ok) {
          if (!options.json) output.line(`Audit log intact: ${result.entries} entries verified.`)
          return
        }
        throw new CliError(
          `Audit log broken at entry ${result.firstBroken.seq}: ${result.firstBroken.reason}.`,
          EXIT.integrity
        )
      })
    })
}
