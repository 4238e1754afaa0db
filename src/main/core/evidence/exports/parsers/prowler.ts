import { firstOf, isObject, path, text, type ExportParser, type Json } from '../export-parser'
import { severityOf, type FindingState } from '../summary-builder'
import { summaryRun, SummaryBuilder } from './simple-run'

/** Prowler's framework names as the register knows them; PCI-4.0 numbering is unchanged in v4.0.1. */
const FRAMEWORK_NAMES: Record<string, string> = {
  'PCI-4.0': 'PCI DSS v4.0',
  'PCI-3.2.1': 'PCI DSS v3.2.1'
}

/** A requirement reference as "framework/ref", in the form Security Hub writes for PCI DSS. */
const reference = (framework: string, ref: string): string => `${FRAMEWORK_NAMES[framework] ?? framework}/${ref.trim()}`

/** "CIS-1.4: 1.20 | PCI-4.0: 1.2.1, 7.2.1" as references. */
function csvReferences(value: string | undefined): string[] {
  if (!value) return []
  return value.split('|').flatMap((part) => {
    const colon = part.indexOf(':')
    if (colon === -1) return []
    const framework = part.slice(0, colon).trim()
    return part
      .slice(colon + 1)
      .split(',')
      .filter((ref) => ref.trim())
      .map((ref) => reference(framework, ref))
  })
}

function ocsfReferences(compliance: unknown): string[] {
  if (!isObject(compliance)) return []
  return Object.entries(compliance).flatMap(([framework, refs]) =>
    (Array.isArray(refs) ? refs : [])
      .filter((ref): ref is string => typeof ref === 'string')
      .map((ref) => reference(framework, ref))
  )
}

/** PASS, FAIL or MANUAL; a muted (allow-listed) failure is suppressed. */
function prowlerState(status: string | undefined, muted: boolean): FindingState {
  const value = status?.toUpperCase()
  if (value === 'PASS') return 'passed'
  if (value === 'FAIL') return muted ? 'suppressed' : 'open'
  return 'other'
}

const resultOf = (state: FindingState): 'passed' | 'failed' | undefined =>
  state === 'passed' ? 'passed' : state === 'open' ? 'failed' : undefined

const builder = (format: string, label: string): SummaryBuilder => new SummaryBuilder(format, label, 'Prowler')

/** Prowler's CSV output (v3 and v4 columns; semicolon-delimited by default). */
export const prowlerCsv: ExportParser = {
  id: 'prowler-csv',
  input: 'csv',
  matches: (probe) =>
    probe.input === 'csv' && ['CHECK_ID', 'STATUS', 'SEVERITY'].every((header) => probe.headers.includes(header)),
  start() {
    const summary = builder('prowler-findings', 'Prowler findings')
    return summaryRun(summary, 'finding-export', {
      record(_key, value) {
        const row = value as Record<string, string>
        summary.records++
        const state = prowlerState(row.STATUS, /^true$/i.test(row.MUTED ?? ''))
        summary
          .finding(state, severityOf(row.SEVERITY))
          .account(row.ACCOUNT_UID ?? row.ACCOUNT_ID)
          .region(row.REGION)
          .date(row.TIMESTAMP ?? row.ASSESSMENT_START_TIME)
        summary.cites(csvReferences(row.COMPLIANCE), resultOf(state))
      }
    })
  }
}

const isOcsfFinding = (value: unknown): value is Json =>
  isObject(value) &&
  typeof value.status_code === 'string' &&
  'finding_info' in value &&
  (path(value, 'metadata', 'product', 'name') === 'Prowler' || value.class_uid === 2004)

/** Prowler's JSON-OCSF output: an array of OCSF Detection Findings. */
export const prowlerOcsf: ExportParser = {
  id: 'prowler-ocsf',
  input: 'json',
  matches: (probe) => isOcsfFinding(firstOf(probe, [null])),
  start() {
    const summary = builder('prowler-ocsf-findings', 'Prowler findings (OCSF)')
    return summaryRun(summary, 'finding-export', {
      record(_key, value) {
        if (!isOcsfFinding(value)) return
        summary.records++
        const muted = value.status === 'Suppressed' || path(value, 'unmapped', 'muted') === true
        const state = prowlerState(text(value.status_code), muted)
        summary
          .finding(state, severityOf(value.severity))
          .account(path(value, 'cloud', 'account', 'uid'))
          .region(path(value, 'cloud', 'region'))
          .date(path(value, 'finding_info', 'created_time'))
        summary.cites(ocsfReferences(path(value, 'unmapped', 'compliance')), resultOf(state))
      }
    })
  }
}
