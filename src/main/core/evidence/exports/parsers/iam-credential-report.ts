import { parse } from 'csv-parse/sync'
import { isObject, type ExportParser } from '../export-parser'
import { isoOf } from '../summary-builder'
import { summaryRun, SummaryBuilder } from './simple-run'

const REQUIRED_COLUMNS = ['user', 'arn', 'user_creation_time', 'password_enabled', 'mfa_active']
const ROOT = '<root_account>'
const KEY_AGE_DAYS = 90
const DAY_MS = 86_400_000

type Row = Record<string, string | undefined>

/**
 * What an auditor reads in a credential report: the root user's MFA and access keys, console
 * users without MFA, and access keys not rotated in 90 days, measured at the report's own time.
 * AWS writes the root user's password_enabled as not_supported, so its MFA is judged by mfa_active alone.
 */
class CredentialReportAnalysis {
  private root: Row | undefined
  private readonly withoutMfa: string[] = []
  private readonly activeKeys: { user: string; rotated: string | undefined }[] = []
  private latest: string | undefined

  constructor(private readonly summary: SummaryBuilder) {}

  add(row: Row): void {
    const user = row.user ?? ''
    this.summary.records++
    this.summary.accountOfArn(row.arn)
    for (const value of Object.values(row)) {
      const iso = isoOf(value)
      if (iso && (!this.latest || iso > this.latest)) this.latest = iso
    }
    if (user === ROOT) {
      this.root = row
      this.summary.count('Root user')
    } else {
      this.summary.count('Users')
      if (row.password_enabled === 'true' && row.mfa_active !== 'true') this.withoutMfa.push(user)
    }
    for (const key of ['1', '2']) {
      if (row[`access_key_${key}_active`] === 'true') {
        this.activeKeys.push({
          user: user === ROOT ? 'root user' : user,
          rotated: isoOf(row[`access_key_${key}_last_rotated`])
        })
      }
    }
  }

  finish(generatedAt: string | undefined): void {
    const summary = this.summary
    summary.generatedAt = generatedAt ?? null
    if (generatedAt) summary.date(generatedAt)
    const root = this.root
    if (root) {
      summary.check(
        'root-mfa',
        'The root user has MFA',
        root.mfa_active === 'true',
        root.mfa_active === 'true' ? 'MFA is active for the root user' : 'The root user has no MFA device'
      )
      const rootKeys = ['1', '2'].filter((key) => root[`access_key_${key}_active`] === 'true').length
      summary.check(
        'root-access-keys',
        'The root user has no active access keys',
        rootKeys === 0,
        rootKeys
          ? `The root user has ${rootKeys} active access key${rootKeys > 1 ? 's' : ''}`
          : 'No active root access key'
      )
    }
    summary.check(
      'console-users-mfa',
      'Every user with a console password has MFA',
      this.withoutMfa.length === 0,
      this.withoutMfa.length
        ? `${this.withoutMfa.length} without MFA: ${this.withoutMfa.slice(0, 10).join(', ')}${this.withoutMfa.length > 10 ? ', ...' : ''}`
        : 'All console users have MFA'
    )
    const at = generatedAt ?? this.latest
    const reference = at ? Date.parse(at) : undefined
    const stale = reference
      ? this.activeKeys.filter((key) => !key.rotated || reference - Date.parse(key.rotated) > KEY_AGE_DAYS * DAY_MS)
      : []
    const when = generatedAt
      ? `when the report was generated (${generatedAt.slice(0, 10)})`
      : at
        ? `at the report's latest activity (${at.slice(0, 10)}; the file does not say when it was generated)`
        : 'at an unknown time'
    summary.check(
      'access-keys-90-days',
      `Active access keys were rotated within ${KEY_AGE_DAYS} days`,
      stale.length === 0,
      stale.length
        ? `${stale.length} of ${this.activeKeys.length} active keys older than ${KEY_AGE_DAYS} days ${when}: ${[...new Set(stale.map((key) => key.user))].slice(0, 10).join(', ')}`
        : `${this.activeKeys.length} active keys, none older than ${KEY_AGE_DAYS} days ${when}`
    )
  }
}

const builder = (): SummaryBuilder => new SummaryBuilder('iam-credential-report', 'IAM credential report', 'IAM')

/** The credential report as CSV (decoded, as the console downloads it). */
export const credentialReportCsv: ExportParser = {
  id: 'iam-credential-report',
  input: 'csv',
  matches: (probe) => probe.input === 'csv' && REQUIRED_COLUMNS.every((column) => probe.headers.includes(column)),
  start() {
    const summary = builder()
    const analysis = new CredentialReportAnalysis(summary)
    return summaryRun(summary, 'config-export', {
      record: (_key, value) => analysis.add(value as Row),
      finish: () => analysis.finish(undefined)
    })
  }
}

/** The credential report as `aws iam get-credential-report` prints it: JSON with the CSV base64-encoded in Content. */
export const credentialReportJson: ExportParser = {
  id: 'iam-credential-report-json',
  input: 'json',
  matches: (probe) =>
    probe.input === 'json' && typeof probe.members.Content === 'string' && probe.members.ReportFormat === 'text/csv',
  start() {
    const summary = builder()
    const analysis = new CredentialReportAnalysis(summary)
    let content = ''
    let generatedAt: string | undefined
    return summaryRun(summary, 'config-export', {
      member(key, value) {
        if (key === 'Content' && typeof value === 'string') content = value
        if (key === 'GeneratedTime') generatedAt = isoOf(value)
      },
      record() {},
      finish() {
        const csv = Buffer.from(content, 'base64').toString('utf8')
        const rows = parse(csv, {
          columns: true,
          skip_empty_lines: true,
          relax_column_count: true,
          trim: true
        }) as unknown[]
        for (const row of rows) if (isObject(row)) analysis.add(row as Row)
        analysis.finish(generatedAt)
      }
    })
  }
}
