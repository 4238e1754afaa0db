import type { Command } from 'commander'
import { resolve } from 'node:path'
import { restoreBackup, verifyBackup } from '../../main/core/backup/backup-service'
import { isAppError } from '../../main/core/errors'
import { resolveDataDir } from '../../main/core/paths'
import { CliError } from '../cli-error'
import { EXIT, exitCodeFor } from '../exit-codes'
import type { Output } from '../output'
import { withSession, type GlobalOptions } from '../session'

/** `backup create`, `backup verify` and `backup restore`. */
export function registerBackupCommands(program: Command, output: Output): void {
  const backup = program
    .command('backup')
    .description('back up the register and its vault, check a backup, restore one')

  backup
    .command('create')
    .description('back up the register, its keys and its vault (files already in the folder are not copied again)')
    .option('--out <dir>', 'the folder that keeps the backups (default: the data folder’s backups/)')
    .option('--json', 'print the result as JSON')
    .action(async (options: { out?: string; json?: boolean }, command: Command) => {
      await withSession(command.optsWithGlobals<GlobalOptions>(), { create: false }, async (session) => {
        const info = await session.register.backups.create(options.out ? resolve(options.out) : undefined)
        if (options.json) output.json(info)
        else output.line(`Backup written to ${info.path} (${info.objects} vault files).`)
      })
    })

  backup
    .command('verify')
    .description('check a backup: the register copy, its audit chain and every vault file; exit 3 if anything differs')
    .argument('<dir>', 'the backup folder (evidence-desk-…)')
    .option('--json', 'print the result as JSON')
    .action(async (dir: string, options: { json?: boolean }) => {
      const result = await verifyBackup(resolve(dir)).catch(rethrow)
      if (options.json) output.json(result)
      else if (result.ok)
        output.line(`Backup intact: the register and ${result.objects} vault files (${result.createdAt}).`)
      else for (const problem of result.problems) output.line(problem)
      if (!result.ok)
        throw new CliError(`The backup does not verify: ${result.problems.length} problem(s).`, EXIT.integrity)
    })

  backup
    .command('restore')
    .description('restore a backup into a new data folder given with --data-dir (never over a register)')
    .argument('<dir>', 'the backup folder (evidence-desk-…)')
    .option('--json', 'print the result as JSON')
    .action(async (dir: string, options: { json?: boolean }, command: Command) => {
      const target = command.optsWithGlobals<GlobalOptions>().dataDir
      if (!target) throw new CliError('Name the new data folder to restore into with --data-dir.', EXIT.usage)
      const result = await restoreBackup(resolve(dir), resolveDataDir(target)).catch(rethrow)
      if (options.json) output.json(result)
      else output.line(`Restored into ${result.dataDir} (${result.objects} vault files). Open it with --data-dir.`)
    })
}

function rethrow(error: unknown): never {
  if (isAppError(error)) throw new CliError(error.message, exitCodeFor(error.code))
  throw error
}
