import type { Command } from 'commander'
import { resolve } from 'node:path'
import { CONTROL_STATUS_LABELS, RESPONSIBILITY_LABELS } from '../../shared/domain'
import type { ControlPatch } from '../../shared/schemas'
import type { ControlDetail } from '../../shared/types'
import { CliError } from '../cli-error'
import { EXIT } from '../exit-codes'
import type { Output } from '../output'
import { resolveFramework } from '../resolve'
import { withSession, type GlobalOptions } from '../session'

interface ListOptions {
  framework?: string
  responsibility?: string
  status?: string
  owner?: string
  search?: string
  json?: boolean
}

interface SetOptions {
  status?: string
  responsibility?: string
  owner?: string
  note?: string
  rationale?: string
  reason?: string
}

export function registerControlCommands(program: Command, output: Output): void {
  const controls = program.command('controls').description('list, show and change controls')

  controls
    .command('list')
    .description('list controls, optionally filtered')
    .option('--framework <id>', 'only controls mapped to this framework (hipaa, gdpr, pci)')
    .option('--responsibility <who>', 'aws, shared or customer')
    .option('--status <status>', 'not-started, planned, in-progress, implemented or not-applicable')
    .option('--owner <name>', "only this owner's controls")
    .option('--search <text>', 'full-text search in ids, titles, statements and notes')
    .option('--json', 'print the result as JSON')
    .action(async (options: ListOptions, command: Command) => {
      await withSession(command.optsWithGlobals<GlobalOptions>(), { create: false }, async (session) => {
        const { json, ...query } = options
        if (query.framework !== undefined) query.framework = resolveFramework(session.register, query.framework)
        const list = await session.call('controls:list', query as never)
        if (json) {
          output.json(
            list.map(({ id, title, responsibility, status, owner, mappings }) => ({
              id,
              title,
              responsibility,
              status,
              owner,
              mappings
            }))
          )
          return
        }
        output.table(
          ['ID', 'STATUS', 'RESPONSIBILITY', 'OWNER', 'TITLE'],
          list.map((c) => [c.id, c.status, c.responsibility, c.owner || '-', c.title])
        )
        output.note(`${list.length} control${list.length === 1 ? '' : 's'}`)
      })
    })

  controls
    .command('show')
    .description('show one control with its mappings')
    .argument('<id>', 'control id, such as IAM-03')
    .option('--json', 'print the result as JSON')
    .action(async (id: string, options: { json?: boolean }, command: Command) => {
      await withSession(command.optsWithGlobals<GlobalOptions>(), { create: false }, async (session) => {
        const control = await session.call('controls:get', { id })
        if (options.json) output.json(control)
        else printControl(output, control)
      })
    })

  controls
    .command('export')
    .description("one control's record as a PDF: statement, responsibility, mappings, evidence with hashes, history")
    .argument('<id>', 'control id, such as IAM-03')
    .requiredOption('--out <file.pdf>', 'where to write the PDF (replaced only once the new one is complete)')
    .option('--json', 'print the result as JSON')
    .action(async (id: string, options: { out: string; json?: boolean }, command: Command) => {
      await withSession(command.optsWithGlobals<GlobalOptions>(), { create: false }, async (session) => {
        // Through the contract first: the id is validated and an unknown control is "not found" (exit 2).
        const control = await session.call('controls:get', { id })
        const written = await session.register.controlRecords.export(control.id, resolve(options.out))
        if (options.json) output.json({ control: control.id, ...written })
        else
          output.line(
            `Wrote ${control.id}'s record: ${written.path} (${written.pages} pages, SHA-256 ${written.sha256})`
          )
      })
    })

  controls
    .command('set')
    .description('change a control; every change is recorded in the audit log')
    .argument('<id>', 'control id, such as IAM-03')
    .option('--status <status>', 'not-started, planned, in-progress, implemented or not-applicable')
    .option('--responsibility <who>', 'aws, shared or customer')
    .option('--owner <name>', 'the person who owns the control')
    .option('--note <text>', "replace the control's notes (the previous notes stay in the audit log)")
    .option('--rationale <text>', 'why the responsibility falls where it does')
    .option('--reason <text>', 'why the control does not apply (the auditor reads it; with --status not-applicable)')
    .option('--json', 'print the changed control as JSON')
    .action(async (id: string, options: SetOptions & { json?: boolean }, command: Command) => {
      const patch: Record<string, string> = {}
      if (options.status !== undefined) patch.status = options.status
      if (options.responsibility !== undefined) patch.responsibility = options.responsibility
      if (options.owner !== undefined) patch.owner = options.owner
      if (options.note !== undefined) patch.notes = options.note
      if (options.rationale !== undefined) patch.rationale = options.rationale
      if (options.reason !== undefined) patch.notApplicableReason = options.reason
      if (Object.keys(patch).length === 0) {
        throw new CliError(
          'Nothing to change: give at least one of --status, --responsibility, --owner, --note, --rationale, --reason.',
          EXIT.usage
        )
      }
      await withSession(command.optsWithGlobals<GlobalOptions>(), { create: false }, async (session) => {
        const control = await session.call('controls:update', { id, patch: patch as ControlPatch })
        if (options.json) output.json(control)
        else output.line(`${control.id} updated (version ${control.version}).`)
      })
    })
}

function printControl(output: Output, control: ControlDetail): void {
  output.line(`${control.id}  ${control.title}`)
  output.line(`Status:          ${CONTROL_STATUS_LABELS[control.status]}`)
  if (control.status === 'not-applicable') {
    output.line(`Why it does not apply: ${control.notApplicableReason || '(no reason recorded)'}`)
  }
  output.line(`Responsibility:  ${RESPONSIBILITY_LABELS[control.responsibility]}`)
  if (control.rationale) output.line(`Rationale:       ${control.rationale}`)
  output.line(`Owner:           ${control.owner || '-'}`)
  output.line(`Domain:          ${control.domain}`)
  if (control.awsServices.length) output.line(`AWS services:    ${control.awsServices.join(', ')}`)
  output.line('')
  output.line(control.statement)
  if (control.notes) {
    output.line('')
    output.line(`Notes: ${control.notes}`)
  }
  output.line('')
  output.line('Mapped requirements:')
  if (control.requirements.length === 0) output.line('  (none)')
  for (const requirement of control.requirements) {
    output.line(`  ${requirement.framework.toUpperCase().padEnd(6)} ${requirement.ref.padEnd(22)} ${requirement.title}`)
  }
}
