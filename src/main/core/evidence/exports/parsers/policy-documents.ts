import { firstOf, isObject, list, type ExportParser, type Json, type Probe } from '../export-parser'
import { summaryRun, SummaryBuilder } from './simple-run'

export function parseJsonText(value: unknown): unknown {
  if (typeof value !== 'string') return value
  try {
    return JSON.parse(value) as unknown
  } catch {
    return undefined
  }
}

export function statementsOf(document: unknown): Json[] {
  const parsed = parseJsonText(document)
  if (!isObject(parsed)) return []
  return Array.isArray(parsed.Statement) ? list(parsed.Statement) : isObject(parsed.Statement) ? [parsed.Statement] : []
}

export function actionsOf(statement: Json): string[] {
  const action = statement.Action ?? statement.NotAction
  return (Array.isArray(action) ? action : [action]).filter((item): item is string => typeof item === 'string')
}

function principalArns(statement: Json): string[] {
  const principal = statement.Principal
  if (typeof principal === 'string') return [principal]
  if (!isObject(principal)) return []
  return Object.values(principal)
    .flatMap((value) => (Array.isArray(value) ? value : [value]))
    .filter((value): value is string => typeof value === 'string')
}

/**
 * A key policy names principals in every statement and only KMS actions (it is attached to a key);
 * a policy with no principal is an identity policy or a service control policy, whatever its actions.
 */
const isKeyPolicyStatement = (statement: Json): boolean =>
  'Principal' in statement &&
  actionsOf(statement).length > 0 &&
  actionsOf(statement).every((action) => /^kms:/i.test(action))

const isStatement = (value: unknown): value is Json =>
  isObject(value) && 'Effect' in value && ('Action' in value || 'NotAction' in value)

/** The statements at hand: get-key-policy's Policy text, a document's Statement object, or its first streamed statement. */
function probeStatements(probe: Probe): Json[] | undefined {
  if (probe.input !== 'json') return undefined
  if (typeof probe.members.Policy === 'string') return statementsOf(probe.members.Policy)
  if (isStatement(probe.members.Statement)) return [probe.members.Statement]
  const first = firstOf(probe, ['Statement'])
  return first && isStatement(first) ? [first] : undefined
}

function describeStatements(summary: SummaryBuilder, statements: Json[]): void {
  for (const statement of statements) {
    summary.records++
    summary.count(`${typeof statement.Effect === 'string' ? statement.Effect : 'Unknown'} statements`)
    for (const arn of principalArns(statement)) summary.accountOfArn(arn)
    const actions = actionsOf(statement)
    if (actions.includes('kms:*') && statement.Effect === 'Allow') {
      summary.highlights.push(`Full key access: ${String(statement.Sid ?? 'unnamed statement')}`)
    }
    if (statement.Effect === 'Deny' && !('Principal' in statement)) {
      summary.highlights.push(`Denies ${actions.slice(0, 5).join(', ')}${actions.length > 5 ? ', ...' : ''}`)
    }
  }
}

/** aws kms get-key-policy, or a key policy document saved as it is. */
export const kmsKeyPolicy: ExportParser = {
  id: 'kms-key-policy',
  input: 'json',
  matches: (probe) => {
    const statements = probeStatements(probe)
    return !!statements?.length && statements.some(isKeyPolicyStatement) && statements.every((s) => 'Principal' in s)
  },
  start() {
    const summary = new SummaryBuilder('kms-key-policy', 'KMS key policy', 'KMS')
    return policyRun(summary)
  }
}

/** An IAM identity policy or a service control policy document (no principals). */
export const policyDocument: ExportParser = {
  id: 'policy-document',
  input: 'json',
  matches: (probe) => {
    const statements = probeStatements(probe)
    return !!statements?.length && statements.every((statement) => !('Principal' in statement))
  },
  start() {
    const summary = new SummaryBuilder('policy-document', 'IAM or service control policy document', 'IAM')
    return policyRun(summary)
  }
}

function policyRun(summary: SummaryBuilder) {
  return summaryRun(summary, 'config-export', {
    member(key, value) {
      if (key === 'Policy') describeStatements(summary, statementsOf(value))
      if (key === 'Statement' && isStatement(value)) describeStatements(summary, [value])
    },
    record(key, value) {
      if (key === 'Statement' && isStatement(value)) describeStatements(summary, [value])
    }
  })
}
