import type { Command } from 'commander'
import { detectedPatch } from '../../shared/detected-details'
import { EVIDENCE_KIND_LABELS, EVIDENCE_SOURCE_LABELS, FRESHNESS_LABELS } from '../../shared/domain'
import {
  evidenceImportOptionsSchema,
  evidencePatchSchema,
  evidenceQuerySchema,
  frameworkIdSchema
} from '../../shared/schemas'
import type { EvidenceDetail } from '../../shared/types'
import { CliError } from '../cli-error'
import { EXIT, exitCodeFor } from '../exit-codes'
import type { Output } from '../output'
import { parseWith } from '../parse'
import { progressPrinter } from '../progress'
import { withSession, type GlobalOptions } from '../session'

interface FieldOptions {
  kind?: string
  title?: string
  source?: string
  effectiveDate?: string
  periodStart?: string
  periodEnd?: string
  reviewBy?: string
  notes?: string
  account?: string[]
  organisationWide?: boolean
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value]

/** The record fields given on the command line, named as the schemas name them. */
function fields(options: FieldOptions): Record<string, unknown> {
  const result: Record<string, unknown> = {}
  for (const key of [
    'kind',
    'title',
    'source',
    'effectiveDate',
    'periodStart',
    'periodEnd',
    'reviewBy',
    'notes'
  ] as const) {
    if (options[key] !== undefined) result[key] = options[key]
  }
  if (options.organisationWide && options.account) {
    throw new CliError('Give --account or --organisation-wide, not both.', EXIT.usage)
  }
  if (options.account) result.accounts = [...new Set(options.account)]
  if (options.organisationWide) result.accounts = []
  return result
}

function withFieldOptions(command: Command): Command {
  return command
    .option('--kind <kind>', 'artifact-report, agreement, policy, screenshot, config-export, finding-export or other')
    .option('--title <title>', 'the title shown in lists and packs')
    .option('--source <source>', 'aws-artifact, aws-service, internal, auditor or unknown')
    .option('--effective-date <YYYY-MM-DD>', 'the date the evidence speaks for')
    .option('--period-start <YYYY-MM-DD>', 'the start of the period it covers')
    .option('--period-end <YYYY-MM-DD>', 'the end of the period it covers')
    .option('--review-by <YYYY-MM-DD>', 'when it must be reviewed or replaced (its expiry)')
    .option('--notes <text>', 'notes')
    .option(
      '--account <id>',
      'an AWS account it speaks for (repeat for several; default: the whole organisation)',
      collect
    )
    .option('--organisation-wide', 'it speaks for every AWS account (clears --account)')
}

export function registerEvidenceCommands(program: Command, output: Output, stderr: NodeJS.WritableStream): void {
  const evidence = program.command('evidence').description('attach, list, link and verify evidence in the vault')

  withFieldOptions(
    evidence
      .command('add')
      .description('copy a file into the vault (AWS Artifact downloads: the reports inside are extracted too)')
      .argument('<file>', 'the file to attach; it is copied, never moved or changed')
  )
    .option('--control <id>', 'link it to this control (repeat for several)', collect)
    .option('--accept-detected', 'apply the title, type and period read from the file instead of only showing them')
    .option('--json', 'print the result as JSON')
    .action(
      async (
        file: string,
        options: FieldOptions & { control?: string[]; acceptDetected?: boolean; json?: boolean },
        command: Command
      ) => {
        const importOptions = parseWith(evidenceImportOptionsSchema, {
          ...fields(options),
          ...(options.control ? { controls: options.control } : {}),
          ...(options.acceptDetected ? { acceptDetected: true } : {})
        })
        await withSession(command.optsWithGlobals<GlobalOptions>(), { create: false }, async (session) => {
          const stop = session.register.jobs.onProgress(progressPrinter(stderr))
          const result = await session.call('evidence:import', { paths: [file], options: importOptions }).finally(stop)
          const failure = result.failed[0]
          if (failure) throw new CliError(failure.message, exitCodeFor(failure.code))
          const item = result.imported[0]!
          if (options.json) {
            output.json(item)
            return
          }
          output.line(
            item.duplicateOf ? `Already in the vault as ${item.id} (same content).` : `Added ${item.id}: ${item.title}`
          )
          output.line(`SHA-256 ${item.sha256}, ${item.size} bytes, ${EVIDENCE_KIND_LABELS[item.kind]}`)
          for (const extracted of item.extracted) output.line(`Extracted ${extracted.id}: ${extracted.name}`)
          if (item.detected && !options.acceptDetected) {
            output.line(`Read from the file (not applied): ${describeDetected(item.detected)}`)
            output.line(`Apply it with: evidence-desk evidence set ${item.id} --accept-detected`)
          }
          for (const note of item.notes) output.note(note)
        })
      }
    )

  evidence
    .command('list')
    .description('list evidence with its freshness')
    .option('--control <id>', "only this control's evidence")
    .option('--freshness <state>', 'fresh, expiring or expired')
    .option('--kind <kind>', 'only this kind')
    .option('--include-removed', 'also list removed items')
    .option('--json', 'print the result as JSON')
    .action(
      async (
        options: { control?: string; freshness?: string; kind?: string; includeRemoved?: boolean; json?: boolean },
        command: Command
      ) => {
        const query = parseWith(evidenceQuerySchema, {
          ...(options.control ? { control: options.control } : {}),
          ...(options.freshness ? { freshness: options.freshness } : {}),
          ...(options.kind ? { kind: options.kind } : {}),
          ...(options.includeRemoved ? { includeRemoved: true } : {})
        })
        await withSession(command.optsWithGlobals<GlobalOptions>(), { create: false }, async (session) => {
          if (query.control) await session.call('controls:get', { id: query.control })
          const items = session.register.evidence.listAll(query)
          if (options.json) {
            output.json(items)
            return
          }
          output.table(
            ['ID', 'FRESHNESS', 'KIND', 'EFFECTIVE', 'REVIEW BY', 'CONTROLS', 'TITLE'],
            items.map((item) => [
              item.id,
              item.removed ? 'removed' : item.freshness,
              item.kind,
              item.effectiveDate ?? '-',
              item.reviewBy ?? '-',
              item.controls.join(' ') || '-',
              item.title
            ])
          )
          output.note(`${items.length} item${items.length === 1 ? '' : 's'}`)
        })
      }
    )

  evidence
    .command('show')
    .description('show one evidence item')
    .argument('<id>', 'evidence id, such as EV-0012')
    .option('--json', 'print the result as JSON')
    .action(async (id: string, options: { json?: boolean }, command: Command) => {
      await withSession(command.optsWithGlobals<GlobalOptions>(), { create: false }, async (session) => {
        const item = await session.call('evidence:get', { id })
        if (options.json) output.json(item)
        else printEvidence(output, item)
      })
    })

  withFieldOptions(evidence.command('set').description('change an evidence record').argument('<id>', 'evidence id'))
    .option('--accept-detected', 'apply the details read from the file')
    .option('--json', 'print the changed record as JSON')
    .action(
      async (id: string, options: FieldOptions & { acceptDetected?: boolean; json?: boolean }, command: Command) => {
        await withSession(command.optsWithGlobals<GlobalOptions>(), { create: false }, async (session) => {
          const current = await session.call('evidence:get', { id })
          if (options.acceptDetected && !current.metadata.detected) {
            throw new CliError(
              `Nothing was read from the file of ${current.id}, so there is nothing to apply.`,
              EXIT.usage
            )
          }
          const patch = parseWith(evidencePatchSchema, {
            ...(options.acceptDetected ? detectedPatch(current) : {}),
            ...fields(options)
          })
          const item = await session.call('evidence:update', { id, patch })
          if (options.json) output.json(item)
          else output.line(`${item.id} updated (version ${item.version}).`)
        })
      }
    )

  evidence
    .command('link')
    .description('link evidence to controls')
    .argument('<id>', 'evidence id')
    .option('--control <id>', 'the control (repeat for several)', collect)
    .option('--aws-controls <framework>', "link it to every AWS-inherited control of a framework (for AWS's reports)")
    .action(async (id: string, options: { control?: string[]; awsControls?: string }, command: Command) => {
      if (!options.control?.length && !options.awsControls) {
        throw new CliError(
          'Name a control with --control ID, or a framework with --aws-controls hipaa|gdpr|pci.',
          EXIT.usage
        )
      }
      const framework = options.awsControls ? parseWith(frameworkIdSchema, options.awsControls) : undefined
      await withSession(command.optsWithGlobals<GlobalOptions>(), { create: false }, async (session) => {
        for (const control of options.control ?? []) {
          await session.call('evidence:link', { id, control })
          output.line(`Linked ${id.toUpperCase()} to ${control.toUpperCase()}.`)
        }
        if (framework) {
          const result = await session.call('evidence:linkInherited', { id, framework })
          output.line(
            `Linked ${id.toUpperCase()} to ${result.linked.length} AWS-inherited controls${result.alreadyLinked ? ` (${result.alreadyLinked} already linked)` : ''}.`
          )
        }
      })
    })

  evidence
    .command('unlink')
    .description('remove the link between evidence and a control')
    .argument('<id>', 'evidence id')
    .requiredOption('--control <id>', 'the control')
    .action(async (id: string, options: { control: string }, command: Command) => {
      await withSession(command.optsWithGlobals<GlobalOptions>(), { create: false }, async (session) => {
        await session.call('evidence:unlink', { id, control: options.control })
        output.line(`Unlinked ${id.toUpperCase()} from ${options.control.toUpperCase()}.`)
      })
    })

  evidence
    .command('remove')
    .description('remove evidence from lists and packs (the record and file are kept and can be restored)')
    .argument('<id>', 'evidence id')
    .option('--reason <text>', 'why it is removed (recorded in the audit log)')
    .action(async (id: string, options: { reason?: string }, command: Command) => {
      await withSession(command.optsWithGlobals<GlobalOptions>(), { create: false }, async (session) => {
        await session.call('evidence:remove', { id, ...(options.reason ? { reason: options.reason } : {}) })
        output.line(
          `Removed ${id.toUpperCase()}. Its file is kept; "evidence restore ${id.toUpperCase()}" brings it back.`
        )
      })
    })

  evidence
    .command('restore')
    .description('bring back removed evidence')
    .argument('<id>', 'evidence id')
    .action(async (id: string, _options: unknown, command: Command) => {
      await withSession(command.optsWithGlobals<GlobalOptions>(), { create: false }, async (session) => {
        await session.call('evidence:restore', { id })
        output.line(`Restored ${id.toUpperCase()}.`)
      })
    })

  evidence
    .command('verify')
    .description('re-hash every file in the vault; exit 3 naming each missing or altered file')
    .option('--json', 'print the result as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withSession(command.optsWithGlobals<GlobalOptions>(), { create: false }, async (session) => {
        const stop = session.register.jobs.onProgress(progressPrinter(stderr))
        const result = await session.call('evidence:verify', {}).finally(stop)
        if (options.json) output.json(result)
        else if (result.ok) output.line(`Vault intact: ${result.checked} files verified.`)
        if (!options.json) {
          for (const sha256 of result.unreferenced ?? []) {
            output.line(`UNREFERENCED: a file no record refers to, left by an import that failed (SHA-256 ${sha256})`)
          }
        }
        if (!options.json && !result.ok) {
          for (const problem of result.problems) {
            output.line(
              `${problem.problem.toUpperCase()}: ${problem.evidence.join(', ') || 'unreferenced file'} (SHA-256 ${problem.sha256})`
            )
          }
        }
        if (!result.ok) {
          const names = result.problems.map(
            (problem) => `${problem.evidence.join('/') || problem.sha256.slice(0, 12)} ${problem.problem}`
          )
          throw new CliError(`Vault check failed: ${names.join('; ')}.`, EXIT.integrity)
        }
      })
    })
}

function describeDetected(detected: NonNullable<EvidenceDetail['metadata']['detected']>): string {
  return [
    detected.reportType,
    detected.title ? `"${detected.title}"` : undefined,
    detected.periodStart && detected.periodEnd ? `period ${detected.periodStart} to ${detected.periodEnd}` : undefined,
    detected.issuer ? `issued by ${detected.issuer}` : undefined
  ]
    .filter(Boolean)
    .join(', ')
}

function printEvidence(output: Output, item: EvidenceDetail): void {
  const period = item.periodStart && item.periodEnd ? `${item.periodStart} to ${item.periodEnd}` : '-'
  output.line(`${item.id}  ${item.title}${item.removed ? '  (removed)' : ''}`)
  output.line(`Kind:            ${EVIDENCE_KIND_LABELS[item.kind]}`)
  output.line(
    `Source:          ${EVIDENCE_SOURCE_LABELS[item.source]}${item.sourceDetail ? ` (${item.sourceDetail})` : ''}`
  )
  output.line(`File:            ${item.originalName}, ${item.size} bytes, ${item.mediaType}`)
  output.line(`SHA-256:         ${item.sha256}`)
  output.line(`Effective date:  ${item.effectiveDate ?? '-'}`)
  output.line(`Period:          ${period}`)
  output.line(`Review by:       ${item.reviewBy ?? '-'} (${FRESHNESS_LABELS[item.freshness]})`)
  output.line(`Imported:        ${item.importedAt} by ${item.importedBy}`)
  if (item.parentId) output.line(`Extracted from:  ${item.parentId}`)
  for (const child of item.children) output.line(`Contains:        ${child.id} ${child.originalName}`)
  output.line(`Controls:        ${item.linkedControls.map((control) => control.id).join(', ') || '-'}`)
  output.line(`AWS accounts:    ${item.accounts.join(', ') || 'the whole organisation'}`)
  const summary = item.metadata.exportSummary
  if (summary) {
    output.line(
      `${summary.label}: ${summary.records} records; ${Object.entries(summary.counts)
        .map(([label, count]) => `${label} ${count}`)
        .join(', ')}`
    )
    if (summary.accounts.length) output.line(`In the export:   ${summary.accounts.join(', ')}`)
    if (summary.dateRange) output.line(`Dates:           ${summary.dateRange.from} to ${summary.dateRange.to}`)
  }
  const detected = item.metadata.detected
  if (detected && !item.metadata.detectedConfirmed)
    output.line(`Read from the file (not applied): ${describeDetected(detected)}`)
  for (const note of item.metadata.notes ?? []) output.line(`Note: ${note}`)
  if (item.notes) output.line(`Notes: ${item.notes}`)
}
