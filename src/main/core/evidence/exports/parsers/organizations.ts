import { firstOf, isObject, type ExportParser, type Json } from '../export-parser'
import { describePolicyTypes } from './organizations-labels'
import { statementsOf, actionsOf } from './policy-documents'
import { summaryRun, SummaryBuilder } from './simple-run'

const isOrganizationsPolicy = (value: unknown): value is Json =>
  isObject(value) &&
  typeof value.Type === 'string' &&
  typeof value.Arn === 'string' &&
  String(value.Arn).includes(':organizations:')

/** aws organizations list-policies (service control policies and the other policy types). */
export const organizationsPolicies: ExportParser = {
  id: 'organizations-scps',
  input: 'json',
  matches: (probe) => isOrganizationsPolicy(firstOf(probe, ['Policies'])),
  start() {
    const summary = new SummaryBuilder('organizations-scps', 'Service control policies', 'Organizations')
    return summaryRun(summary, 'config-export', {
      record(key, value) {
        if (key !== 'Policies' || !isOrganizationsPolicy(value)) return
        summary.records++
        summary.count(value.AwsManaged === true ? 'AWS managed' : 'Customer managed').accountOfArn(value.Arn)
        if (value.Type !== 'SERVICE_CONTROL_POLICY') summary.count(describePolicyTypes(String(value.Type)))
        if (typeof value.Name === 'string') summary.highlights.push(value.Name)
      }
    })
  }
}

/** aws organizations describe-policy: one policy with its content (a service control policy is labelled as one, whatever it denies). */
export const organizationsPolicy: ExportParser = {
  id: 'organizations-scp',
  input: 'json',
  matches: (probe) =>
    probe.input === 'json' && isObject(probe.members.Policy) && isObject(probe.members.Policy.PolicySummary),
  start() {
    let summary: SummaryBuilder | undefined
    let policy: Json = {}
    return {
      member(key, value) {
        if (key === 'Policy' && isObject(value)) policy = value
      },
      record() {},
      finish() {
        const policySummary = isObject(policy.PolicySummary) ? policy.PolicySummary : {}
        const type = String(policySummary.Type ?? '')
        summary =
          type === 'SERVICE_CONTROL_POLICY'
            ? new SummaryBuilder('organizations-scp', 'Service control policy', 'Organizations')
            : new SummaryBuilder('organizations-policy', describePolicyTypes(type), 'Organizations')
        summary.records = 1
        summary.accountOfArn(policySummary.Arn)
        if (typeof policySummary.Name === 'string') summary.highlights.push(policySummary.Name)
        for (const statement of statementsOf(policy.Content)) {
          summary.count(`${typeof statement.Effect === 'string' ? statement.Effect : 'Unknown'} statements`)
          if (statement.Effect === 'Deny')
            summary.highlights.push(`Denies ${actionsOf(statement).slice(0, 5).join(', ')}`)
        }
        return summaryRun(summary, 'config-export', {}).finish()
      }
    }
  }
}
