import type Database from 'better-sqlite3'
import { toDay, yearEndingOn } from '../../../shared/dates'
import { DEFAULT_EXPIRING_DAYS } from '../../../shared/domain'
import type { AuditPeriod } from '../../../shared/compliance/period'
import type { AuditLog } from '../audit/audit-log'
import { writeTransaction } from '../db/write-transaction'
import { AppError } from '../errors'

const EXPIRING_DAYS_KEY = 'evidence.expiringDays'
const AUDIT_PERIOD_KEY = 'assessment.period'

/** The register's own settings, kept in its meta table; every change audited. */
export class RegisterSettings {
  constructor(
    private readonly db: Database.Database,
    private readonly audit: AuditLog,
    private readonly now: () => Date
  ) {}

  private read(key: string): string | undefined {
    return this.db.prepare(`SELECT value FROM meta WHERE key = ?`).pluck().get(key) as string | undefined
  }

  private write(key: string, value: string | null): void {
    if (value === null) this.db.prepare(`DELETE FROM meta WHERE key = ?`).run(key)
    else
      this.db
        .prepare(`INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`)
        .run(key, value)
  }

  expiringDays(): number {
    const value = this.read(EXPIRING_DAYS_KEY)
    return value ? Number(value) : DEFAULT_EXPIRING_DAYS
  }

  setExpiringDays(days: number): void {
    const before = this.expiringDays()
    if (before === days) return
    writeTransaction(this.db, () => {
      this.write(EXPIRING_DAYS_KEY, String(days))
      this.audit.append({
        action: 'settings.update',
        entityType: 'settings',
        entityId: 'evidence',
        summary: `Evidence now counts as expiring ${days} days before its review-by date`,
        before: { expiringDays: before },
        after: { expiringDays: days }
      })
    })
  }

  /** The audit period set for the register, or null when it follows today (the twelve months ending today). */
  savedAuditPeriod(): AuditPeriod | null {
    const value = this.read(AUDIT_PERIOD_KEY)
    return value ? (JSON.parse(value) as AuditPeriod) : null
  }

  /** The period the dashboard, the frameworks and the command line judge results for. */
  auditPeriod(): AuditPeriod {
    return this.savedAuditPeriod() ?? yearEndingOn(toDay(this.now()))
  }

  /** Sets the register's audit period, or (null) lets it follow today again. */
  setAuditPeriod(period: AuditPeriod | null): void {
    if (period && period.start > period.end) {
      throw new AppError('VALIDATION', 'The audit period must start on or before its end.')
    }
    const before = this.savedAuditPeriod()
    if (JSON.stringify(before) === JSON.stringify(period)) return
    writeTransaction(this.db, () => {
      this.write(AUDIT_PERIOD_KEY, period ? JSON.stringify({ start: period.start, end: period.end }) : null)
      this.audit.append({
        action: 'settings.update',
        entityType: 'settings',
        entityId: 'assessment',
        summary: period
          ? `The register's audit period is now ${period.start} to ${period.end}`
          : "The register's audit period now follows today (the twelve months ending today)",
        before: { auditPeriod: before },
        after: { auditPeriod: period }
      })
    })
  }
}
