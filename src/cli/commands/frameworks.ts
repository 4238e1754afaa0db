import type { Command } from 'commander'
import { yearEndingOn } from '../../shared/dates'
import { ADDRESSABLE_DECISION_LABELS, applicableOf, RESULT_LABELS } from '../../shared/compliance/results'
import { auditPeriodSchema } from '../../shared/schemas'
import { CliError } from '../cli-error'
import { EXIT } from '../exit-codes'
import { resolveFramework, resolveScope } from '../resolve'
import type { Output } from '../output'
import { withSession, type GlobalOptions } from '../session'
import { parseWith } from '../parse'

export function registerFrameworkCommands(program: Command, output: Output): void {
  program
    .command('frameworks')
    .description('list the frameworks in the register with their requirement counts and coverage')
    .option('--json', 'print the result as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withSession(command.optsWithGlobals<GlobalOptions>(), { create: false }, async (session) => {
        const frameworks = await session.call('frameworks:list')
        if (options.json) {
          output.json(
            frameworks.map(({ id, name, shortName, version, requirements, results, coverage }) => ({
              id,
              name,
              version,
              requirements,
              shortName,
              results,
              coverage
            }))
          )
          return
        }
        output.table(
          ['ID', 'FRAMEWORK', 'VERSION', 'REQUIREMENTS', 'IN PLACE'],
          frameworks.map((f) => [
            f.id,
            f.name,
            f.version,
            String(f.requirements),
            `${f.results['in-place']}/${applicableOf(f.results)} applicable (${Math.round(f.coverage * 100)}%)`
          ])
        )
      })
    })

  const requirements = program
    .command('requirements')
    .description(
      "list a framework's requirements with their results (in-place, not-in-place, not-tested, not-applicable), why, and the controls mapped to each"
    )
    .option('--framework <id>', 'hipaa, gdpr, pci, or an imported catalog')
    .option(
      '--scope <name>',
      'an AWS account (name or id) or organizational unit (repeat); default all accounts',
      collect
    )
    .option('--period-start <YYYY-MM-DD>', 'start of the audit period (default: the register’s)')
    .option('--period-end <YYYY-MM-DD>', 'end of the audit period (default: the register’s)')
    .option('--json', 'print the result as JSON')
    .action(async (options: RequirementsOptions, command: Command) => {
      if (!options.framework)
        throw new CliError('Name the framework with --framework (hipaa, gdpr or pci).', EXIT.usage)
      await withSession(command.optsWithGlobals<GlobalOptions>(), { create: false }, async (session) => {
        const framework = resolveFramework(session.register, options.framework!)
        const registerPeriod = session.register.settings.auditPeriod()
        const period = parseWith(auditPeriodSchema, {
          start:
            options.periodStart ?? (options.periodEnd ? yearEndingOn(options.periodEnd).start : registerPeriod.start),
          end: options.periodEnd ?? registerPeriod.end
        })
        const scope = resolveScope(session.register, options.scope ?? [])
        const nodes = (await session.call('frameworks:tree', { framework, period, scope })).filter(
          (node) => node.assessable
        )
        if (options.json) {
          output.json(
            nodes.map((node) => ({
              ref: node.ref,
              title: node.title,
              controls: node.controls.map((c) => c.id),
              result: node.result,
              reasons: node.reasons,
              ...(node.specification ? { specification: node.specification } : {}),
              ...(node.specification === 'Addressable' ? { decision: node.decision } : {})
            }))
          )
          return
        }
        output.table(
          ['REF', 'TITLE', 'RESULT', 'WHY', 'CONTROLS'],
          nodes.map((node) => [
            node.ref,
            node.title,
            node.result ? RESULT_LABELS[node.result] : '',
            node.result === 'in-place' ? '' : node.reasons.join(' '),
            node.controls.map((c) => c.id).join(' ') || '(none)'
          ])
        )
      })
    })

  requirements
    .command('decide')
    .description('record the decision for a HIPAA addressable implementation specification, with its rationale')
    .requiredOption('--framework <id>', 'hipaa')
    .requiredOption('--ref <ref>', 'the specification, such as 164.312(a)(2)(iv)')
    .requiredOption('--decision <decision>', 'implemented, alternative or not-reasonable (none removes it)')
    .option('--rationale <text>', 'why: what the auditor reads', '')
    .option('--json', 'print the requirement as JSON')
    .action(
      async (
        options: { framework: string; ref: string; decision: string; rationale: string; json?: boolean },
        command: Command
      ) => {
        await withSession(command.optsWithGlobals<GlobalOptions>(), { create: false }, async (session) => {
          const framework = resolveFramework(session.register, options.framework)
          const node = await session.call('requirements:decide', {
            framework,
            ref: options.ref,
            decision: options.decision === 'none' ? null : (options.decision as 'implemented'),
            rationale: options.rationale
          })
          if (options.json) {
            output.json({ ref: node.ref, result: node.result, reasons: node.reasons, decision: node.decision })
            return
          }
          output.line(
            node.decision
              ? `${node.ref}: ${ADDRESSABLE_DECISION_LABELS[node.decision.decision]} (${node.decision.rationale})`
              : `${node.ref}: no decision recorded`
          )
          output.line(`Result: ${node.result ? RESULT_LABELS[node.result] : '—'}`)
        })
      }
    )
}

interface RequirementsOptions {
  framework?: string
  scope?: string[]
  periodStart?: string
  periodEnd?: string
  json?: boolean
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value]
