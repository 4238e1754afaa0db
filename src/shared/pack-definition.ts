import type { PackInput } from './schemas'
import type { AwsAccount, PackDefinition, PackScope } from './types'

/** An empty scope means every AWS account of the organisation. */
export const scopeIsAll = (scope: PackScope): boolean =>
  scope.accounts.length === 0 && scope.organizationalUnits.length === 0

/** Which accounts a scope names (accounts, and every account of the named organizational units). */
export function scopeAccounts(scope: PackScope, accounts: AwsAccount[]): AwsAccount[] {
  if (scopeIsAll(scope)) return accounts
  return accounts.filter(
    (account) =>
      scope.accounts.includes(account.accountId) || scope.organizationalUnits.includes(account.organizationalUnit)
  )
}

/** The scope as the cover of a pack and the packs list state it. */
export function describeScope(scope: PackScope, accounts: AwsAccount[]): string {
  const named = scopeAccounts(scope, accounts)
  if (named.length === accounts.length) return 'All AWS accounts'
  return named.map((account) => `${account.name} (${account.accountId})`).join(', ') || 'No AWS account'
}

/** A saved pack's own fields (what a form edits and a copy carries over), without its id and history. */
export function packInputOf(pack: PackDefinition): PackInput {
  return {
    name: pack.name,
    frameworks: pack.frameworks,
    scope: pack.scope,
    periodStart: pack.periodStart,
    periodEnd: pack.periodEnd,
    organisation: pack.organisation,
    auditor: pack.auditor,
    preparer: pack.preparer,
    scopeStatement: pack.scopeStatement
  }
}
