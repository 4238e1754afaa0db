import { firstOf, isObject, path, text, type ExportParser, type Json, type Probe } from '../export-parser'
import type { FindingState } from '../summary-builder'
import { summaryRun, SummaryBuilder } from './simple-run'

/** AWS Config's compliance types: NON_COMPLIANT is open, COMPLIANT passed, the rest (NOT_APPLICABLE, INSUFFICIENT_DATA) neither. */
function configState(compliance: unknown): FindingState {
  if (compliance === 'NON_COMPLIANT') return 'open'
  if (compliance === 'COMPLIANT') return 'passed'
  return 'other'
}

interface ConfigShape {
  id: string
  label: string
  keys: string[]
  /** Whether a record of this list is one of this shape's, and its compliance type. */
  compliance(record: Json): unknown
  account?(record: Json): unknown
  region?(record: Json): unknown
  dates?(record: Json): unknown[]
}

const SHAPES: ConfigShape[] = [
  {
    // describe-compliance-by-config-rule, describe-aggregate-compliance-by-config-rules
    id: 'config-compliance',
    label: 'AWS Config rule compliance',
    keys: ['ComplianceByConfigRules', 'AggregateComplianceByConfigRules'],
    compliance: (record) => ('ConfigRuleName' in record ? path(record, 'Compliance', 'ComplianceType') : undefined),
    account: (record) => record.AccountId,
    region: (record) => record.AwsRegion
  },
  {
    // describe-compliance-by-resource
    id: 'config-compliance-by-resource',
    label: 'AWS Config compliance by resource',
    keys: ['ComplianceByResources'],
    compliance: (record) => ('ResourceId' in record ? path(record, 'Compliance', 'ComplianceType') : undefined)
  },
  {
    // get-compliance-details-by-config-rule / -by-resource
    id: 'config-evaluations',
    label: 'AWS Config evaluation results',
    keys: ['EvaluationResults'],
    compliance: (record) => record.ComplianceType,
    dates: (record) => [record.ResultRecordedTime, path(record, 'EvaluationResultIdentifier', 'OrderingTimestamp')]
  },
  {
    // get-conformance-pack-compliance-details
    id: 'config-conformance-pack-results',
    label: 'AWS Config conformance pack results',
    keys: ['ConformancePackRuleEvaluationResults'],
    compliance: (record) => record.ComplianceType,
    dates: (record) => [record.ResultRecordedTime, record.ConfigRuleInvokedTime]
  },
  {
    // describe-conformance-pack-compliance
    id: 'config-conformance-pack-compliance',
    label: 'AWS Config conformance pack compliance',
    keys: ['ConformancePackRuleComplianceList'],
    compliance: (record) => record.ComplianceType
  }
]

function shapeOf(probe: Probe): ConfigShape | undefined {
  return SHAPES.find((shape) => {
    const first = firstOf(probe, shape.keys)
    return first !== undefined && typeof shape.compliance(first) === 'string'
  })
}

/** AWS Config compliance, by rule, by resource, per evaluation or per conformance pack. */
export const configCompliance: ExportParser = {
  id: 'config-compliance',
  input: 'json',
  matches: (probe) => shapeOf(probe) !== undefined,
  start(probe) {
    const shape = shapeOf(probe)!
    const summary = new SummaryBuilder(shape.id, shape.label, 'Config')
    return summaryRun(summary, 'config-export', {
      member(key, value) {
        if (key === 'ConformancePackName' && typeof value === 'string')
          summary.highlights.push(`Conformance pack ${value}`)
      },
      record(key, value) {
        if (!isObject(value) || !shape.keys.includes(key ?? '')) return
        const compliance = shape.compliance(value)
        if (typeof compliance !== 'string') return
        summary.records++
        summary.finding(configState(compliance), undefined)
        summary.account(shape.account?.(value)).region(shape.region?.(value))
        for (const day of shape.dates?.(value) ?? []) summary.date(day)
        const rule =
          text(value.ConfigRuleName) ??
          text(path(value, 'EvaluationResultIdentifier', 'EvaluationResultQualifier', 'ConfigRuleName'))
        if (compliance === 'NON_COMPLIANT' && rule && summary.highlights.length < 20)
          summary.highlights.push(`Non-compliant: ${rule}`)
      }
    })
  }
}
