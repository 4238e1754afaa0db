import type { EvidenceKind } from '../../../../shared/domain'
import type { ExportSummary } from '../../../../shared/types'
import { SummaryBuilder } from './summary-builder'

type Json = Record<string, unknown>
type Rows = Record<string, string>[]

export interface RecognisedExport {
  summary: ExportSummary
  kind: EvidenceKind
}

interface JsonRecogniser {
  matches(data: unknown): boolean
  summarise(data: unknown): RecognisedExport
}

interface CsvRecogniser {
  matches(headers: string[]): boolean
  summarise(rows: Rows): RecognisedExport
}

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)
const list = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isObject) : [])
const parseJsonString = (value: unknown): unknown => {
  if (typeof value !== 'string') return value
  try {
    return JSON.parse(value) as unknown
  } catch {
    return undefined
  }
}

/** GuardDuty's numeric severities, in its own bands. */
function guardDutySeverity(value: unknown): string {
  const severity = typeof value === 'number' ? value : Number(value)
  if (severity >= 9) return 'Critical'
  if (severity >= 7) return 'High'
  if (severity >= 4) return 'Medium'
  return 'Low'
}

const titleCase = (value: unknown): string =>
  typeof value === 'string' && value ? value.charAt(0).toUpperCase() + value.slice(1).toLowerCase() : 'Unknown'

function guardDutyFindings(data: unknown): Json[] {
  const findings = isObject(data) ? list(data.Findings) : list(data)
  return findings.filter(
    (finding) => typeof finding.Severity === 'number' && 'Type' in finding && 'AccountId' in finding
  )
}

function policyStatements(document: unknown): Json[] {
  const parsed = parseJsonString(document)
  if (!isObject(parsed)) return []
  return Array.isArray(parsed.Statement) ? list(parsed.Statement) : isObject(parsed.Statement) ? [parsed.Statement] : []
}

function actionsOf(statement: Json): string[] {
  const action = statement.Action
  return (Array.isArray(action) ? action : [action]).filter((item): item is string => typeof item === 'string')
}

function principalArns(statement: Json): string[] {
  const principal = statement.Principal
  if (typeof principal === 'string') return [principal]
  if (!isObject(principal)) return []
  return Object.values(principal)
    .flatMap((value) => (Array.isArray(value) ? value : [value]))
    .filter((v): v is string => typeof v === 'string')
}

const JSON_RECOGNISERS: JsonRecogniser[] = [
  {
    // aws guardduty get-findings
    matches: (data) => guardDutyFindings(data).length > 0,
    summarise(data) {
      const summary = new SummaryBuilder('guardduty-findings', 'GuardDuty findings', 'GuardDuty')
      for (const finding of guardDutyFindings(data)) {
        summary.records++
        summary
          .count(guardDutySeverity(finding.Severity))
          .account(finding.AccountId)
          .date(finding.CreatedAt)
          .date(finding.UpdatedAt)
      }
      return { summary: summary.build(), kind: 'finding-export' }
    }
  },
  {
    // Security Hub (AWS Security Finding Format)
    matches: (data) => isObject(data) && list(data.Findings).some((f) => isObject(f.Severity) && 'AwsAccountId' in f),
    summarise(data) {
      const summary = new SummaryBuilder('securityhub-findings', 'Security Hub findings', 'Security Hub')
      for (const finding of list((data as Json).Findings)) {
        summary.records++
        const severity = isObject(finding.Severity) ? finding.Severity.Label : undefined
        summary.count(titleCase(severity)).account(finding.AwsAccountId).date(finding.CreatedAt).date(finding.UpdatedAt)
      }
      return { summary: summary.build(), kind: 'finding-export' }
    }
  },
  {
    // aws inspector2 list-findings
    matches: (data) =>
      isObject(data) &&
      list(data.findings).some((f) => typeof f.severity === 'string' && ('awsAccountId' in f || 'findingArn' in f)),
    summarise(data) {
      const summary = new SummaryBuilder('inspector-findings', 'Amazon Inspector findings', 'Inspector')
      for (const finding of list((data as Json).findings)) {
        summary.records++
        summary
          .count(titleCase(finding.severity))
          .account(finding.awsAccountId)
          .date(finding.firstObservedAt)
          .date(finding.lastObservedAt)
        if (finding.status === 'ACTIVE') summary.count('Active (open)')
      }
      return { summary: summary.build(), kind: 'finding-export' }
    }
  },
  {
    // aws organizations list-policies --filter SERVICE_CONTROL_POLICY
    matches: (data) => isObject(data) && list(data.Policies).some((p) => p.Type === 'SERVICE_CONTROL_POLICY'),
    summarise(data) {
      const summary = new SummaryBuilder('organizations-scps', 'Service control policies', 'Organizations')
      for (const policy of list((data as Json).Policies)) {
        summary.records++
        summary.count(policy.AwsManaged === true ? 'AWS managed' : 'Customer managed').accountOfArn(policy.Arn)
        if (typeof policy.Name === 'string') summary.highlights.push(policy.Name)
      }
      return { summary: summary.build(), kind: 'config-export' }
    }
  },
  {
    // aws organizations describe-policy (one SCP with its content)
    matches: (data) =>
      isObject(data) &&
      isObject(data.Policy) &&
      isObject(data.Policy.PolicySummary) &&
      data.Policy.PolicySummary.Type === 'SERVICE_CONTROL_POLICY',
    summarise(data) {
      const policy = (data as Json).Policy as Json
      const policySummary = policy.PolicySummary as Json
      const summary = new SummaryBuilder('organizations-scp', 'Service control policy', 'Organizations')
      summary.records = 1
      summary.accountOfArn(policySummary.Arn)
      for (const statement of policyStatements(policy.Content))
        summary.count(`${statement.Effect ?? 'Unknown'} statements`)
      if (typeof policySummary.Name === 'string') summary.highlights.push(policySummary.Name)
      return { summary: summary.build(), kind: 'config-export' }
    }
  },
  {
    // aws kms get-key-policy, or a key policy document
    matches: (data) => {
      const document = isObject(data) && 'Policy' in data && typeof data.Policy === 'string' ? data.Policy : data
      return policyStatements(document).some((statement) =>
        actionsOf(statement).some((action) => action.startsWith('kms:'))
      )
    },
    summarise(data) {
      const document = isObject(data) && typeof data.Policy === 'string' ? data.Policy : data
      const summary = new SummaryBuilder('kms-key-policy', 'KMS key policy', 'KMS')
      const statements = policyStatements(document)
      summary.records = statements.length
      for (const statement of statements) {
        summary.count(`${statement.Effect ?? 'Unknown'} statements`)
        for (const arn of principalArns(statement)) summary.accountOfArn(arn)
        if (actionsOf(statement).includes('kms:*'))
          summary.highlights.push(`Full key access: ${String(statement.Sid ?? 'unnamed statement')}`)
      }
      return { summary: summary.build(), kind: 'config-export' }
    }
  },
  {
    // aws wafv2 get-web-acl / list-web-acls
    matches: (data) => isObject(data) && (isObject(data.WebACL) || list(data.WebACLs).length > 0),
    summarise(data) {
      const acls = isObject((data as Json).WebACL) ? [(data as Json).WebACL as Json] : list((data as Json).WebACLs)
      const summary = new SummaryBuilder('waf-web-acls', 'WAF web ACLs', 'WAF')
      for (const acl of acls) {
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
      return { summary: summary.build(), kind: 'config-export' }
    }
  },
  {
    // aws configservice describe-(aggregate-)compliance-by-config-rule(s)
    matches: (data) =>
      isObject(data) &&
      (Array.isArray(data.ComplianceByConfigRules) || Array.isArray(data.AggregateComplianceByConfigRules)),
    summarise(data) {
      const rules = list((data as Json).ComplianceByConfigRules ?? (data as Json).AggregateComplianceByConfigRules)
      const summary = new SummaryBuilder('config-compliance', 'AWS Config rule compliance', 'Config')
      for (const rule of rules) {
        summary.records++
        const compliance = isObject(rule.Compliance) ? rule.Compliance.ComplianceType : undefined
        summary.count(String(compliance ?? 'UNKNOWN')).account(rule.AccountId)
      }
      return { summary: summary.build(), kind: 'config-export' }
    }
  },
  {
    // aws configservice get-compliance-details-by-config-rule
    matches: (data) => isObject(data) && list(data.EvaluationResults).some((r) => 'ComplianceType' in r),
    summarise(data) {
      const summary = new SummaryBuilder('config-evaluations', 'AWS Config evaluation results', 'Config')
      for (const result of list((data as Json).EvaluationResults)) {
        summary.records++
        summary.count(String(result.ComplianceType)).date(result.ResultRecordedTime)
        const identifier = isObject(result.EvaluationResultIdentifier) ? result.EvaluationResultIdentifier : {}
        summary.date(identifier.OrderingTimestamp)
      }
      return { summary: summary.build(), kind: 'config-export' }
    }
  }
]

const CSV_RECOGNISERS: CsvRecogniser[] = [
  {
    // aws iam generate-credential-report / get-credential-report
    matches: (headers) =>
      ['user', 'arn', 'user_creation_time', 'password_enabled', 'mfa_active'].every((h) => headers.includes(h)),
    summarise(rows) {
      const summary = new SummaryBuilder('iam-credential-report', 'IAM credential report', 'IAM')
      for (const row of rows) {
        summary.records++
        summary.accountOfArn(row.arn).date(row.user_creation_time)
        for (const key of ['password_last_used', 'access_key_1_last_used_date', 'access_key_2_last_used_date'])
          summary.date(row[key])
        if (row.user === '<root_account>') summary.count('Root user')
        else summary.count('Users')
        if (row.password_enabled === 'true' && row.mfa_active !== 'true') summary.count('Console password without MFA')
        if (row.access_key_1_active === 'true' || row.access_key_2_active === 'true')
          summary.count('Active access keys')
      }
      return { summary: summary.build(), kind: 'config-export' }
    }
  },
  {
    // Amazon Inspector findings exported as CSV from the console
    matches: (headers) => headers.some((h) => /^severity$/i.test(h)) && headers.some((h) => /aws account id/i.test(h)),
    summarise(rows) {
      const summary = new SummaryBuilder('inspector-findings', 'Amazon Inspector findings', 'Inspector')
      for (const row of rows) {
        summary.records++
        const get = (pattern: RegExp): string | undefined => Object.entries(row).find(([key]) => pattern.test(key))?.[1]
        summary
          .count(titleCase(get(/^severity$/i)))
          .account(get(/aws account id/i))
          .date(get(/first (seen|observed)/i))
          .date(get(/last (seen|observed)/i))
      }
      return { summary: summary.build(), kind: 'finding-export' }
    }
  }
]

/** Recognises an export of an AWS service by its shape and summarises it; undefined for anything else. */
export async function recogniseExport(content: Buffer, mediaType: string): Promise<RecognisedExport | undefined> {
  const text = content.toString('utf8').replace(/^\ufeff/, '')
  if (mediaType === 'application/json') {
    let data: unknown
    try {
      data = JSON.parse(text)
    } catch {
      return undefined
    }
    return JSON_RECOGNISERS.find((recogniser) => recogniser.matches(data))?.summarise(data)
  }
  if (mediaType === 'text/csv' || mediaType === 'text/plain') {
    const { parse } = await import('csv-parse/sync')
    let rows: Rows
    try {
      rows = parse(text, { columns: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as Rows
    } catch {
      return undefined
    }
    const headers = rows.length ? Object.keys(rows[0]!) : []
    return CSV_RECOGNISERS.find((recogniser) => recogniser.matches(headers))?.summarise(rows)
  }
  return undefined
}
