import { firstOf, isObject, path, type ExportParser, type Json } from '../export-parser'
import { severityOf } from '../summary-builder'
import { summaryRun, SummaryBuilder } from './simple-run'

const isMacieBucket = (value: unknown): value is Json =>
  isObject(value) && typeof value.bucketName === 'string' && ('publicAccess' in value || 'bucketArn' in value)

const isMacieFinding = (value: unknown): value is Json =>
  isObject(value) &&
  typeof value.accountId === 'string' &&
  typeof value.category === 'string' &&
  isObject(value.severity) &&
  typeof value.severity.description === 'string'

/** aws macie2 describe-buckets: S3 buckets as Macie sees them (public access, encryption, sharing). */
export const macieBuckets: ExportParser = {
  id: 'macie-buckets',
  input: 'json',
  matches: (probe) => isMacieBucket(firstOf(probe, ['buckets'])),
  start() {
    const summary = new SummaryBuilder('macie-buckets', 'Amazon Macie S3 bucket inventory', 'Macie')
    const publicBuckets: string[] = []
    const unencrypted: string[] = []
    return summaryRun(summary, 'config-export', {
      record(_key, value) {
        if (!isMacieBucket(value)) return
        summary.records++
        summary.account(value.accountId).region(value.region).date(value.lastUpdated)
        const name = String(value.bucketName)
        if (path(value, 'publicAccess', 'effectivePermission') === 'PUBLIC') publicBuckets.push(name)
        if (path(value, 'serverSideEncryption', 'type') === 'NONE') unencrypted.push(name)
        if (value.sharedAccess === 'EXTERNAL') summary.count('Shared outside the organisation')
      },
      finish() {
        summary.check(
          'no-public-buckets',
          'No S3 bucket is publicly accessible',
          publicBuckets.length === 0,
          publicBuckets.length
            ? `Public: ${publicBuckets.slice(0, 10).join(', ')}`
            : `${summary.records} buckets, none public`
        )
        summary.check(
          'buckets-encrypted-by-default',
          'Every S3 bucket encrypts new objects by default',
          unencrypted.length === 0,
          unencrypted.length
            ? `Without default encryption: ${unencrypted.slice(0, 10).join(', ')}`
            : 'All buckets encrypt by default'
        )
      }
    })
  }
}

/** aws macie2 get-findings: sensitive data and policy findings. */
export const macieFindings: ExportParser = {
  id: 'macie-findings',
  input: 'json',
  matches: (probe) => isMacieFinding(firstOf(probe, ['findings', null])),
  start() {
    const summary = new SummaryBuilder('macie-findings', 'Amazon Macie findings', 'Macie')
    return summaryRun(summary, 'finding-export', {
      record(_key, value) {
        if (!isMacieFinding(value)) return
        summary.records++
        summary
          .finding(value.archived === true ? 'suppressed' : 'open', severityOf(path(value, 'severity', 'description')))
          .account(value.accountId)
          .region(value.region)
          .date(value.createdAt)
          .date(value.updatedAt)
        summary.count(value.category === 'CLASSIFICATION' ? 'Sensitive data' : 'Policy')
      }
    })
  }
}
