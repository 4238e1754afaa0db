#!/usr/bin/env node
// A stand-in for the AWS CLI in the collector test: it replays real example outputs (see
// replay/README.md and the exports fixtures) and logs every call it receives. It reaches no network.
import { appendFileSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const replay = (name) => () => JSON.parse(readFileSync(join(here, 'replay', name), 'utf8'))
const exported = (name) => () =>
  JSON.parse(readFileSync(join(here, '..', '..', 'evidence', 'exports', 'fixtures', name), 'utf8'))
const failure = (message) => () => ({ error: message })
const account = process.env.FAKE_AWS_ACCOUNT ?? '123456789012'

const ROUTES = {
  'sts get-caller-identity': () => ({ ...replay('sts-get-caller-identity.json')(), Account: account }),
  'iam generate-credential-report': () => ({ State: 'COMPLETE' }),
  'iam get-credential-report': exported('iam-credential-report-cli.json'),
  'iam get-account-password-policy': exported('iam-password-policy.json'),
  'iam get-account-authorization-details': exported('iam-authorization-details.json'),
  'organizations list-policies': failure(
    "An error occurred (AccessDeniedException) when calling the ListPolicies operation: You don't have permissions to access this resource."
  ),
  'cloudtrail describe-trails': exported('cloudtrail-describe-trails.json'),
  'cloudtrail get-trail-status': exported('cloudtrail-trail-status.json'),
  'kms list-keys': exported('kms-list-keys.json'),
  'kms get-key-rotation-status': exported('kms-key-rotation-status.json'),
  'securityhub get-findings': exported('securityhub-findings.json'),
  'securityhub get-enabled-standards': replay('securityhub-get-enabled-standards.json'),
  'securityhub describe-standards-controls': exported('securityhub-standards-controls.json'),
  'guardduty list-detectors': replay('guardduty-list-detectors.json'),
  'guardduty list-findings': replay('guardduty-list-findings.json'),
  'guardduty get-findings': exported('guardduty-get-findings.json'),
  'inspector2 list-findings': exported('inspector2-findings.json'),
  'accessanalyzer list-analyzers': replay('accessanalyzer-list-analyzers.json'),
  'accessanalyzer list-findings-v2': exported('access-analyzer-findings-v2.json'),
  'backup list-backup-jobs': exported('backup-jobs.json'),
  'macie2 describe-buckets': failure(
    'An error occurred (AccessDeniedException) when calling the DescribeBuckets operation: Macie is not enabled.'
  ),
  'configservice describe-compliance-by-config-rule': exported('config-compliance-by-rule.json'),
  'configservice describe-compliance-by-resource': exported('config-compliance-by-resource.json'),
  'configservice describe-conformance-packs': () => ({ ConformancePackDetails: [] })
}

const args = process.argv.slice(2)
const option = (name) => {
  const index = args.indexOf(name)
  return index === -1 ? undefined : args[index + 1]
}
const call = args
  .filter((arg) => !arg.startsWith('-'))
  .slice(0, 2)
  .join(' ')
if (process.env.FAKE_AWS_LOG) appendFileSync(process.env.FAKE_AWS_LOG, `${JSON.stringify(args)}\n`)

const route = ROUTES[call]
if (!route) {
  process.stderr.write(`aws: the stand-in has no reply for "${call}"\n`)
  process.exit(252)
}
const reply = route()
if (reply.error) {
  process.stderr.write(`\n${reply.error}\n`)
  process.exit(254)
}

/** The subset of JMESPath the collector uses: A, A[], A[].B and A.[B,C]. */
function query(data, expression) {
  const [head, ...rest] = expression.split('[]')
  const value = head
    .split('.')
    .filter(Boolean)
    .reduce((object, key) => object?.[key], data)
  if (!rest.length) return value
  const field = rest.join('').replace(/^\./, '')
  return (value ?? []).map((item) => (field ? item[field] : item))
}

const selected = option('--query') ? query(reply, option('--query')) : reply
if (option('--output') === 'text') {
  process.stdout.write(`${Array.isArray(selected) ? selected.join('\t') : String(selected ?? 'None')}\n`)
} else process.stdout.write(`${JSON.stringify(selected, null, 4)}\n`)
