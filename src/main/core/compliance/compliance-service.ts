import type Database from 'better-sqlite3'
import { toDay } from '../../../shared/dates'
import { isBuiltinFramework, BUILTIN_FRAMEWORK_IDS, type FrameworkId } from '../../../shared/domain'
import { describeScope, scopeAccounts, scopeIsAll } from '../../../shared/pack-definition'
import type { AuditPeriod } from '../../../shared/compliance/period'
import type { OpenItem, PackControlChoice, PackScope } from '../../../shared/types'
import type { OrganisationService } from '../organisation/organisation-service'
import type { RegisterSettings } from '../settings/register-settings'
import { Assessment } from './assessment'
import { openItems } from './open-items'

export interface AssessmentRequest {
  frameworks?: FrameworkId[]
  period?: AuditPeriod
  scope?: PackScope
  choices?: PackControlChoice[]
}

/**
 * Builds assessments: the register's current one (its audit period, every account) for the
 * dashboard, the frameworks, the responsibility matrix and the command line, and one for any
 * period, scope and choice of controls (a pack's).
 */
export class ComplianceService {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date,
    private readonly settings: RegisterSettings,
    private readonly organisation: OrganisationService
  ) {}

  /** Every framework in the register: the built-in three in their usual order, then imported ones by name. */
  frameworkIds(): FrameworkId[] {
    const ids = this.db.prepare(`SELECT id FROM frameworks ORDER BY name`).pluck().all() as string[]
    return [...BUILTIN_FRAMEWORK_IDS.filter((id) => ids.includes(id)), ...ids.filter((id) => !isBuiltinFramework(id))]
  }

  assess(request: AssessmentRequest = {}): Assessment {
    const scope = request.scope ?? { accounts: [], organizationalUnits: [] }
    const accounts = this.organisation.accounts()
    return Assessment.build(this.db, {
      frameworks: request.frameworks ?? this.frameworkIds(),
      period: request.period ?? this.settings.auditPeriod(),
      today: toDay(this.now()),
      expiringDays: this.settings.expiringDays(),
      scope: {
        accounts: scopeIsAll(scope) ? null : scopeAccounts(scope, accounts).map((account) => account.accountId),
        label: describeScope(scope, accounts)
      },
      ...(request.choices ? { choices: request.choices } : {})
    })
  }

  openItems(assessment: Assessment): OpenItem[] {
    return openItems(this.db, assessment)
  }
}
