import type { Command } from 'commander'
import { frameworkIdSchema } from '../../shared/schemas'
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
          output.json(frameworks.map(({ id, name, version, requirements }) => ({ id, name, version, requirements })))
          return
        }
        output.table(
          ['ID', 'FRAMEWORK', 'VERSION', 'REQUIREMENTS', 'COVERED'],
          frameworks.map((f) => [
            f.id,
            f.name,
            f.version,
            String(f.requirements),
            `${f.covered}/${f.requirements - f.notApplicable} (${Math.round(f.coverage * 100)}%)`
          ])
        )
      })
    })

  program
    .command('requirements')
    .description("list a framework's requirements and the controls mapped to each")
    .requiredOption('--framework <id>', 'hipaa, gdpr or pci')
    .option('--json', 'print the result as JSON')
    .action(async (options: { framework: string; json?: boolean }, command: Command) => {
      const framework = parseWith(frameworkIdSchema, options.framework)
      await withSession(command.optsWithGlobals<GlobalOptions>(), { create: false }, async (session) => {
        const nodes = (await session.call('frameworks:tree', { framework })).filter((node) => node.assessable)
        if (options.json) {
          output.json(
            nodes.map((node) => ({ ref: node.ref, title: node.title, controls: node.controls.map((c) => c.id) }))
          )
          return
        }
        output.table(
          ['REF', 'TITLE', 'CONTROLS'],
          nodes.map((node) => [
            node.ref,
            node.title,
            node.applicable
              ? node.controls.map((c) => c.id).join(' ') || '(none)'
              : `not applicable: ${node.scopingReason ?? ''}`
          ])
        )
      })
    })
}
