import type { Register } from '../main/core/register'
import { frameworkIdSchema } from '../shared/schemas'
import type { PackScope } from '../shared/types'
import { CliError } from './cli-error'
import { EXIT } from './exit-codes'
import { parseWith } from './parse'

/** A framework named on the command line: one of the register's (built in, or imported); bad usage otherwise. */
export function resolveFramework(register: Register, value: string): string {
  const framework = parseWith(frameworkIdSchema, value)
  if (register.frameworks.isKnown(framework)) return framework
  const known = register.compliance.frameworkIds().join(', ')
  throw new CliError(`Unknown framework "${value}". Use one of: ${known}.`, EXIT.usage)
}

/** Names on the command line (account names, account ids or organizational units) as a scope. */
export function resolveScope(register: Register, names: string[]): PackScope {
  const accounts = register.organisation.accounts()
  const units = register.organisation.organizationalUnits()
  const scope: PackScope = { accounts: [], organizationalUnits: [] }
  for (const name of names) {
    const wanted = name.trim().toLowerCase()
    const account = accounts.find(
      (candidate) => candidate.name.toLowerCase() === wanted || candidate.accountId === wanted
    )
    if (account) {
      scope.accounts.push(account.accountId)
      continue
    }
    const unit =
      units.find((candidate) => candidate.name.toLowerCase() === wanted)?.name ??
      accounts.find((candidate) => candidate.organizationalUnit.toLowerCase() === wanted)?.organizationalUnit
    if (unit) {
      scope.organizationalUnits.push(unit)
      continue
    }
    const known = accounts.map((candidate) => candidate.name).join(', ') || 'none recorded'
    throw new CliError(
      `Unknown scope "${name}". Name an AWS account or organizational unit (accounts: ${known}).`,
      EXIT.usage
    )
  }
  return scope
}
