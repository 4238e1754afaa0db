import { firstOf, isObject, text, type ExportParser, type Json } from '../export-parser'
import { severityOf, type FindingState } from '../summary-builder'
import { summaryRun, SummaryBuilder } from './simple-run'

const isInspectorFinding = (value: unknown): value is Json =>
  isObject(value) &&
  typeof value.severity === 'string' &&
  typeof value.status === 'string' &&
  (String(value.findingArn).includes(':inspector2:') ||
    'inspectorScore' in value ||
    'packageVulnerabilityDetails' in value)

/** Inspector's statuses: ACTIVE is open, SUPPRESSED and CLOSED are not (and never count by severity). */
function inspectorState(status: unknown): FindingState {
  const value = text(status)?.trim().toUpperCase()
  if (value === 'SUPPRESSED') return 'suppressed'
  if (value === 'CLOSED') return 'resolved'
  return value === 'ACTIVE' || value === undefined || value === '' ? 'open' : 'other'
}

const builder = (): SummaryBuilder => new SummaryBuilder('inspector-findings', 'Amazon Inspector findings', 'Inspector')

/** aws inspector2 list-findings (JSON). */
export const inspectorFindings: ExportParser = {
  id: 'inspector-findings',
  input: 'json',
  matches: (probe) => isInspectorFinding(firstOf(probe, ['findings', null])),
  start() {
    const summary = builder()
    return summaryRun(summary, 'finding-export', {
      record(_key, value) {
        if (!isInspectorFinding(value)) return
        summary.records++
        summary
          .finding(inspectorState(value.status), severityOf(value.severity))
          .account(value.awsAccountId)
          .date(value.firstObservedAt)
          .date(value.lastObservedAt)
        for (const resource of Array.isArray(value.resources) ? value.resources : []) {
          if (isObject(resource)) summary.region(resource.region)
        }
        summary.accountOfArn(value.findingArn)
      }
    })
  }
}

/** Amazon Inspector findings exported as CSV from the console ("AWS Account Id", "Severity", "Status", ...). */
export const inspectorCsv: ExportParser = {
  id: 'inspector-findings-csv',
  input: 'csv',
  matches: (probe) =>
    probe.input === 'csv' &&
    probe.headers.some((header) => /^severity$/i.test(header)) &&
    probe.headers.some((header) => /^aws account id$/i.test(header)),
  start(probe) {
    const headers = probe.input === 'csv' ? probe.headers : []
    const column = (pattern: RegExp): string | undefined => headers.find((header) => pattern.test(header))
    const columns = {
      account: column(/^aws account id$/i),
      severity: column(/^severity$/i),
      status: column(/^status$/i),
      first: column(/^first (seen|observed)/i),
      last: column(/^last (seen|observed)/i),
      region: column(/^region$/i)
    }
    const summary = builder()
    return summaryRun(summary, 'finding-export', {
      record(_key, value) {
        const row = value as Record<string, string>
        const get = (name: keyof typeof columns): string | undefined => (columns[name] ? row[columns[name]] : undefined)
        summary.records++
        summary
          .finding(inspectorState(get('status')), severityOf(get('severity')))
          .account(get('account'))
          .region(get('region'))
          .date(get('first'))
          .date(get('last'))
      }
    })
  }
}
