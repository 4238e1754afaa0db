import type { Command } from 'commander'
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { AwsAccount, Person } from '../../shared/types'
import { CliError } from '../cli-error'
import { EXIT } from '../exit-codes'
import type { Output } from '../output'
import { resolveFramework } from '../resolve'
import { withSession, type GlobalOptions, type Session } from '../session'

const collect = (value: string, previous: string[] = []): string[] => [...previous, value]

function printAccounts(output: Output, accounts: AwsAccount[]): void {
  output.table(
    ['ACCOUNT', 'NAME', 'OU', 'ENVIRONMENT', 'PURPOSE'],
    accounts.map((account) => [
      account.accountId,
      account.name + (account.retired ? ' (retired)' : ''),
      account.organizationalUnit,
      account.environment,
      account.purpose
    ])
  )
}

/** A person named on the command line by id or by name. */
function personOf(session: Session, nameOrId: string): Person {
  const byId = /^\d+$/.test(nameOrId)
    ? session.register.organisation.people().find((p) => String(p.id) === nameOrId)
    : undefined
  const person = byId ?? session.register.organisation.personByName(nameOrId)
  if (!person) throw new CliError(`There is no person "${nameOrId}". List the people to see them.`, EXIT.notFound)
  return person
}

/** The organisation, its AWS accounts and its people: `org`, `accounts` and `people`. */
export function registerOrganisationCommands(program: Command, output: Output): void {
  const org = program
    .command('org')
    .description('the organisation: its name, description and frameworks, and who you are')

  org
    .command('show')
    .description('show the organisation')
    .option('--json', 'print the result as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withSession(command.optsWithGlobals<GlobalOptions>(), { create: false }, async (session) => {
        const organisation = await session.call('org:get')
        if (options.json) return output.json(organisation)
        output.line(`Organisation:  ${organisation.name ?? '(not set)'}`)
        output.line(`Register:      ${organisation.registerName}`)
        output.line(`Frameworks:    ${organisation.frameworks.join(', ') || '(all in the register)'}`)
        output.line(
          `You:           ${organisation.you ?? '(not set: changes are recorded under the operating-system user)'}`
        )
        if (organisation.description) output.line(`\n${organisation.description}`)
      })
    })

  org
    .command('set')
    .description('change the organisation; every change is audited')
    .option('--name <name>', "the organisation's name")
    .option('--description <text>', 'what it does and what is in scope, in a few sentences')
    .option('--framework <id>', 'a framework it is audited against (repeat; replaces the list)', collect)
    .option('--register-name <name>', "this register's name, shown in the window title")
    .option('--you <name>', 'the person using this register: one of the people')
    .option('--json', 'print the result as JSON')
    .action(
      async (
        options: {
          name?: string
          description?: string
          framework?: string[]
          registerName?: string
          you?: string
          json?: boolean
        },
        command: Command
      ) => {
        await withSession(command.optsWithGlobals<GlobalOptions>(), { create: false }, async (session) => {
          const patch = {
            ...(options.name !== undefined ? { name: options.name } : {}),
            ...(options.description !== undefined ? { description: options.description } : {}),
            ...(options.framework
              ? { frameworks: options.framework.map((id) => resolveFramework(session.register, id)) }
              : {}),
            ...(options.registerName !== undefined ? { registerName: options.registerName } : {}),
            ...(options.you !== undefined ? { you: options.you } : {})
          }
          if (Object.keys(patch).length === 0) {
            throw new CliError(
              'Nothing to change: give at least one of --name, --description, --framework, --register-name, --you.',
              EXIT.usage
            )
          }
          const organisation = await session.call('org:update', patch)
          if (options.json) output.json(organisation)
          else output.line(`Organisation updated: ${organisation.name ?? '(no name)'}.`)
        })
      }
    )

  const accounts = program.command('accounts').description("the organisation's AWS accounts")

  accounts
    .command('list')
    .description('list the AWS accounts (retired ones too)')
    .option('--json', 'print the result as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withSession(command.optsWithGlobals<GlobalOptions>(), { create: false }, async (session) => {
        const list = await session.call('accounts:list')
        if (options.json) return output.json(list)
        if (list.length === 0)
          output.note('No AWS accounts recorded. Add one with "accounts add" or "accounts import".')
        else printAccounts(output, list)
      })
    })

  accounts
    .command('add')
    .description('record an AWS account')
    .requiredOption('--id <account-id>', 'the 12-digit AWS account id')
    .requiredOption('--name <name>', 'what the organisation calls it (Production)')
    .option('--environment <environment>', 'production, staging, development…')
    .option('--purpose <text>', 'what runs there, and which frameworks it is in scope for')
    .option('--ou <name>', 'its organizational unit')
    .option('--json', 'print the result as JSON')
    .action(
      async (
        options: { id: string; name: string; environment?: string; purpose?: string; ou?: string; json?: boolean },
        command: Command
      ) => {
        await withSession(command.optsWithGlobals<GlobalOptions>(), { create: false }, async (session) => {
          const account = await session.call('accounts:add', {
            accountId: options.id.trim(),
            name: options.name,
            ...(options.environment !== undefined ? { environment: options.environment } : {}),
            ...(options.purpose !== undefined ? { purpose: options.purpose } : {}),
            ...(options.ou !== undefined ? { organizationalUnit: options.ou } : {})
          })
          if (options.json) output.json(account)
          else output.line(`Added AWS account ${account.name} (${account.accountId}).`)
        })
      }
    )

  accounts
    .command('set')
    .description('change an AWS account')
    .argument('<account-id>', 'the 12-digit AWS account id')
    .option('--name <name>', 'its name')
    .option('--environment <environment>', 'its environment')
    .option('--purpose <text>', 'what runs there')
    .option('--ou <name>', 'its organizational unit')
    .option('--json', 'print the result as JSON')
    .action(
      async (
        accountId: string,
        options: { name?: string; environment?: string; purpose?: string; ou?: string; json?: boolean },
        command: Command
      ) => {
        const patch = {
          ...(options.name !== undefined ? { name: options.name } : {}),
          ...(options.environment !== undefined ? { environment: options.environment } : {}),
          ...(options.purpose !== undefined ? { purpose: options.purpose } : {}),
          ...(options.ou !== undefined ? { organizationalUnit: options.ou } : {})
        }
        if (Object.keys(patch).length === 0) {
          throw new CliError(
            'Nothing to change: give at least one of --name, --environment, --purpose, --ou.',
            EXIT.usage
          )
        }
        await withSession(command.optsWithGlobals<GlobalOptions>(), { create: false }, async (session) => {
          const account = await session.call('accounts:update', { accountId: accountId.trim(), patch })
          if (options.json) output.json(account)
          else output.line(`Updated AWS account ${account.name} (${account.accountId}).`)
        })
      }
    )

  accounts
    .command('retire')
    .description('retire an AWS account: evidence and packs keep naming it, but it is no longer offered')
    .argument('<account-id>', 'the 12-digit AWS account id')
    .option('--json', 'print the result as JSON')
    .action(async (accountId: string, options: { json?: boolean }, command: Command) => {
      await withSession(command.optsWithGlobals<GlobalOptions>(), { create: false }, async (session) => {
        const account = await session.call('accounts:update', { accountId: accountId.trim(), patch: { retired: true } })
        if (options.json) output.json(account)
        else output.line(`Retired AWS account ${account.name} (${account.accountId}).`)
      })
    })

  accounts
    .command('import')
    .description(
      'import the JSON of aws organizations list-accounts, list-accounts-for-parent or list-organizational-units-for-parent'
    )
    .argument('<file>', 'the JSON the AWS CLI printed')
    .option('--ou <name>', 'the organizational unit the listed accounts belong to (for list-accounts-for-parent)')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, options: { ou?: string; json?: boolean }, command: Command) => {
      let text: string
      try {
        text = await readFile(resolve(file), 'utf8')
      } catch {
        throw new CliError(`Cannot read ${file}. Give the file the AWS CLI wrote.`, EXIT.notFound)
      }
      await withSession(command.optsWithGlobals<GlobalOptions>(), { create: false }, async (session) => {
        const result = await session.call('accounts:import', {
          text,
          ...(options.ou !== undefined ? { organizationalUnit: options.ou } : {})
        })
        if (options.json) return output.json(result)
        output.line(
          `${result.added.length} added, ${result.updated.length} updated, ${result.unchanged} unchanged` +
            (result.organizationalUnits.length
              ? `; organizational units: ${result.organizationalUnits.join(', ')}`
              : '')
        )
        if (result.added.length) printAccounts(output, result.added)
      })
    })

  const people = program.command('people').description('the people who own controls and prepare packs')

  people
    .command('list')
    .description('list the people')
    .option('--json', 'print the result as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withSession(command.optsWithGlobals<GlobalOptions>(), { create: false }, async (session) => {
        const list = await session.call('people:list')
        if (options.json) return output.json(list)
        if (list.length === 0) output.note('No people recorded. Add them with "people add".')
        else
          output.table(
            ['ID', 'NAME', 'ROLE', 'E-MAIL'],
            list.map((person) => [
              String(person.id),
              person.name + (person.retired ? ' (retired)' : ''),
              person.role,
              person.email
            ])
          )
      })
    })

  people
    .command('add')
    .description('add a person')
    .requiredOption('--name <name>', 'their name, as owners and the audit log show it')
    .option('--role <role>', 'what they do')
    .option('--email <address>', 'their e-mail address')
    .option('--json', 'print the result as JSON')
    .action(async (options: { name: string; role?: string; email?: string; json?: boolean }, command: Command) => {
      await withSession(command.optsWithGlobals<GlobalOptions>(), { create: false }, async (session) => {
        const person = await session.call('people:add', {
          name: options.name,
          ...(options.role !== undefined ? { role: options.role } : {}),
          ...(options.email !== undefined ? { email: options.email } : {})
        })
        if (options.json) output.json(person)
        else output.line(`Added ${person.name} (id ${person.id}).`)
      })
    })

  people
    .command('set')
    .description('change a person (a new name follows wherever they own controls)')
    .argument('<person>', 'their id or name')
    .option('--name <name>', 'their name')
    .option('--role <role>', 'what they do')
    .option('--email <address>', 'their e-mail address')
    .option('--retire', 'they have left: kept on record, no longer offered')
    .option('--json', 'print the result as JSON')
    .action(
      async (
        nameOrId: string,
        options: { name?: string; role?: string; email?: string; retire?: boolean; json?: boolean },
        command: Command
      ) => {
        const patch = {
          ...(options.name !== undefined ? { name: options.name } : {}),
          ...(options.role !== undefined ? { role: options.role } : {}),
          ...(options.email !== undefined ? { email: options.email } : {}),
          ...(options.retire ? { retired: true } : {})
        }
        if (Object.keys(patch).length === 0) {
          throw new CliError('Nothing to change: give at least one of --name, --role, --email, --retire.', EXIT.usage)
        }
        await withSession(command.optsWithGlobals<GlobalOptions>(), { create: false }, async (session) => {
          const person = await session.call('people:update', { id: personOf(session, nameOrId).id, patch })
          if (options.json) output.json(person)
          else output.line(`Updated ${person.name}.`)
        })
      }
    )
}
