import { firstOf, isObject, list, type ExportParser, type Json } from '../export-parser'
import { summaryRun, SummaryBuilder } from './simple-run'

const isWebAcl = (value: unknown): value is Json => isObject(value) && typeof value.ARN === 'string' && 'Name' in value

/** aws wafv2 get-web-acl and list-web-acls. */
export const wafWebAcls: ExportParser = {
  id: 'waf-web-acls',
  input: 'json',
  matches: (probe) =>
    (probe.input === 'json' && isWebAcl(probe.members.WebACL)) || isWebAcl(firstOf(probe, ['WebACLs'])),
  start() {
    const summary = new SummaryBuilder('waf-web-acls', 'WAF web ACLs', 'WAF')
    const add = (acl: Json): void => {
      summary.records++
      summary.accountOfArn(acl.ARN)
      for (const rule of list(acl.Rules)) {
        summary.count(
          isObject(rule.Statement) && 'ManagedRuleGroupStatement' in rule.Statement
            ? 'Managed rule groups'
            : 'Custom rules'
        )
      }
      if (typeof acl.Name === 'string') summary.highlights.push(acl.Name)
    }
    return summaryRun(summary, 'config-export', {
      member: (key, value) => (key === 'WebACL' && isWebAcl(value) ? add(value) : undefined),
      record: (key, value) => (key === 'WebACLs' && isWebAcl(value) ? add(value) : undefined)
    })
  }
}
