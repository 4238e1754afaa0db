import { field, firstOf, isObject, path, type ExportParser, type Json, type Probe } from '../export-parser'
import type { Severity } from '../summary-builder'
import { summaryRun, SummaryBuilder } from './simple-run'

/** A GuardDuty finding in any of its forms: the API (GetFindings), the S3 export and EventBridge (lower-case keys). */
const isGuardDutyFinding = (value: unknown): value is Json =>
  isObject(value) &&
  typeof field(value, 'Severity') === 'number' &&
  typeof field(value, 'Type') === 'string' &&
  typeof field(value, 'AccountId') === 'string'

const isGuardDutyEvent = (value: unknown): boolean => isObject(value) && value['detail-type'] === 'GuardDuty Finding'

/** GuardDuty's numeric severities in its own bands (Critical from 9.0, since 2024). */
function guardDutySeverity(value: unknown): Severity {
  const severity = Number(value)
  if (severity >= 9) return 'critical'
  if (severity >= 7) return 'high'
  if (severity >= 4) return 'medium'
  return 'low'
}

export const guardDutyFindings: ExportParser = {
  id: 'guardduty-findings',
  input: 'json',
  matches: (probe: Probe) =>
    isGuardDutyFinding(firstOf(probe, ['Findings', 'findings', null])) ||
    isGuardDutyEvent(firstOf(probe, [null])) ||
    (probe.input === 'json' && isGuardDutyEvent(probe.members)),
  start() {
    const summary = new SummaryBuilder('guardduty-findings', 'GuardDuty findings', 'GuardDuty')
    const add = (finding: unknown): void => {
      if (!isGuardDutyFinding(finding)) return
      summary.records++
      // Archived findings were set aside by hand or by a suppression rule.
      const archived = path(finding, 'Service', 'Archived') === true
      summary
        .finding(archived ? 'suppressed' : 'open', guardDutySeverity(field(finding, 'Severity')))
        .account(field(finding, 'AccountId'))
        .region(field(finding, 'Region'))
        .date(field(finding, 'CreatedAt'))
        .date(field(finding, 'UpdatedAt'))
    }
    return summaryRun(summary, 'finding-export', {
      record: (_key, value) => (isGuardDutyEvent(value) ? add(field(value, 'detail')) : add(value)),
      member: (key, value) => {
        if (key === 'detail') add(value)
      }
    })
  }
}
