import { firstOf, isObject, list, path, text, type ExportParser, type Json, type Probe } from '../export-parser'
import { severityOf, type FindingState, type Severity } from '../summary-builder'
import { summaryRun, SummaryBuilder } from './simple-run'

/** An AWS Security Finding Format finding: Security Hub, or any tool that writes ASFF (Prowler, GuardDuty's ASFF). */
export const isAsff = (value: unknown): value is Json =>
  isObject(value) && typeof value.SchemaVersion === 'string' && 'AwsAccountId' in value && isObject(value.Severity)

const isSecurityHubEvent = (value: unknown): boolean =>
  isObject(value) &&
  typeof value['detail-type'] === 'string' &&
  value['detail-type'].startsWith('Security Hub Findings')

/** Where an ASFF finding stands; archived records and resolved or suppressed workflows are not open. */
export function asffState(finding: Json): FindingState {
  const record = text(finding.RecordState)?.toUpperCase()
  const workflow = (text(path(finding, 'Workflow', 'Status')) ?? text(finding.WorkflowState))?.toUpperCase()
  const compliance = text(path(finding, 'Compliance', 'Status'))?.toUpperCase()
  if (record === 'ARCHIVED' || workflow === 'RESOLVED') return 'resolved'
  if (workflow === 'SUPPRESSED') return 'suppressed'
  if (compliance === 'PASSED') return 'passed'
  if (compliance === 'NOT_AVAILABLE') return 'other'
  return 'open'
}

function asffSeverity(finding: Json): Severity | undefined {
  const label = severityOf(path(finding, 'Severity', 'Label'))
  if (label) return label
  const normalized = Number(path(finding, 'Severity', 'Normalized'))
  if (!Number.isFinite(normalized)) return undefined
  if (normalized >= 90) return 'critical'
  if (normalized >= 70) return 'high'
  if (normalized >= 40) return 'medium'
  if (normalized >= 1) return 'low'
  return 'informational'
}

export const securityHubFindings: ExportParser = {
  id: 'securityhub-findings',
  input: 'json',
  matches: (probe: Probe) =>
    isAsff(firstOf(probe, ['Findings', 'findings', null])) ||
    isSecurityHubEvent(firstOf(probe, [null])) ||
    (probe.input === 'json' && isSecurityHubEvent(probe.members)),
  start() {
    const summary = new SummaryBuilder('securityhub-findings', 'Security Hub findings', 'Security Hub')
    const add = (finding: Json): void => {
      summary.records++
      const state = asffState(finding)
      summary.finding(state, asffSeverity(finding)).account(finding.AwsAccountId).region(finding.Region)
      summary.date(finding.UpdatedAt).date(finding.LastObservedAt)
      const references = (
        Array.isArray(path(finding, 'Compliance', 'RelatedRequirements'))
          ? (path(finding, 'Compliance', 'RelatedRequirements') as unknown[])
          : []
      ).filter((reference): reference is string => typeof reference === 'string')
      // Only a live result speaks for a requirement: archived, resolved and suppressed findings do not.
      const result =
        state === 'passed' ? 'passed' : state === 'open' && isObject(finding.Compliance) ? 'failed' : undefined
      summary.cites(references, result)
    }
    const addEvent = (event: unknown): void => {
      for (const finding of list(path(event, 'detail', 'findings'))) add(finding)
    }
    return summaryRun(summary, 'finding-export', {
      record: (_key, value) => (isSecurityHubEvent(value) ? addEvent(value) : isAsff(value) ? add(value) : undefined),
      member: (key, value) => {
        if (key === 'detail') addEvent({ detail: value })
      }
    })
  }
}

export const securityHubControls: ExportParser = {
  id: 'securityhub-standards-controls',
  input: 'json',
  matches: (probe) => {
    const first = firstOf(probe, ['Controls'])
    return !!first && 'StandardsControlArn' in first && 'ControlStatus' in first
  },
  start() {
    const summary = new SummaryBuilder(
      'securityhub-standards-controls',
      'Security Hub standard controls',
      'Security Hub'
    )
    return summaryRun(summary, 'config-export', {
      record(_key, value) {
        if (!isObject(value)) return
        summary.records++
        summary
          .count(value.ControlStatus === 'ENABLED' ? 'Enabled' : 'Disabled')
          .accountOfArn(value.StandardsControlArn)
        summary.date(value.ControlStatusUpdatedAt)
        const references = Array.isArray(value.RelatedRequirements) ? value.RelatedRequirements : []
        summary.cites(references.filter((reference): reference is string => typeof reference === 'string'))
        if (value.ControlStatus === 'DISABLED' && typeof value.ControlId === 'string') {
          summary.highlights.push(
            `Disabled: ${value.ControlId}${typeof value.DisabledReason === 'string' ? ` (${value.DisabledReason})` : ''}`
          )
        }
      }
    })
  }
}
