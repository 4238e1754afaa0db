import { firstOf, isObject, list, type ExportParser, type Json } from '../export-parser'
import { summaryRun, SummaryBuilder } from './simple-run'

/** aws iam get-account-password-policy, judged against PCI DSS v4.0.1 8.3.6, 8.3.7 and 8.3.9. */
export const passwordPolicy: ExportParser = {
  id: 'iam-password-policy',
  input: 'json',
  matches: (probe) => probe.input === 'json' && isObject(probe.members.PasswordPolicy),
  start() {
    const summary = new SummaryBuilder('iam-password-policy', 'IAM password policy', 'IAM')
    summary.records = 1
    let policy: Json = {}
    return summaryRun(summary, 'config-export', {
      member(key, value) {
        if (key === 'PasswordPolicy' && isObject(value)) policy = value
      },
      record() {},
      finish() {
        const length = Number(policy.MinimumPasswordLength ?? 0)
        const letters = policy.RequireLowercaseCharacters === true || policy.RequireUppercaseCharacters === true
        const numbers = policy.RequireNumbers === true
        summary.check(
          'pci-8.3.6',
          'Passwords are at least 12 characters with letters and numbers (PCI DSS 8.3.6)',
          length >= 12 && letters && numbers,
          `Minimum length ${length}; letters ${letters ? 'required' : 'not required'}; numbers ${numbers ? 'required' : 'not required'}`
        )
        const reuse = Number(policy.PasswordReusePrevention ?? 0)
        summary.check(
          'pci-8.3.7',
          'A new password differs from the last four (PCI DSS 8.3.7)',
          reuse >= 4,
          reuse ? `The last ${reuse} passwords cannot be reused` : 'Password reuse is not prevented'
        )
        const maxAge = Number(policy.MaxPasswordAge ?? 0)
        summary.check(
          'pci-8.3.9',
          'Passwords used as the only factor change at least every 90 days (PCI DSS 8.3.9)',
          maxAge > 0 && maxAge <= 90,
          maxAge
            ? `Passwords expire after ${maxAge} days`
            : 'Passwords never expire (acceptable only where MFA or dynamic analysis of the account applies)'
        )
      }
    })
  }
}

const isPrincipalDetail = (value: unknown): value is Json =>
  isObject(value) &&
  typeof value.Arn === 'string' &&
  ('UserName' in value || 'GroupName' in value || 'RoleName' in value)

const ADMINISTRATOR = /:policy\/AdministratorAccess$/

/** aws iam get-account-authorization-details: who may do what, and where permissions are attached. */
export const authorizationDetails: ExportParser = {
  id: 'iam-authorization-details',
  input: 'json',
  matches: (probe) => isPrincipalDetail(firstOf(probe, ['UserDetailList', 'GroupDetailList', 'RoleDetailList'])),
  start() {
    const summary = new SummaryBuilder('iam-authorization-details', 'IAM account authorization details', 'IAM')
    const direct: string[] = []
    const administrators: string[] = []
    return summaryRun(summary, 'config-export', {
      record(key, value) {
        if (!isObject(value)) return
        summary.accountOfArn(value.Arn)
        if (key === 'UserDetailList') {
          summary.records++
          summary.count('Users').date(value.CreateDate)
          const attached = list(value.AttachedManagedPolicies)
          if (attached.length || list(value.UserPolicyList).length) direct.push(String(value.UserName))
          if (attached.some((policy) => ADMINISTRATOR.test(String(policy.PolicyArn))))
            administrators.push(String(value.UserName))
        } else if (key === 'GroupDetailList') {
          summary.records++
          summary.count('Groups')
        } else if (key === 'RoleDetailList') {
          summary.records++
          summary.count('Roles')
        } else if (key === 'Policies') summary.count('Managed policies')
      },
      finish() {
        summary.check(
          'no-direct-user-policies',
          'Users get permissions through groups or roles, not policies attached to them',
          direct.length === 0,
          direct.length
            ? `Policies attached directly to: ${direct.slice(0, 10).join(', ')}`
            : 'No user has a policy of its own'
        )
        summary.check(
          'no-user-administrator',
          'No IAM user has AdministratorAccess attached directly',
          administrators.length === 0,
          administrators.length ? `AdministratorAccess on: ${administrators.slice(0, 10).join(', ')}` : 'None'
        )
      }
    })
  }
}
