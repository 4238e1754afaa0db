import type { AwsAccount } from '../../../shared/types'

/** What a collector script is written for: a pack's accounts and the Regions to read. */
export interface CollectorScope {
  packId: string
  packName: string
  accounts: Pick<AwsAccount, 'accountId' | 'name'>[]
  regions: string[]
  /** The day the script was written (YYYY-MM-DD). */
  writtenOn: string
}

/** Characters that could end a comment line or smuggle a command into a script. */
const commentText = (text: string): string => text.replace(/[^\p{L}\p{N} .,:;()/&+'-]/gu, ' ').slice(0, 120)

/** The comment at the top of both scripts: what it does, what it needs, and how to bring its ZIP back. */
export function scriptHeader(scope: CollectorScope, comment: '#'): string {
  const accounts = scope.accounts.length
    ? scope.accounts.map((account) => `${account.accountId} (${commentText(account.name)})`).join(', ')
    : 'the account you are signed in to'
  return [
    `Evidence Desk collector for the pack "${commentText(scope.packName)}" (${commentText(scope.packId)}), written ${scope.writtenOn}.`,
    '',
    'It makes only read-only AWS CLI calls (describe, get and list): the AWS managed policy',
    'SecurityAudit is enough, and nothing in your accounts is changed. It gathers IAM, CloudTrail,',
    'KMS, Security Hub, GuardDuty, Inspector, Access Analyzer, Backup, Macie and Config exports into',
    'one ZIP with a manifest of every call, when it ran and how it ended. Evidence Desk never sees',
    'your AWS credentials: the script runs with yours, where you run it (AWS CloudShell is easiest).',
    '',
    `Accounts: ${accounts}`,
    `Regions: ${scope.regions.length ? scope.regions.join(', ') : 'the Region the CLI is set to'}`,
    '',
    'Accounts other than the one you are signed in to are read through a role you may assume in',
    'each of them: set COLLECTOR_ROLE to its name (a role with SecurityAudit), or they are skipped.',
    'Import the ZIP it writes with: evidence-desk collector import FILE.zip (or in the app)'
  ]
    .map((line) => (line ? `${comment} ${line}` : comment))
    .join('\n')
}
