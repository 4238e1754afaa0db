import type { Command } from 'commander'
import type { Output } from '../output'
import { withSession, type GlobalOptions } from '../session'

export function registerInitCommand(program: Command, output: Output): void {
  program
    .command('init')
    .description('create or open the register, run migrations, load the catalogs and the starter library')
    .option('--sample', 'also load the sample organisation (a coffee-shop chain on AWS)')
    .option('--json', 'print the result as JSON')
    .action(async (options: { sample?: boolean; json?: boolean }, command: Command) => {
      await withSession(command.optsWithGlobals<GlobalOptions>(), { create: true }, async (session) => {
        if (options.sample) await session.call('app:loadSample')
        const info = await session.call('app:info')
        const frameworks = await session.call('frameworks:list')
        if (options.json) {
          output.json({
            dataDir: info.dataDir,
            register: info.registerPath,
            registerName: info.registerName,
            organisation: info.organisationName,
            sample: info.hasSampleOrganisation,
            schemaVersion: info.schemaVersion,
            controls: info.counts.controls,
            frameworks: frameworks.map(({ id, name, version, requirements }) => ({ id, name, version, requirements }))
          })
          return
        }
        output.line(`Register ready: ${info.registerPath}`)
        if (info.organisationName) output.line(`Organisation: ${info.organisationName}`)
        output.line(`Controls: ${info.counts.controls}`)
        for (const framework of frameworks) {
          output.line(`${framework.name} ${framework.version}: ${framework.requirements} requirements`)
        }
      })
    })
}
