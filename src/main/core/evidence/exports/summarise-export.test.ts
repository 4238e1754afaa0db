import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, describe, expect, it } from 'vitest'
import type { ExportSummary, FindingCounts } from '../../../../shared/types'
import { summariseExport, type ExportReading } from './summarise-export'

// The fixtures are real exports from public sources; fixtures/README.md names each one's origin.
const FIXTURES = join(__dirname, 'fixtures')
const work = mkdtempSync(join(tmpdir(), 'exports-test-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

const fixture = (name: string): Buffer => readFileSync(join(FIXTURES, name))
const fixtureJson = (name: string): Json => JSON.parse(fixture(name).toString('utf8')) as Json

let written = 0
async function read(
  name: string,
  content: Buffer | string,
  limits?: Parameters<typeof summariseExport>[2]
): Promise<ExportReading> {
  const path = join(work, `${written++}-${name}`)
  writeFileSync(path, content)
  return summariseExport(path, name, limits)
}
async function summaryOf(name: string, content: Buffer | string = fixture(name)): Promise<ExportSummary> {
  const reading = await read(name, content)
  expect(reading.recognised, `${name} should be recognised`).toBeDefined()
  return reading.recognised!.summary
}

/** Counts computed here, independently of the parsers, from each finding's own state and severity. */
function expectedFindings(
  findings: { state: 'open' | 'passed' | 'suppressed' | 'resolved' | 'other'; severity?: string }[]
): FindingCounts {
  const counts: FindingCounts = {
    total: findings.length,
    open: 0,
    bySeverity: { critical: 0, high: 0, medium: 0, low: 0, informational: 0 },
    unrated: 0,
    passed: 0,
    suppressed: 0,
    resolved: 0
  }
  for (const finding of findings) {
    if (finding.state === 'open') {
      counts.open++
      const severity = finding.severity?.toLowerCase() as keyof FindingCounts['bySeverity'] | undefined
      if (severity && severity in counts.bySeverity) counts.bySeverity[severity]++
      else counts.unrated++
    } else if (finding.state !== 'other') counts[finding.state]++
  }
  return counts
}

const sorted = (values: Iterable<string>): string[] => [...new Set(values)].sort()
const days = (values: unknown[]): { from: string; to: string } => {
  const list = values
    .filter((value): value is string => typeof value === 'string')
    .map((value) => new Date(value).toISOString().slice(0, 10))
    .sort()
  return { from: list[0]!, to: list.at(-1)! }
}

function csvRows(text: string, delimiter: string): Record<string, string>[] {
  const [header, ...lines] = text.trim().split(/\r?\n/)
  const names = header!.split(delimiter)
  return lines.map((line) => Object.fromEntries(line.split(delimiter).map((value, index) => [names[index], value])))
}

describe('Security Hub and ASFF', () => {
  const data = fixtureJson('securityhub-findings.json')
  const state = (finding: Json) =>
    finding.RecordState === 'ARCHIVED' || finding.Workflow?.Status === 'RESOLVED'
      ? ('resolved' as const)
      : finding.Workflow?.Status === 'SUPPRESSED'
        ? ('suppressed' as const)
        : finding.Compliance?.Status === 'PASSED'
          ? ('passed' as const)
          : ('open' as const)

  it('counts only open findings by severity, and passed, suppressed and resolved apart', async () => {
    const summary = await summaryOf('securityhub-findings.json')
    expect(summary.format).toBe('securityhub-findings')
    expect(summary.findings).toEqual(
      expectedFindings(
        data.Findings.map((finding: Json) => ({ state: state(finding), severity: finding.Severity.Label }))
      )
    )
    // AWS's own CLI example is a PASSED, ARCHIVED informational finding: it is not open.
    expect(summary.findings!.bySeverity.informational).toBe(0)
    expect(summary.accounts).toEqual(sorted(data.Findings.map((finding: Json) => finding.AwsAccountId)))
    expect(summary.regions).toEqual(sorted(data.Findings.map((finding: Json) => finding.Region).filter(Boolean)))
  })

  it('keeps the requirements the findings cite, and tallies live results per reference', async () => {
    const reading = await read('securityhub-findings.json', fixture('securityhub-findings.json'))
    const cited = sorted(data.Findings.flatMap((finding: Json) => finding.Compliance?.RelatedRequirements ?? []))
    expect(sorted(reading.recognised!.summary.requirements!)).toEqual(cited)
    expect(cited).toEqual(expect.arrayContaining(['PCI DSS 1.2.1', 'PCI DSS 1.3.1', 'PCI DSS 1.3.2', 'PCI DSS 1.3.4']))
    const results = Object.fromEntries(reading.recognised!.requirementResults!.map((r) => [r.reference, r]))
    expect(results['PCI DSS v4.0.1/10.3.2']).toMatchObject({ passed: 0, failed: 1 })
    // The CLI example's PCI DSS 1.2.1 finding is archived: it is no result for the requirement.
    expect(results['PCI DSS 1.2.1']).toBeUndefined()
  })

  it('reads the same findings as a bare array (Prowler json-asff) and as JSON Lines', async () => {
    const asObject = await summaryOf('securityhub-findings.json')
    const array = await summaryOf('asff.json', JSON.stringify(data.Findings, null, 2))
    const lines = await summaryOf(
      'asff.jsonl',
      data.Findings.map((finding: Json) => JSON.stringify(finding)).join('\n')
    )
    expect(array.findings).toEqual(asObject.findings)
    expect(lines.findings).toEqual(asObject.findings)
  })

  it('reads findings under lower-case findings in an EventBridge event', async () => {
    const event = fixtureJson('securityhub-eventbridge.json')
    const summary = await summaryOf('securityhub-eventbridge.json')
    expect(summary.findings).toEqual(
      expectedFindings(
        event.detail.findings.map((finding: Json) => ({ state: state(finding), severity: finding.Severity.Label }))
      )
    )
  })

  it('does not count suppressed or resolved workflows as open', async () => {
    const findings = structuredClone(data.Findings) as Json[]
    findings[0]!.Workflow = { Status: 'SUPPRESSED' }
    findings[1]!.Workflow = { Status: 'RESOLVED' }
    const summary = await summaryOf('changed.json', JSON.stringify({ Findings: findings }))
    expect(summary.findings).toEqual(
      expectedFindings(findings.map((finding) => ({ state: state(finding), severity: finding.Severity.Label })))
    )
    expect(summary.findings).toMatchObject({ suppressed: 1, resolved: 2 })
  })

  it('summarises standards controls with the requirements they cover', async () => {
    const data = fixtureJson('securityhub-standards-controls.json')
    const summary = await summaryOf('securityhub-standards-controls.json')
    expect(summary).toMatchObject({ format: 'securityhub-standards-controls', records: data.Controls.length })
    expect(summary.requirements).toEqual(sorted(data.Controls.flatMap((control: Json) => control.RelatedRequirements)))
  })
})

describe('GuardDuty', () => {
  const band = (severity: number) =>
    severity >= 9 ? 'critical' : severity >= 7 ? 'high' : severity >= 4 ? 'medium' : 'low'

  it.each([
    ['guardduty-get-findings.json', (data: Json) => data.Findings],
    [
      'guardduty-s3-export.jsonl',
      (_: Json, text: string) =>
        text
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line))
    ],
    ['guardduty-eventbridge.json', (data: Json) => [data.detail]]
  ])('recognises %s', async (name, findingsOf) => {
    const text = fixture(name).toString('utf8')
    const findings: Json[] = findingsOf(name.endsWith('.jsonl') ? {} : JSON.parse(text), text)
    const summary = await summaryOf(name)
    const archived = (finding: Json) =>
      (finding.Service ?? finding.service)?.Archived ?? (finding.Service ?? finding.service)?.archived
    expect(summary.findings).toEqual(
      expectedFindings(
        findings.map((finding) => ({
          state: archived(finding) === true ? 'suppressed' : 'open',
          severity: band(finding.Severity ?? finding.severity)
        }))
      )
    )
    expect(summary.accounts).toEqual(sorted(findings.map((finding) => finding.AccountId ?? finding.accountId)))
  })

  it('counts an archived finding as suppressed', async () => {
    const lines = fixture('guardduty-s3-export.jsonl')
      .toString('utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Json)
    lines[0]!.service.archived = true
    const summary = await summaryOf('archived.jsonl', lines.map((line) => JSON.stringify(line)).join('\n'))
    expect(summary.findings).toMatchObject({ total: 3, open: 2, suppressed: 1 })
  })
})

describe('Amazon Inspector', () => {
  const data = fixtureJson('inspector2-findings.json')
  const inspectorState = (status: string) =>
    status === 'ACTIVE' ? ('open' as const) : status === 'SUPPRESSED' ? ('suppressed' as const) : ('resolved' as const)

  it('counts severities of active findings only, never statuses', async () => {
    const findings = structuredClone(data.findings) as Json[]
    findings[0]!.status = 'SUPPRESSED'
    findings[3]!.status = 'CLOSED'
    const summary = await summaryOf('inspector.json', JSON.stringify({ findings }))
    expect(summary.findings).toEqual(
      expectedFindings(
        findings.map((finding) => ({ state: inspectorState(finding.status), severity: finding.severity }))
      )
    )
    expect(Object.keys(summary.counts)).not.toContain('Active (open)')
    expect(summary.dateRange).toEqual(
      days(findings.flatMap((finding) => [finding.firstObservedAt, finding.lastObservedAt]))
    )
  })

  it('reads the console CSV export, whatever its delimiter', async () => {
    const findings = data.findings as Json[]
    findings[1]!.status = 'CLOSED'
    const header = ['AWS Account Id', 'Severity', 'Status', 'Title', 'First Seen', 'Last Seen', 'Region']
    const rows = findings.map((finding) => [
      finding.awsAccountId,
      finding.severity,
      finding.status,
      finding.title.replace(/[,;\t]/g, ' '),
      finding.firstObservedAt,
      finding.lastObservedAt,
      finding.resources[0].region
    ])
    for (const delimiter of [',', ';', '\t']) {
      const csv = [header, ...rows].map((row) => row.join(delimiter)).join('\n')
      const summary = await summaryOf('inspector.csv', csv)
      expect(summary.findings).toEqual(
        expectedFindings(
          findings.map((finding) => ({ state: inspectorState(finding.status), severity: finding.severity }))
        )
      )
    }
  })
})

describe('Access Analyzer, Macie, Config and Backup', () => {
  it.each(['access-analyzer-findings.json', 'access-analyzer-findings-v2.json'])('summarises %s', async (name) => {
    const data = fixtureJson(name)
    const summary = await summaryOf(name)
    expect(summary.findings).toEqual(
      expectedFindings(
        data.findings.map((finding: Json) => ({
          state: finding.status === 'ACTIVE' ? 'open' : finding.status === 'ARCHIVED' ? 'suppressed' : 'resolved'
        }))
      )
    )
  })

  it('summarises Macie buckets with the public and unencrypted ones as checks', async () => {
    const data = fixtureJson('macie-buckets.json')
    const summary = await summaryOf('macie-buckets.json')
    const open = data.buckets.filter((bucket: Json) => bucket.publicAccess?.effectivePermission === 'PUBLIC')
    const unencrypted = data.buckets.filter((bucket: Json) => bucket.serverSideEncryption?.type === 'NONE')
    expect(summary.records).toBe(data.buckets.length)
    expect(summary.checks).toEqual([
      expect.objectContaining({ id: 'no-public-buckets', result: open.length ? 'fail' : 'pass' }),
      expect.objectContaining({ id: 'buckets-encrypted-by-default', result: unencrypted.length ? 'fail' : 'pass' })
    ])
  })

  it.each([
    ['config-compliance-by-rule.json', 'ComplianceByConfigRules'],
    ['config-compliance-by-resource.json', 'ComplianceByResources']
  ])('counts %s: non-compliant open, compliant passed', async (name, key) => {
    const data = fixtureJson(name)
    const summary = await summaryOf(name)
    expect(summary.findings).toEqual(
      expectedFindings(
        data[key].map((record: Json) => ({
          state:
            record.Compliance.ComplianceType === 'NON_COMPLIANT'
              ? 'open'
              : record.Compliance.ComplianceType === 'COMPLIANT'
                ? 'passed'
                : 'other'
        }))
      )
    )
  })

  it('counts backup jobs by state and checks none failed', async () => {
    const data = fixtureJson('backup-jobs.json')
    const summary = await summaryOf('backup-jobs.json')
    const byState: Record<string, number> = {}
    for (const job of data.BackupJobs) {
      const label = job.State.charAt(0) + job.State.slice(1).toLowerCase()
      byState[label] = (byState[label] ?? 0) + 1
    }
    expect(summary.counts).toMatchObject(byState)
    expect(summary.checks?.[0]).toMatchObject({ id: 'backup-jobs-succeeded', result: 'pass' })
  })
})

describe('Prowler', () => {
  const prowlerState = (status: string, muted: boolean) =>
    status === 'PASS'
      ? ('passed' as const)
      : status === 'FAIL'
        ? muted
          ? ('suppressed' as const)
          : ('open' as const)
        : ('other' as const)

  it('reads the semicolon CSV with its compliance references', async () => {
    const rows = csvRows(fixture('prowler-output.csv').toString('utf8'), ';')
    const summary = await summaryOf('prowler-output.csv')
    expect(summary.findings).toEqual(
      expectedFindings(
        rows.map((row) => ({ state: prowlerState(row.STATUS!, row.MUTED === 'True'), severity: row.SEVERITY }))
      )
    )
    expect(summary.requirements).toEqual(expect.arrayContaining(['CIS-1.4/1.20']))
  })

  it('reads JSON-OCSF', async () => {
    const findings = fixtureJson('prowler-output.ocsf.json') as unknown as Json[]
    const summary = await summaryOf('prowler-output.ocsf.json')
    expect(summary.findings).toEqual(
      expectedFindings(
        findings.map((finding) => ({
          state: prowlerState(finding.status_code, finding.status === 'Suppressed'),
          severity: finding.severity
        }))
      )
    )
  })

  it('names PCI-4.0 references as PCI DSS v4.0 and tallies them; PCI-3.2.1 stays v3.2.1', async () => {
    const findings = fixtureJson('prowler-output.ocsf.json') as unknown as Json[]
    findings[0]!.unmapped.compliance = { 'PCI-4.0': ['1.2.1', '10.3.2'], 'PCI-3.2.1': ['3.4'] }
    const reading = await read('prowler.ocsf.json', JSON.stringify(findings))
    const results = Object.fromEntries(reading.recognised!.requirementResults!.map((r) => [r.reference, r]))
    expect(results['PCI DSS v4.0/10.3.2']).toEqual({ reference: 'PCI DSS v4.0/10.3.2', passed: 0, failed: 1 })
    expect(results['PCI DSS v3.2.1/3.4']).toMatchObject({ failed: 1 })
  })
})

describe('CloudTrail', () => {
  const log = fixtureJson('cloudtrail-log.json')

  it('reads a log file, plain or gzipped as CloudTrail delivers it', async () => {
    for (const [name, content] of [
      ['cloudtrail.json', fixture('cloudtrail-log.json')],
      ['123456789012_CloudTrail_us-east-2_20160714T1530Z_abc.json.gz', gzipSync(fixture('cloudtrail-log.json'))]
    ] as const) {
      const summary = await summaryOf(name, content)
      expect(summary).toMatchObject({
        format: 'cloudtrail-log',
        records: log.Records.length,
        accounts: sorted(log.Records.map((record: Json) => record.recipientAccountId).filter(Boolean)),
        regions: sorted(log.Records.map((record: Json) => record.awsRegion)),
        dateRange: days(log.Records.map((record: Json) => record.eventTime))
      })
      expect(summary.counts.Errors ?? 0).toBe(log.Records.filter((record: Json) => record.errorCode).length)
    }
  })

  it('reads a digest file, its trail status and its trails with the checks auditors look for', async () => {
    const digest = fixtureJson('cloudtrail-digest.json')
    expect(await summaryOf('cloudtrail-digest.json')).toMatchObject({
      format: 'cloudtrail-digest',
      records: digest.logFiles.length,
      accounts: [digest.awsAccountId],
      generatedAt: new Date(digest.digestEndTime).toISOString()
    })
    const trails = fixtureJson('cloudtrail-describe-trails.json').trailList as Json[]
    const summary = await summaryOf('cloudtrail-describe-trails.json')
    expect(summary.checks).toEqual([
      expect.objectContaining({
        id: 'multi-region-trail',
        result: trails.some((t) => t.IsMultiRegionTrail) ? 'pass' : 'fail'
      }),
      expect.objectContaining({
        id: 'log-file-validation',
        result: trails.every((t) => t.LogFileValidationEnabled) ? 'pass' : 'fail'
      })
    ])
    const status = fixtureJson('cloudtrail-trail-status.json')
    expect((await summaryOf('cloudtrail-trail-status.json')).checks).toEqual([
      expect.objectContaining({ id: 'trail-logging', result: status.IsLogging ? 'pass' : 'fail' })
    ])
  })
})

describe('IAM', () => {
  const csv = fixture('iam-credential-report.csv').toString('utf8')
  const rows = csvRows(csv, ',')
  const check = (summary: ExportSummary, id: string) => summary.checks?.find((c) => c.id === id)

  it('reads the credential report as CSV and as the CLI prints it, period from its generation time', async () => {
    const cli = fixtureJson('iam-credential-report-cli.json')
    const fromCli = await summaryOf('iam-credential-report-cli.json')
    expect(fromCli).toMatchObject({
      format: 'iam-credential-report',
      records: rows.length,
      generatedAt: new Date(cli.GeneratedTime).toISOString(),
      dateRange: { from: cli.GeneratedTime.slice(0, 10), to: cli.GeneratedTime.slice(0, 10) }
    })
    const fromCsv = await summaryOf('iam-credential-report.csv')
    expect(fromCsv).toMatchObject({ records: rows.length, dateRange: null, generatedAt: null })
    const withoutMfa = rows.filter(
      (row) => row.user !== '<root_account>' && row.password_enabled === 'true' && row.mfa_active !== 'true'
    )
    expect(check(fromCsv, 'console-users-mfa')).toMatchObject({ result: withoutMfa.length ? 'fail' : 'pass' })
    expect(check(fromCsv, 'console-users-mfa')!.detail).toContain(`${withoutMfa.length} without MFA`)
    const generated = Date.parse(cli.GeneratedTime)
    const stale = rows.flatMap((row) =>
      ['1', '2'].filter(
        (key) =>
          row[`access_key_${key}_active`] === 'true' &&
          generated - Date.parse(row[`access_key_${key}_last_rotated`]!) > 90 * 86_400_000
      )
    )
    expect(check(fromCli, 'access-keys-90-days')).toMatchObject({ result: stale.length ? 'fail' : 'pass' })
    expect(check(fromCli, 'access-keys-90-days')!.detail).toMatch(new RegExp(`^${stale.length} of `))
  })

  it('flags a root user without MFA and with an active access key (AWS reports its password as not_supported)', async () => {
    const root = rows.find((row) => row.user === '<root_account>')!
    expect(root.password_enabled).toBe('not_supported')
    const changed = csv.replace(
      /^(<root_account>,(?:[^,]*,){6})true,false,/m,
      (_match, start: string) => `${start}false,true,`
    )
    expect(changed).not.toBe(csv)
    const summary = await summaryOf('report.csv', changed)
    expect(check(summary, 'root-mfa')).toMatchObject({ result: 'fail' })
    expect(check(summary, 'root-access-keys')).toMatchObject({
      result: 'fail',
      detail: 'The root user has 1 active access key'
    })
    const original = await summaryOf('report.csv', csv)
    expect(check(original, 'root-mfa')).toMatchObject({ result: 'pass' })
  })

  it('reads the report from a tab- or semicolon-delimited copy, and from UTF-16 as PowerShell 5.1 writes it', async () => {
    const expected = await summaryOf('report.csv', csv)
    for (const delimiter of ['\t', ';']) {
      expect(await summaryOf('report.csv', csv.replace(/,/g, delimiter))).toEqual(expected)
    }
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv.replace(/\n/g, '\r\n'), 'utf16le')])
    expect(await summaryOf('report.csv', utf16)).toEqual(expected)
    const bigEndian = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(csv, 'utf16le').swap16()])
    expect(await summaryOf('report.csv', bigEndian)).toEqual(expected)
  })

  it('checks the password policy against PCI DSS 8.3.6, 8.3.7 and 8.3.9', async () => {
    const policy = fixtureJson('iam-password-policy.json').PasswordPolicy
    const summary = await summaryOf('iam-password-policy.json')
    expect(summary.checks!.map((c) => [c.id, c.result])).toEqual([
      ['pci-8.3.6', policy.MinimumPasswordLength >= 12 && policy.RequireNumbers ? 'pass' : 'fail'],
      ['pci-8.3.7', (policy.PasswordReusePrevention ?? 0) >= 4 ? 'pass' : 'fail'],
      ['pci-8.3.9', policy.MaxPasswordAge && policy.MaxPasswordAge <= 90 ? 'pass' : 'fail']
    ])
    const strict = {
      PasswordPolicy: {
        ...policy,
        MinimumPasswordLength: 14,
        RequireLowercaseCharacters: true,
        PasswordReusePrevention: 24,
        MaxPasswordAge: 90
      }
    }
    expect((await summaryOf('policy.json', JSON.stringify(strict))).checks!.every((c) => c.result === 'pass')).toBe(
      true
    )
  })

  it('reads account authorization details', async () => {
    const data = fixtureJson('iam-authorization-details.json')
    const summary = await summaryOf('iam-authorization-details.json')
    expect(summary.counts).toMatchObject({
      Users: data.UserDetailList.length,
      Groups: data.GroupDetailList.length,
      Roles: data.RoleDetailList.length
    })
    const direct = data.UserDetailList.filter(
      (user: Json) => user.AttachedManagedPolicies?.length || user.UserPolicyList?.length
    )
    expect(summary.checks![0]).toMatchObject({ id: 'no-direct-user-policies', result: direct.length ? 'fail' : 'pass' })
  })
})

describe('KMS, Organizations and policies', () => {
  it('reads keys and their rotation status', async () => {
    const keys = fixtureJson('kms-list-keys.json').Keys as Json[]
    expect(await summaryOf('kms-list-keys.json')).toMatchObject({
      format: 'kms-keys',
      records: keys.length,
      regions: sorted(keys.map((key) => key.KeyArn.split(':')[3]))
    })
    const rotation = fixtureJson('kms-key-rotation-status.json')
    expect((await summaryOf('kms-key-rotation-status.json')).checks).toEqual([
      expect.objectContaining({ id: 'key-rotation', result: rotation.KeyRotationEnabled ? 'pass' : 'fail' })
    ])
  })

  it('labels a key policy as one, and a service control policy that denies key deletion as an SCP', async () => {
    expect(await summaryOf('kms-key-policy.json')).toMatchObject({
      format: 'kms-key-policy',
      label: 'KMS key policy',
      records: 3
    })
    const denyDeletion = {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'DenyKeyDeletion', Effect: 'Deny', Action: ['kms:ScheduleKeyDeletion', 'kms:DisableKey'], Resource: '*' }
      ]
    }
    const scp = fixtureJson('organizations-describe-policy.json')
    scp.Policy.Content = JSON.stringify(denyDeletion)
    expect(await summaryOf('scp.json', JSON.stringify(scp))).toMatchObject({
      format: 'organizations-scp',
      label: 'Service control policy',
      counts: { 'Deny statements': 1 }
    })
    expect(await summaryOf('scp-document.json', JSON.stringify(denyDeletion))).toMatchObject({
      format: 'policy-document',
      label: 'IAM or service control policy document'
    })
  })
})

describe('what is not an export', () => {
  it('notes JSON and CSV no parser recognises, and invalid JSON', async () => {
    for (const [name, content] of [
      ['inventory.json', JSON.stringify({ laptops: 42, owners: [{ name: 'Rudy' }] })],
      ['list.json', JSON.stringify([{ laptop: 'x' }])],
      ['sales.csv', 'store;day;total\nHarbor;2026-11-02;1200\n'],
      ['broken.json', '{"Findings": [{"SchemaVersion": '],
      ['huge-line.jsonl', `{"a": "${'x'.repeat(4096)}"}`]
    ] as const) {
      const reading = await read(name, content, { maxWorkBytes: 1 << 30, maxRecordBytes: 1024 })
      expect(reading.recognised, name).toBeUndefined()
      expect(reading.notes.join(' '), name).toMatch(/not recognised as an AWS export|could not be summarised/)
    }
  })

  it('reads a compressed bomb only as far as the work limit', async () => {
    const bomb = gzipSync(Buffer.concat([Buffer.from('{"Findings":['), Buffer.alloc(64 * 1024 * 1024, 0x20)]))
    expect(bomb.length).toBeLessThan(1024 * 1024)
    const reading = await read('bomb.json.gz', bomb, { maxWorkBytes: 8 * 1024 * 1024, maxRecordBytes: 1 << 20 })
    expect(reading.recognised).toBeUndefined()
    expect(reading.notes.join(' ')).toMatch(/not recognised as an AWS export/)
    const nested = gzipSync(Buffer.concat([Buffer.from('{"Findings":['), Buffer.alloc(64 * 1024 * 1024, 0x5b)]))
    const deep = await read('nested.json.gz', nested, { maxWorkBytes: 1 << 30, maxRecordBytes: 1 << 20 })
    expect(deep.notes.join(' ')).toMatch(/could not be summarised: a single record is larger than 1 MB/)
  })

  it('stops at the work limit and says the summary is partial', async () => {
    const data = fixtureJson('securityhub-findings.json')
    const findings = Array.from({ length: 400 }, (_, index) => data.Findings[index % data.Findings.length])
    const content = JSON.stringify({ Findings: findings })
    const reading = await read('big.json', content, {
      maxWorkBytes: Math.floor(content.length / 2),
      maxRecordBytes: 1 << 20
    })
    expect(reading.recognised!.summary.partial).toBe(true)
    expect(reading.recognised!.summary.findings!.total).toBeGreaterThan(0)
    expect(reading.recognised!.summary.findings!.total).toBeLessThan(400)
    expect(reading.notes.join(' ')).toMatch(/inspection limit/)
  })

  it('reads strings with escaped quotes and backslashes across chunk boundaries', async () => {
    const data = fixtureJson('securityhub-findings.json')
    const findings = Array.from({ length: 300 }, (_, index) => ({
      ...data.Findings[index % data.Findings.length],
      Description: `quote \\" and backslash \\\\ ${'y'.repeat(index * 97)} "}]`
    }))
    const summary = await summaryOf('escapes.json', JSON.stringify({ NextToken: 'a"b', Findings: findings }))
    expect(summary.findings!.total).toBe(300)
  })
})
