import { CONTROL_STATUS_LABELS, type ControlStatus, type Responsibility } from '../domain'
import { uncoveredStretches, type AuditPeriod, type DaySpan } from './period'

/**
 * A requirement's result, in the words of the PCI DSS Report on Compliance, used for every
 * framework: in place, not in place, not applicable, or not tested (nothing contradicts it, but
 * the evidence is missing).
 */
export const REQUIREMENT_RESULTS = ['in-place', 'not-in-place', 'not-tested', 'not-applicable'] as const
export type RequirementResult = (typeof REQUIREMENT_RESULTS)[number]

export const RESULT_LABELS: Record<RequirementResult, string> = {
  'in-place': 'In place',
  'not-in-place': 'Not in place',
  'not-tested': 'Not tested',
  'not-applicable': 'Not applicable'
}

/** HIPAA: what the covered entity decided for an addressable implementation specification. */
export const ADDRESSABLE_DECISIONS = ['implemented', 'alternative', 'not-reasonable'] as const
export type AddressableDecision = (typeof ADDRESSABLE_DECISIONS)[number]

export const ADDRESSABLE_DECISION_LABELS: Record<AddressableDecision, string> = {
  implemented: 'Implemented as specified',
  alternative: 'Equivalent alternative measure',
  'not-reasonable': 'Not reasonable and appropriate'
}

export interface DecisionRecord {
  decision: AddressableDecision
  rationale: string
}

/** What the rule needs to know of a requirement. */
export interface RequirementFacts {
  assessable: boolean
  /** False when the requirement was scoped out, with a reason. */
  applicable: boolean
  scopingReason: string | null
  /** HIPAA implementation specifications and standards: Required or Addressable. */
  specification: 'Required' | 'Addressable' | null
  decision: DecisionRecord | null
}

/** What the rule needs to know of a control mapped to the requirement (and in the assessment). */
export interface ControlFacts {
  id: string
  status: ControlStatus
  responsibility: Responsibility
  notApplicableReason: string
  /** Evidence items linked to it that are in force for the period and the scope. */
  evidenceInForce: number
  /** The periods its AWS assurance reports in force examined, by report series (what backs an inherited control). */
  reports: ReportCoverage[]
}

/** One AWS report in force: its series (SOC 2, PCI DSS Attestation of Compliance) and the period it examined. */
export interface ReportCoverage extends DaySpan {
  series: string
}

/** An automated test of the requirement, read from an export (Security Hub, Config rules…). */
export interface AutomatedCheck {
  source: string
  checkedAt: string
  passed: number
  failed: number
  evidenceId: string
}

export interface ResultInput {
  requirement: RequirementFacts
  controls: ControlFacts[]
  checks: AutomatedCheck[]
  period: AuditPeriod
}

export interface RequirementOutcome {
  result: RequirementResult
  /** Why, in words an auditor reads: every fact that decided the result. */
  reasons: string[]
}

const IMPLEMENTED: ControlStatus = 'implemented'

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`

/** "2025-12-03 to 2026-04-30" */
export const describeSpan = (span: DaySpan): string => `${span.start} to ${span.end}`

/** What an automated check found, as the pack and the app print it. */
export const describeCheck = (check: AutomatedCheck): string =>
  `${check.source}, ${check.checkedAt.slice(0, 10)}: ${check.failed} failed, ${check.passed} passed`

export interface ReportGap {
  series: string
  gaps: DaySpan[]
}

/**
 * For an AWS-inherited control, each series of its AWS reports that leaves stretches of the audit
 * period uncovered (before the first report, between reports, after the last): a bridge letter is
 * needed for them. None when its reports cover the whole period, or it has none.
 */
export function reportGaps(control: ControlFacts, period: AuditPeriod): ReportGap[] {
  if (control.responsibility !== 'aws') return []
  const bySeries = new Map<string, DaySpan[]>()
  for (const report of control.reports) {
    bySeries.set(report.series, [...(bySeries.get(report.series) ?? []), { start: report.start, end: report.end }])
  }
  return [...bySeries]
    .map(([series, spans]) => ({ series, gaps: uncoveredStretches(period, spans) }))
    .filter((gap) => gap.gaps.length > 0)
    .sort((a, b) => (a.series < b.series ? -1 : 1))
}

/** "AWS SOC 2 reports leave 2025-12-03 to 2026-04-30 uncovered: a bridge letter is needed." */
export function describeReportGap(gap: ReportGap, subject = ''): string {
  const remedy = gap.series.startsWith('SOC')
    ? 'a bridge letter is needed'
    : gap.series.includes('Attestation of Compliance')
      ? "AWS's next Attestation of Compliance is needed"
      : 'a newer report or a bridge letter is needed'
  return `AWS ${gap.series} reports${subject ? ` for ${subject}` : ''} leave ${gap.gaps.map(describeSpan).join(' and ')} uncovered: ${remedy}.`
}

/**
 * The one rule that decides a requirement's result for an assessment's period and scope. Every
 * screen, the pack, the command line and every export call it.
 *
 * - Not applicable: the requirement is scoped out with a reason, every control mapped to it is
 *   itself not applicable (with the controls' reasons), or, for a HIPAA addressable
 *   specification, it was documented as not reasonable and appropriate.
 * - Not in place: no control meets it, a mapped control is not implemented, or an automated test
 *   of a customer or shared control failed.
 * - Not tested: every control is implemented but one has no evidence in force for the period
 *   (customer and shared controls: evidence dated in the period and not expired; AWS-inherited
 *   controls: an AWS report whose period overlaps the audit period).
 * - In place: otherwise. Stretches of the period no AWS report covers are named among the
 *   reasons (a bridge letter is needed) without changing the result.
 */
export function requirementResult(input: ResultInput): RequirementOutcome {
  const { requirement, controls, checks, period } = input
  if (!requirement.applicable) {
    return { result: 'not-applicable', reasons: [requirement.scopingReason?.trim() || 'Scoped out.'] }
  }
  if (requirement.decision?.decision === 'not-reasonable') {
    return {
      result: 'not-applicable',
      reasons: [
        `Addressable specification documented as not reasonable and appropriate: ${requirement.decision.rationale.trim()}`
      ]
    }
  }
  if (controls.length === 0) {
    return { result: 'not-in-place', reasons: ['No control meets this requirement.'] }
  }
  const applicable = controls.filter((control) => control.status !== 'not-applicable')
  if (applicable.length === 0) {
    return {
      result: 'not-applicable',
      reasons: controls.map(
        (control) =>
          `${control.id} is not applicable${control.notApplicableReason.trim() ? `: ${control.notApplicableReason.trim()}` : ' (no reason recorded).'}`
      )
    }
  }

  const notImplemented = groupIds(
    applicable.filter((control) => control.status !== IMPLEMENTED),
    (control) => control.status
  )
  const notInPlace = [...notImplemented].map(([status, ids]) => {
    const label = CONTROL_STATUS_LABELS[status].toLowerCase()
    return namingControls(ids, `is ${label}`, `are ${label}`)
  })
  const ownControls = applicable.some((control) => control.responsibility !== 'aws')
  if (ownControls) {
    for (const check of checks) if (check.failed > 0) notInPlace.push(`Automated test failed: ${describeCheck(check)}.`)
  }
  if (notInPlace.length > 0) return { result: 'not-in-place', reasons: notInPlace }

  const withoutEvidence = groupIds(
    applicable.filter((control) => control.evidenceInForce === 0),
    (control) => (control.responsibility === 'aws' ? 'report' : 'evidence')
  )
  const untested = [...withoutEvidence].map(([missing, ids]) =>
    missing === 'report'
      ? namingControls(
          ids,
          'has no AWS report covering the audit period',
          'have no AWS report covering the audit period'
        )
      : namingControls(
          ids,
          'has no evidence in force for the audit period',
          'have no evidence in force for the audit period'
        )
  )
  if (untested.length > 0) return { result: 'not-tested', reasons: untested }

  const reasons = [
    applicable.length === 1
      ? `${applicable[0]!.id} is implemented and has evidence in force for the audit period.`
      : `All ${plural(applicable.length, 'control')} are implemented and have evidence in force for the audit period.`
  ]
  if (requirement.decision?.decision === 'alternative') {
    reasons.push(
      `Addressable specification met by an equivalent alternative measure: ${requirement.decision.rationale.trim()}`
    )
  }
  for (const control of applicable) {
    for (const gap of reportGaps(control, period)) reasons.push(describeReportGap(gap, control.id))
  }
  for (const check of checks) reasons.push(`Automated test passed: ${describeCheck(check)}.`)
  return { result: 'in-place', reasons }
}

/** The ids of controls grouped by what they have in common, each group in the order it first appears. */
function groupIds<K>(controls: ControlFacts[], keyOf: (control: ControlFacts) => K): Map<K, string[]> {
  const groups = new Map<K, string[]>()
  for (const control of controls) {
    const key = keyOf(control)
    const ids = groups.get(key)
    if (ids) ids.push(control.id)
    else groups.set(key, [control.id])
  }
  return groups
}

/**
 * One reason naming every control it is true of, so a requirement with hundreds of controls reads
 * in a line per cause: "IAM-01 is planned.", "IAM-01 and IAM-02 are planned.", "3 controls are
 * planned: IAM-01, IAM-02 and LOG-09."
 */
function namingControls(ids: string[], one: string, many: string): string {
  if (ids.length === 1) return `${ids[0]} ${one}.`
  if (ids.length === 2) return `${ids[0]} and ${ids[1]} ${many}.`
  return `${ids.length} controls ${many}: ${ids.slice(0, -1).join(', ')} and ${ids[ids.length - 1]}.`
}

/** Results counted for a framework or a group of requirements: coverage is in place out of applicable. */
export interface ResultCounts {
  'in-place': number
  'not-in-place': number
  'not-tested': number
  'not-applicable': number
}

export const emptyCounts = (): ResultCounts => ({
  'in-place': 0,
  'not-in-place': 0,
  'not-tested': 0,
  'not-applicable': 0
})

/** Applicable requirements: every assessed one but those that are not applicable. */
export const applicableOf = (counts: ResultCounts): number =>
  counts['in-place'] + counts['not-in-place'] + counts['not-tested']

/** Coverage as the app states it everywhere: requirements in place out of the applicable ones, 0..1. */
export function coverageOf(counts: ResultCounts): number {
  const applicable = applicableOf(counts)
  return applicable === 0 ? 0 : counts['in-place'] / applicable
}

/** "212 of 305 applicable requirements in place" */
export function describeCoverage(counts: ResultCounts): string {
  return `${counts['in-place']} of ${applicableOf(counts)} applicable requirements in place`
}

/** Who secures a requirement, from its applicable controls: AWS alone, the customer alone, or shared. */
export function requirementResponsibility(
  controls: Pick<ControlFacts, 'responsibility' | 'status'>[]
): Responsibility | null {
  const kinds = new Set(
    controls.filter((control) => control.status !== 'not-applicable').map((control) => control.responsibility)
  )
  if (kinds.size === 0) return null
  if (kinds.size === 1) return [...kinds][0]!
  return 'shared'
}
