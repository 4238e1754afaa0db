/**
 * What the collector gathers: read-only AWS CLI calls, one file each, for every account and Region
 * in a pack's scope. The bash and PowerShell scripts are written from this one plan, and the tests
 * check every call in both against READ_ONLY_CALLS.
 */

/** A call whose output is saved as one file. */
export interface CollectorCall {
  /** The file's name in the collection (account/region/file). */
  file: string
  service: string
  verb: string
  args?: string[]
}

/** A call repeated for each id a listing call returns (each trail, key, detector...). */
export interface CollectorLoop {
  /** Lists the ids: printed as text, one or more per line. */
  list: { service: string; verb: string; query: string; args?: string[] }
  /** The call made for each id; the id is passed as this option. */
  each: CollectorCall & { idOption: string }
  /** Ids per call (GuardDuty takes up to 50 finding ids at once); 1 for one call per id. */
  batch?: number
  /** A second listing step: ids per parent id (GuardDuty findings per detector). */
  nested?: { service: string; verb: string; query: string; parentOption: string }
}

export interface CollectorPlan {
  /** Account-wide calls (IAM, Organizations), made once per account. */
  account: (CollectorCall | CollectorLoop)[]
  /** Regional calls, made in every Region in scope. */
  regional: (CollectorCall | CollectorLoop)[]
}

export const isLoop = (step: CollectorCall | CollectorLoop): step is CollectorLoop => 'list' in step

const ACTIVE_FINDINGS = '{"RecordState":[{"Value":"ACTIVE","Comparison":"EQUALS"}]}'

export const COLLECTOR_PLAN: CollectorPlan = {
  account: [
    { file: 'caller-identity.json', service: 'sts', verb: 'get-caller-identity' },
    { file: 'iam-credential-report.json', service: 'iam', verb: 'get-credential-report' },
    { file: 'iam-password-policy.json', service: 'iam', verb: 'get-account-password-policy' },
    { file: 'iam-authorization-details.json', service: 'iam', verb: 'get-account-authorization-details' },
    {
      file: 'organizations-scps.json',
      service: 'organizations',
      verb: 'list-policies',
      args: ['--filter', 'SERVICE_CONTROL_POLICY']
    }
  ],
  regional: [
    { file: 'cloudtrail-trails.json', service: 'cloudtrail', verb: 'describe-trails' },
    {
      list: { service: 'cloudtrail', verb: 'describe-trails', query: 'trailList[].TrailARN' },
      each: { file: 'cloudtrail-trail-status', service: 'cloudtrail', verb: 'get-trail-status', idOption: '--name' }
    },
    { file: 'kms-keys.json', service: 'kms', verb: 'list-keys' },
    {
      list: { service: 'kms', verb: 'list-keys', query: 'Keys[].KeyId' },
      each: { file: 'kms-key-rotation', service: 'kms', verb: 'get-key-rotation-status', idOption: '--key-id' }
    },
    {
      file: 'securityhub-findings.json',
      service: 'securityhub',
      verb: 'get-findings',
      args: ['--filters', ACTIVE_FINDINGS]
    },
    {
      list: {
        service: 'securityhub',
        verb: 'get-enabled-standards',
        query: 'StandardsSubscriptions[].StandardsSubscriptionArn'
      },
      each: {
        file: 'securityhub-controls',
        service: 'securityhub',
        verb: 'describe-standards-controls',
        idOption: '--standards-subscription-arn'
      }
    },
    {
      list: { service: 'guardduty', verb: 'list-detectors', query: 'DetectorIds[]' },
      nested: { service: 'guardduty', verb: 'list-findings', query: 'FindingIds[]', parentOption: '--detector-id' },
      each: { file: 'guardduty-findings', service: 'guardduty', verb: 'get-findings', idOption: '--finding-ids' },
      batch: 50
    },
    { file: 'inspector-findings.json', service: 'inspector2', verb: 'list-findings' },
    {
      list: { service: 'accessanalyzer', verb: 'list-analyzers', query: 'analyzers[].arn' },
      each: {
        file: 'access-analyzer-findings',
        service: 'accessanalyzer',
        verb: 'list-findings-v2',
        idOption: '--analyzer-arn'
      }
    },
    { file: 'backup-jobs.json', service: 'backup', verb: 'list-backup-jobs' },
    { file: 'macie-buckets.json', service: 'macie2', verb: 'describe-buckets' },
    { file: 'config-compliance-by-rule.json', service: 'configservice', verb: 'describe-compliance-by-config-rule' },
    { file: 'config-compliance-by-resource.json', service: 'configservice', verb: 'describe-compliance-by-resource' },
    {
      list: {
        service: 'configservice',
        verb: 'describe-conformance-packs',
        query: 'ConformancePackDetails[].ConformancePackName'
      },
      each: {
        file: 'config-conformance-pack',
        service: 'configservice',
        verb: 'get-conformance-pack-compliance-details',
        idOption: '--conformance-pack-name'
      }
    }
  ]
}

/**
 * Every AWS CLI call the scripts may make, as "service verb". All read: the SecurityAudit managed
 * policy allows each of them. generate-credential-report only asks IAM to prepare the report the
 * next call reads (SecurityAudit includes iam:GenerateCredentialReport); assume-role only obtains
 * temporary credentials for the read-only role the user names, held in the script's own process.
 */
export const READ_ONLY_CALLS: readonly string[] = [
  'sts get-caller-identity',
  'sts assume-role',
  'iam generate-credential-report',
  'iam get-credential-report',
  'iam get-account-password-policy',
  'iam get-account-authorization-details',
  'organizations list-policies',
  'cloudtrail describe-trails',
  'cloudtrail get-trail-status',
  'kms list-keys',
  'kms get-key-rotation-status',
  'securityhub get-findings',
  'securityhub get-enabled-standards',
  'securityhub describe-standards-controls',
  'guardduty list-detectors',
  'guardduty list-findings',
  'guardduty get-findings',
  'inspector2 list-findings',
  'accessanalyzer list-analyzers',
  'accessanalyzer list-findings-v2',
  'backup list-backup-jobs',
  'macie2 describe-buckets',
  'configservice describe-compliance-by-config-rule',
  'configservice describe-compliance-by-resource',
  'configservice describe-conformance-packs',
  'configservice get-conformance-pack-compliance-details'
]
