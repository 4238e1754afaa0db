import { firstOf, isObject, type ExportParser, type Json } from '../export-parser'
import { summaryRun, SummaryBuilder } from './simple-run'

const isAccessAnalyzerFinding = (value: unknown): value is Json =>
  isObject(value) &&
  typeof value.id === 'string' &&
  typeof value.status === 'string' &&
  typeof value.resourceType === 'string' &&
  ('resourceOwnerAccount' in value || 'isPublic' in value || 'findingType' in value)

/** aws accessanalyzer list-findings and list-findings-v2. Findings have no severity: open ones count as unrated. */
export const accessAnalyzerFindings: ExportParser = {
  id: 'access-analyzer-findings',
  input: 'json',
  matches: (probe) => isAccessAnalyzerFinding(firstOf(probe, ['findings'])),
  start() {
    const summary = new SummaryBuilder('access-analyzer-findings', 'IAM Access Analyzer findings', 'IAM')
    return summaryRun(summary, 'finding-export', {
      record(_key, value) {
        if (!isAccessAnalyzerFinding(value)) return
        summary.records++
        const state = value.status === 'ARCHIVED' ? 'suppressed' : value.status === 'RESOLVED' ? 'resolved' : 'open'
        summary
          .finding(state, undefined)
          .account(value.resourceOwnerAccount)
          .date(value.updatedAt)
          .date(value.analyzedAt)
        if (typeof value.resource === 'string') summary.accountOfArn(value.resource)
        if (state === 'open' && value.isPublic === true) summary.count('Public access')
        if (typeof value.findingType === 'string') summary.count(value.findingType)
      }
    })
  }
}
