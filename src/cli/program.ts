import { Command, CommanderError } from 'commander'
import { safeText } from '../shared/safe-text'
import { version } from '../../package.json'
import { CliError } from './cli-error'
import { registerAuditCommands } from './commands/audit'
import { registerCollectorCommands } from './commands/collector'
import { registerControlCommands } from './commands/controls'
import { registerEvidenceCommands } from './commands/evidence'
import { registerPackCommands } from './commands/packs'
import { registerFrameworkCommands } from './commands/frameworks'
import { registerInitCommand } from './commands/init'
import { registerOrganisationCommands } from './commands/organisation'
import { registerKeyCommands } from './commands/keys'
import { registerBackupCommands } from './commands/backup'
import { registerOscalCommands } from './commands/oscal'
import { registerSpreadsheetCommands } from './commands/spreadsheets'
import { registerRequestCommands } from './commands/requests'
import { EXIT, exitCodeFor } from './exit-codes'
import { isAppError } from '../main/core/errors'
import { createOutput } from './output'

export interface CliIo {
  stdout: NodeJS.WritableStream
  stderr: NodeJS.WritableStream
}

/**
 * Runs one command line and returns its exit code: 0 success, 1 bad usage or invalid input,
 * 2 not found, 3 integrity failure. Errors are one line on stderr, never a stack trace.
 */
export async function runCli(
  argv: string[],
  io: CliIo = { stdout: process.stdout, stderr: process.stderr }
): Promise<number> {
  const output = createOutput(io.stdout, io.stderr)
  const program = new Command('evidence-desk')
    .description('Evidence Desk: the control register, evidence vault and audit packs, from the command line')
    .version(version, '-V, --version')
    .option('--data-dir <dir>', 'the data folder (default: EVIDENCE_DESK_DATA_DIR, then the app data folder)')
    .option(
      '--as <name>',
      'the person the changes are recorded under (default: EVIDENCE_DESK_USER, then "you" of the register)'
    )
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text)
    })
  registerInitCommand(program, output)
  registerFrameworkCommands(program, output)
  registerControlCommands(program, output)
  registerEvidenceCommands(program, output, io.stderr)
  registerPackCommands(program, output, io.stderr)
  registerAuditCommands(program, output)
  registerOrganisationCommands(program, output)
  registerCollectorCommands(program, output, io.stderr)
  registerKeyCommands(program, output)
  registerBackupCommands(program, output)
  registerOscalCommands(program, output)
  registerSpreadsheetCommands(program, output)
  registerRequestCommands(program, output)

  try {
    await program.parseAsync(argv, { from: 'user' })
    return EXIT.ok
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already written its one-line message (or the help text).
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage
    }
    if (error instanceof CliError) {
      io.stderr.write(`evidence-desk: ${safeText(error.message)}\n`)
      return error.exitCode
    }
    if (isAppError(error)) {
      io.stderr.write(`evidence-desk: ${safeText(error.message)}\n`)
      return exitCodeFor(error.code)
    }
    const message = error instanceof Error ? error.message : String(error)
    io.stderr.write(`evidence-desk: unexpected error: ${safeText(message)}\n`)
    return EXIT.usage
  }
}
