import type Database from 'better-sqlite3'
import { reportSeries } from '../../../shared/compliance/reports'
import type { AddressableDecision, AutomatedCheck, ReportCoverage } from '../../../shared/compliance/results'
import { freshnessOf } from '../../../shared/compliance/evidence-rules'
import type {
  ControlEvidenceState,
  ControlStatus,
  FrameworkId,
  RequirementKind,
  Responsibility
} from '../../../shared/domain'
import type { ReadCache } from '../db/read-cache'

/**
 * The queries an assessment is built from, each one statement for the whole register: a
 * framework's requirements with their mappings, scoping and decisions; every control; and the
 * evidence in force per control, grouped in SQL.
 */

export interface RequirementRow {
  id: number
  ref: string
  parent_ref: string | null
  kind: RequirementKind
  title: string
  assessable: 0 | 1
  depth: number
  attributes: string
  applicable: 0 | 1 | null
  reason: string | null
  decision: AddressableDecision | null
  rationale: string | null
  decided_at: string | null
  decided_by: string | null
  controls: string | null
}

export function requirementRows(db: Database.Database, framework: FrameworkId): RequirementRow[] {
  return db
    .prepare(
      `SELECT r.id, r.ref, r.parent_ref, r.kind, r.title, r.assessable, r.depth, r.attributes,
         s.applicable, s.reason, d.decision, d.rationale, d.decided_at, d.decided_by,
         (SELECT group_concat(cr.control_id, ',') FROM control_requirements cr WHERE cr.requirement_id = r.id) AS controls
       FROM requirements r
       LEFT JOIN requirement_scoping s ON s.requirement_id = r.id
       LEFT JOIN requirement_decisions d ON d.requirement_id = r.id
       WHERE r.framework_id = ? AND r.withdrawn = 0 ORDER BY r.position`
    )
    .all(framework) as RequirementRow[]
}

export interface ControlRow {
  id: string
  title: string
  status: ControlStatus
  responsibility: Responsibility
  owner: string
  not_applicable_reason: string
}

export function controlRows(db: Database.Database): ControlRow[] {
  return db
    .prepare(`SELECT id, title, status, responsibility, owner, not_applicable_reason FROM controls ORDER BY id`)
    .all() as ControlRow[]
}

/** Accounts in scope, or null for every account. */
export type ScopeAccounts = string[] | null

/**
 * Evidence belongs to a scope when it speaks for the whole organisation (no account), or for an
 * account in scope. @scope is a JSON array of account ids; every account's scope takes all.
 */
export const IN_SCOPE_SQL = (alias: string, scope: ScopeAccounts): string =>
  scope === null
    ? '1'
    : `(NOT EXISTS (SELECT 1 FROM evidence_accounts ea WHERE ea.evidence_id = ${alias}.id)
        OR EXISTS (SELECT 1 FROM evidence_accounts ea WHERE ea.evidence_id = ${alias}.id
          AND ea.account_id IN (SELECT value FROM json_each(@scope))))`

/** datedIn (src/shared/compliance/evidence-rules.ts) in SQL, with @start and @end bound. */
export const DATED_IN_PERIOD_SQL = (alias: string): string =>
  `((${alias}.effective_date BETWEEN @start AND @end)
    OR (${alias}.period_start IS NOT NULL AND ${alias}.period_end IS NOT NULL
      AND ${alias}.period_start <= @end AND ${alias}.period_end >= @start))`

/** inForce (src/shared/compliance/evidence-rules.ts) in SQL, with @start, @end and @judgedOn bound. */
export const IN_FORCE_SQL = (alias: string): string =>
  `(${DATED_IN_PERIOD_SQL(alias)} AND (${alias}.review_by IS NULL OR ${alias}.review_by >= @judgedOn))`

export interface EvidenceInForce {
  count: number
  /** The AWS reports in force and the periods they examined. */
  reports: ReportCoverage[]
}

/** For each control: how many linked evidence items are in force for the period and scope, and the periods they cover. */
export function evidenceInForceByControl(
  db: Database.Database,
  period: { start: string; end: string },
  judgedOn: string,
  scope: ScopeAccounts
): Map<string, EvidenceInForce> {
  const rows = db
    .prepare(
      `SELECT ec.control_id AS control, count(*) AS n,
         json_group_array(CASE WHEN e.kind = 'artifact-report' AND e.period_start IS NOT NULL AND e.period_end IS NOT NULL
           THEN json_array(e.period_start, e.period_end, json_extract(e.metadata, '$.detected.reportType'), e.title) END)
           AS reports
       FROM evidence_controls ec JOIN evidence e ON e.id = ec.evidence_id
       WHERE e.removed_at IS NULL AND ${IN_FORCE_SQL('e')} AND ${IN_SCOPE_SQL('e', scope)}
       GROUP BY ec.control_id`
    )
    .all({ start: period.start, end: period.end, judgedOn, scope: JSON.stringify(scope ?? []) }) as {
    control: string
    n: number
    reports: string
  }[]
  return new Map(
    rows.map((row) => {
      const reports: ReportCoverage[] = []
      for (const report of JSON.parse(row.reports) as ([string, string, string | null, string] | null)[]) {
        if (!report) continue
        const [start, end, reportType, title] = report
        const series = reportSeries(reportType, title)
        if (series) reports.push({ series, start, end })
      }
      return [row.control, { count: row.n, reports }]
    })
  )
}

/** For each control with evidence: the latest review-by date of its active evidence (null: one never goes stale). */
export function latestReviewByControl(db: Database.Database): Map<string, string | null> {
  const rows = db
    .prepare(
      `SELECT ec.control_id AS control, max(coalesce(e.review_by, '9999-12-31')) AS best
       FROM evidence_controls ec JOIN evidence e ON e.id = ec.evidence_id
       WHERE e.removed_at IS NULL GROUP BY ec.control_id`
    )
    .all() as { control: string; best: string }[]
  return new Map(rows.map((row) => [row.control, row.best === '9999-12-31' ? null : row.best]))
}

export interface DueEvidenceRow {
  id: string
  title: string
  review_by: string
  controls: string
}

/**
 * Evidence of the given controls, dated in the period and in scope, whose review-by date has
 * passed by the day it is judged on or falls before @until (the end of the audit, or the expiring
 * window after today, whichever is later).
 */
/** Which evidence a pack's readiness looks at: of these controls, dated in the period, in scope; due by `until`. */
export interface PackEvidenceQuery {
  period: { start: string; end: string }
  until: string
  scope: ScopeAccounts
  controls: string[]
}

/** What a pack's readiness reads beyond the assessment, in one piece so a worker can read it. */
export interface PackEvidenceFacts {
  /** Evidence items of the controls dated in the period and speaking for the scope. */
  count: number
  /** Those of them falling due for review by `until`. */
  due: DueEvidenceRow[]
}

export function packEvidenceFacts(db: Database.Database, query: PackEvidenceQuery): PackEvidenceFacts {
  return db.transaction(() => ({ count: packEvidenceCount(db, query), due: dueEvidenceRows(db, query) }))()
}

/** How many evidence items of the controls are dated in the period and speak for the scope. */
export function packEvidenceCount(db: Database.Database, options: Omit<PackEvidenceQuery, 'until'>): number {
  return db
    .prepare(
      `SELECT count(DISTINCT e.id) FROM evidence e JOIN evidence_controls ec ON ec.evidence_id = e.id
       WHERE e.removed_at IS NULL AND ${DATED_IN_PERIOD_SQL('e')} AND ${IN_SCOPE_SQL('e', options.scope)}
         AND ec.control_id IN (SELECT value FROM json_each(@controls))`
    )
    .pluck()
    .get({
      start: options.period.start,
      end: options.period.end,
      scope: JSON.stringify(options.scope ?? []),
      controls: JSON.stringify(options.controls)
    }) as number
}

export function dueEvidenceRows(db: Database.Database, options: PackEvidenceQuery): DueEvidenceRow[] {
  return db
    .prepare(
      `SELECT e.id, e.title, e.review_by, group_concat(ec.control_id, ',') AS controls
       FROM evidence e JOIN evidence_controls ec ON ec.evidence_id = e.id
       WHERE e.removed_at IS NULL AND e.review_by IS NOT NULL AND e.review_by <= @until
         AND ${DATED_IN_PERIOD_SQL('e')} AND ${IN_SCOPE_SQL('e', options.scope)}
         AND ec.control_id IN (SELECT value FROM json_each(@controls))
       GROUP BY e.id ORDER BY e.review_by, e.id`
    )
    .all({
      start: options.period.start,
      end: options.period.end,
      until: options.until,
      scope: JSON.stringify(options.scope ?? []),
      controls: JSON.stringify(options.controls)
    }) as DueEvidenceRow[]
}

/**
 * Each requirement's automated test results for an assessment (Security Hub, Prowler, Config…): from
 * exports in force for the period and the scope only, and of each tool only its newest result
 * (a later export supersedes an earlier one).
 */
export function automatedChecks(
  db: Database.Database,
  framework: FrameworkId,
  period: { start: string; end: string },
  judgedOn: string,
  scope: ScopeAccounts
): Map<string, AutomatedCheck[]> {
  const rows = db
    .prepare(
      `SELECT c.ref, c.evidence_id AS evidenceId, c.source, coalesce(c.checked_at, e.effective_date, '') AS checkedAt,
         c.passed, c.failed
       FROM evidence_requirement_checks c JOIN evidence e ON e.id = c.evidence_id
       WHERE c.framework_id = @framework AND e.removed_at IS NULL AND ${IN_FORCE_SQL('e')} AND ${IN_SCOPE_SQL('e', scope)}
       ORDER BY c.ref, c.source, checkedAt DESC, e.rowid DESC`
    )
    .all({
      framework,
      start: period.start,
      end: period.end,
      judgedOn,
      scope: JSON.stringify(scope ?? [])
    }) as (AutomatedCheck & {
    ref: string
  })[]
  const checks = new Map<string, AutomatedCheck[]>()
  for (const { ref, ...check } of rows) {
    const listed = checks.get(ref) ?? []
    if (listed.some((earlier) => earlier.source === check.source)) continue
    listed.push(check)
    checks.set(ref, listed)
  }
  return checks
}

const scopeKey = (scope: ScopeAccounts): string => (scope === null ? '*' : JSON.stringify(scope))

/** The read cache's key of each whole-register read: what the read depends on, in words. */
export const READ_KEYS = {
  requirements: (framework: FrameworkId): string => `requirements:${framework}`,
  controls: 'controls',
  evidenceInForce: (period: { start: string; end: string }, judgedOn: string, scope: ScopeAccounts): string =>
    `in-force:${period.start}:${period.end}:${judgedOn}:${scopeKey(scope)}`,
  latestReviewBy: 'latest-review-by',
  checks: (
    framework: FrameworkId,
    period: { start: string; end: string },
    judgedOn: string,
    scope: ScopeAccounts
  ): string => `checks:${framework}:${period.start}:${period.end}:${judgedOn}:${scopeKey(scope)}`,
  evidenceStates: (today: string, expiringDays: number): string => `evidence-states:${today}:${expiringDays}`,
  mappingsByControl: 'mappings-by-control',
  dueSoon: (today: string, expiringDays: number, limit: number): string => `due-soon:${today}:${expiringDays}:${limit}`
} as const

/** Each control's evidence state on a day, from its latest review-by date (freshnessOf). */
export function evidenceStatesOf(
  latestReviewBy: ReadonlyMap<string, string | null>,
  today: string,
  expiringDays: number
): Map<string, ControlEvidenceState> {
  const states = new Map<string, ControlEvidenceState>()
  for (const [control, reviewBy] of latestReviewBy) states.set(control, freshnessOf(reviewBy, today, expiringDays))
  return states
}

/** The whole-register reads an assessment is made of; each is keyed by what it depends on. */
export interface AssessmentReads {
  requirements(framework: FrameworkId): RequirementRow[]
  controls(): ControlRow[]
  evidenceInForce(
    period: { start: string; end: string },
    judgedOn: string,
    scope: ScopeAccounts
  ): Map<string, EvidenceInForce>
  latestReviewBy(): Map<string, string | null>
  /** Each control's evidence state on a day (freshnessOf of its latest review-by date); absent: no evidence. */
  evidenceStates(today: string, expiringDays: number): ReadonlyMap<string, ControlEvidenceState>
  checks(
    framework: FrameworkId,
    period: { start: string; end: string },
    judgedOn: string,
    scope: ScopeAccounts
  ): Map<string, AutomatedCheck[]>
}

/**
 * The reads, kept in the read cache while the register is unchanged (without one, read each
 * time). Results are shared between assessments: an assessment copies what it changes.
 */
export function assessmentReads(db: Database.Database, cache?: ReadCache): AssessmentReads {
  const kept = <T>(key: string, read: () => T): T => (cache ? cache.get(key, read) : read())
  return {
    requirements: (framework) => kept(READ_KEYS.requirements(framework), () => requirementRows(db, framework)),
    controls: () => kept(READ_KEYS.controls, () => controlRows(db)),
    evidenceInForce: (period, judgedOn, scope) =>
      kept(READ_KEYS.evidenceInForce(period, judgedOn, scope), () =>
        evidenceInForceByControl(db, period, judgedOn, scope)
      ),
    latestReviewBy: () => kept(READ_KEYS.latestReviewBy, () => latestReviewByControl(db)),
    evidenceStates(today, expiringDays) {
      return kept(READ_KEYS.evidenceStates(today, expiringDays), () =>
        evidenceStatesOf(this.latestReviewBy(), today, expiringDays)
      )
    },
    checks: (framework, period, judgedOn, scope) =>
      kept(READ_KEYS.checks(framework, period, judgedOn, scope), () =>
        automatedChecks(db, framework, period, judgedOn, scope)
      )
  }
}
