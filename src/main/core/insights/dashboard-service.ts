import type Database from 'better-sqlite3'
import { addDays, toDay } from '../../../shared/dates'
import { freshnessOf } from '../../../shared/compliance/evidence-rules'
import {
  CONTROL_EVIDENCE_STATES,
  CONTROL_STATUSES,
  RESPONSIBILITIES,
  type ControlStatus,
  type FrameworkId
} from '../../../shared/domain'
import type { DashboardSummary, DueEvidence, FrameworkDashboard, Gap } from '../../../shared/types'
import type { ComplianceService } from '../compliance/compliance-service'
import type { OrganisationService } from '../organisation/organisation-service'
import type { RegisterSettings } from '../settings/register-settings'
import type { ReadCache } from '../db/read-cache'
import { READ_KEYS } from '../compliance/assessment-queries'

/** How many due evidence items the dashboard lists. */
export const DASHBOARD_DUE_LIMIT = 10

/** How far a control has come: a requirement whose controls have come least far is the most urgent gap. */
const STATUS_PROGRESS: Record<ControlStatus, number> = {
  'not-started': 0,
  planned: 1,
  'in-progress': 2,
  implemented: 3,
  'not-applicable': 3
}

const DAY_MS = 86_400_000

/**
 * Per framework in the organisation's scope: results for the register's audit period, controls by
 * status, responsibility and evidence; the most urgent gaps; and evidence due for review.
 */
export class DashboardService {
  constructor(
    private readonly db: Database.Database,
    private readonly compliance: ComplianceService,
    private readonly organisation: OrganisationService,
    private readonly settings: RegisterSettings,
    private readonly now: () => Date,
    private readonly cache: ReadCache
  ) {}

  summary(gapLimit = 10, dueLimit = DASHBOARD_DUE_LIMIT): DashboardSummary {
    // Shared while the register is unchanged (and for the day): callers treat it as read-only.
    return this.cache.get(`dashboard:${toDay(this.now())}:${gapLimit}:${dueLimit}`, () =>
      this.summarise(gapLimit, dueLimit)
    )
  }

  /** What the dashboard assesses: the organisation's chosen frameworks, or every one in the register. */
  assessmentRequest(): { frameworks: FrameworkId[] } {
    const chosen = this.organisation.get().frameworks
    const all = this.compliance.frameworkIds()
    return { frameworks: chosen.length > 0 ? all.filter((id) => chosen.includes(id)) : all }
  }

  private summarise(gapLimit: number, dueLimit: number): DashboardSummary {
    const { frameworks } = this.assessmentRequest()
    const assessment = this.compliance.assess({ frameworks })
    const cards: FrameworkDashboard[] = []
    const gaps: (Gap & { urgency: number })[] = []
    for (const framework of frameworks) {
      const byStatus = zeroes(CONTROL_STATUSES)
      const byResponsibility = zeroes(RESPONSIBILITIES)
      const byEvidence = zeroes(CONTROL_EVIDENCE_STATES)
      const counted = new Set<string>()
      for (const node of assessment.tree(framework)) {
        for (const control of node.controls) {
          if (counted.has(control.id)) continue
          counted.add(control.id)
          byStatus[control.status]++
          byResponsibility[control.responsibility]++
          byEvidence[control.evidence ?? 'none']++
        }
        if (node.result !== 'not-in-place' && node.result !== 'not-tested') continue
        const progress = Math.min(3, ...node.controls.map((control) => STATUS_PROGRESS[control.status]))
        gaps.push({
          framework,
          ref: node.ref,
          title: node.title,
          result: node.result,
          reasons: node.reasons,
          controls: node.controls,
          // Not in place before not tested; then the requirement whose controls have come least far.
          urgency: (node.result === 'not-in-place' ? 0 : 10) + (node.controls.length === 0 ? -1 : progress)
        })
      }
      cards.push({ ...assessment.summary(framework), byStatus, byResponsibility, byEvidence })
    }
    gaps.sort((a, b) => a.urgency - b.urgency)
    return {
      assessment: assessment.context,
      frameworks: cards,
      gaps: gaps.slice(0, gapLimit).map(({ urgency: _urgency, ...gap }) => gap),
      dueSoon: this.dueSoon(dueLimit)
    }
  }

  /**
   * Evidence whose review-by date has passed or falls in the expiring window, most overdue first.
   * An item another one has replaced (every control it supports has evidence reviewed later) is
   * not due: the newer item speaks for the control now.
   */
  dueSoon(limit: number): DueEvidence[] {
    const today = toDay(this.now())
    const days = this.settings.expiringDays()
    const rows = this.cache.get(READ_KEYS.dueSoon(today, days, limit), () => dueSoonRows(this.db, today, days, limit))
    return rows.map((row) => ({
      id: row.id,
      title: row.title,
      reviewBy: row.reviewBy,
      daysLeft: Math.round((Date.parse(`${row.reviewBy}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS),
      freshness: freshnessOf(row.reviewBy, today, days),
      owners: row.owners ? row.owners.split(',').sort() : [],
      controls: row.controls ? row.controls.split(',').sort() : []
    }))
  }
}

function zeroes<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>
}

/** A row of the dashboard's due evidence. */
export interface DueSoonRow {
  id: string
  title: string
  reviewBy: string
  controls: string | null
  owners: string | null
}

/**
 * Evidence due by `days` after today, most overdue first, at most `limit`. An item is replaced for
 * a control when that control has evidence reviewed later (or never going stale): so an item is
 * due when its review-by date is its control's latest, or when it supports no control. The latest
 * per control is one grouped query, not a search per item.
 */
export function dueSoonRows(db: Database.Database, today: string, days: number, limit: number): DueSoonRow[] {
  return db
    .prepare(
      `WITH latest AS (
     SELECT ec.control_id AS control, max(coalesce(e.review_by, '9999-12-31')) AS best
     FROM evidence_controls ec JOIN evidence e ON e.id = ec.evidence_id
     WHERE e.removed_at IS NULL GROUP BY ec.control_id HAVING best <= @soon),
   due AS (
     SELECT ec.evidence_id AS id FROM latest l JOIN evidence_controls ec ON ec.control_id = l.control
       JOIN evidence e ON e.id = ec.evidence_id AND e.removed_at IS NULL AND e.review_by = l.best
     UNION
     SELECT e.id FROM evidence e WHERE e.removed_at IS NULL AND e.review_by <= @soon
       AND NOT EXISTS (SELECT 1 FROM evidence_controls x WHERE x.evidence_id = e.id))
   SELECT e.id, e.title, e.review_by AS reviewBy,
     (SELECT group_concat(ec.control_id, ',') FROM evidence_controls ec WHERE ec.evidence_id = e.id) AS controls,
     (SELECT group_concat(DISTINCT c.owner) FROM evidence_controls ec JOIN controls c ON c.id = ec.control_id
       WHERE ec.evidence_id = e.id AND c.owner <> '') AS owners
   FROM due JOIN evidence e ON e.id = due.id
   ORDER BY e.review_by, e.id LIMIT @limit`
    )
    .all({ soon: addDays(today, days), limit }) as DueSoonRow[]
}
