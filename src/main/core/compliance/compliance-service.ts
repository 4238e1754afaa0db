import type Database from 'better-sqlite3'
import { toDay } from '../../../shared/dates'
import {
  isBuiltinFramework,
  BUILTIN_FRAMEWORK_IDS,
  type ControlEvidenceState,
  type FrameworkId
} from '../../../shared/domain'
import { describeScope, scopeAccounts, scopeIsAll } from '../../../shared/pack-definition'
import { judgedOn, type AuditPeriod } from '../../../shared/compliance/period'
import type { OpenItem, PackControlChoice, PackScope } from '../../../shared/types'
import type { OrganisationService } from '../organisation/organisation-service'
import type { RegisterSettings } from '../settings/register-settings'
import type { ReadCache } from '../db/read-cache'
import type { SnapshotPlan } from '../db/read-snapshot'
import { Assessment, type AssessmentOptions } from './assessment'
import { assessmentReads, type AssessmentReads } from './assessment-queries'
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
  /** The grouped whole-register reads, kept while the register is unchanged. */
  readonly reads: AssessmentReads

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date,
    private readonly settings: RegisterSettings,
    private readonly organisation: OrganisationService,
    private readonly cache: ReadCache
  ) {
    this.reads = assessmentReads(db, cache)
  }

  /**
   * Today's state of each control's evidence, the register's Evidence column: the freshest linked
   * item decides (freshnessOf), and a control with none has 'none'. One grouped query for all.
   */
  evidenceStates(): ReadonlyMap<string, ControlEvidenceState> {
    const today = toDay(this.now())
    const expiringDays = this.settings.expiringDays()
    return this.reads.evidenceStates(today, expiringDays)
  }

  /** Every framework in the register: the built-in three in their usual order, then imported ones by name. */
  frameworkIds(): FrameworkId[] {
    const ids = this.db.prepare(`SELECT id FROM frameworks ORDER BY name`).pluck().all() as string[]
    return [...BUILTIN_FRAMEWORK_IDS.filter((id) => ids.includes(id)), ...ids.filter((id) => !isBuiltinFramework(id))]
  }

  /**
   * The assessment for a request. Kept while the register is unchanged, so the dashboard, the
   * frameworks, the matrix and readiness asking for the same period and scope share one; its
   * results are read-only to every caller.
   */
  assess(request: AssessmentRequest = {}): Assessment {
    const scope = request.scope ?? { accounts: [], organizationalUnits: [] }
    const accounts = this.organisation.accounts()
    const options: AssessmentOptions = {
      frameworks: request.frameworks ?? this.frameworkIds(),
      period: request.period ?? this.settings.auditPeriod(),
      today: toDay(this.now()),
      expiringDays: this.settings.expiringDays(),
      scope: {
        accounts: scopeIsAll(scope) ? null : scopeAccounts(scope, accounts).map((account) => account.accountId),
        label: describeScope(scope, accounts)
      },
      ...(request.choices ? { choices: request.choices } : {})
    }
    return this.cache.get(`assessment:${JSON.stringify(options)}`, () => Assessment.build(this.db, options, this.reads))
  }

  /**
   * The assessment for a request with its requirement trees built, in slices that leave the event
   * loop free between them: the screens' reads call this first, then read it at once.
   */
  async prepare(request: AssessmentRequest = {}): Promise<Assessment> {
    const assessment = this.assess(request)
    await assessment.prepare()
    return assessment
  }

  /** What the register's own assessment reads (its frameworks, period and day), for a rebuild in a worker. */
  snapshotPlan(): SnapshotPlan {
    const period = this.settings.auditPeriod()
    const today = toDay(this.now())
    return {
      frameworks: this.frameworkIds(),
      period,
      judgedOn: judgedOn(period, today),
      today,
      expiringDays: this.settings.expiringDays()
    }
  }

  /** Where the register is: it changes with every write, by this connection or another (ReadCache.version). */
  registerVersion(): string {
    return this.cache.version()
  }

  openItems(assessment: Assessment): OpenItem[] {
    return assessment.derived('open-items', () => openItems(this.db, assessment))
  }
}
