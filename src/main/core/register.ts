import type Database from 'better-sqlite3'
import { existsSync, mkdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { FrameworkId } from '../../shared/domain'
import type { AppInfo, AwsAccount, PackExportResult, PackReadiness, SearchHit } from '../../shared/types'
import { AuditLog } from './audit/audit-log'
import { bundledCatalogs, bundledSampleOrganisation, bundledStarterLibrary } from './catalog/bundled-data'
import { loadCatalogs } from './catalog/catalog-loader'
import {
  hasSampleOrganisation,
  hasStarterLibrary,
  loadSampleOrganisation,
  loadStarterLibrary
} from './catalog/library-loader'
import { ControlService } from './controls/control-service'
import { ControlRecords } from './controls/control-records'
import { PackService } from './packs/pack-service'
import type { PackRequest } from './packs/assemble-pack'
import { OscalService } from './oscal/oscal-service'
import { SpreadsheetExporter } from './spreadsheets/spreadsheet-export'
import { ControlImporter } from './spreadsheets/control-import'
import { RequestService } from './requests/request-service'
import { RequestExporter } from './requests/request-export'
import { KeyRegister } from './packs/key-register'
import { BackupService } from './backup/backup-service'
import { EvidenceService } from './evidence/evidence-service'
import { VaultStore } from './evidence/vault-store'
import { JobRegistry } from './jobs/job-registry'
import { TaskRunner } from './jobs/task-runner'
import { LIMITS } from './util/limits'
import { PRIVATE_DIR_MODE } from './util/private-files'
import { importSampleEvidence } from './samples/import-sample-evidence'
import { toFtsQuery } from './controls/fts-query'
import { openDatabase } from './db/open-database'
import { AppError } from './errors'
import { FrameworkService } from './frameworks/framework-service'
import { ComplianceService } from './compliance/compliance-service'
import { DashboardService } from './insights/dashboard-service'
import { OrganisationService } from './organisation/organisation-service'
import { RegisterSettings } from './settings/register-settings'
import { ResponsibilityService } from './insights/responsibility-service'
import { actorFromEnvironment, dataPaths, operatingSystemUser, PRODUCT_NAME, type DataPaths } from './paths'
import { describeFsError } from './util/fs-errors'
import { ReadCache } from './db/read-cache'
import { SnapshotRebuilder, decodeSnapshot } from './db/read-snapshot'
import { needsPackEvidenceFacts, packEvidenceQuery, seedPackEvidenceFacts } from './compliance/pack-evidence'
import { holdsUserData } from './registers/user-data'

export interface RegisterOptions {
  dataDir: string
  /**
   * Recorded as the author of every change when given (the command line's --as, or
   * EVIDENCE_DESK_USER); otherwise the person set as "you" in the register, and until one is set,
   * the operating-system user.
   */
  actor?: string
  now?: () => Date
  /** Refuse to create a register that does not exist yet (default: create it). */
  mustExist?: boolean
  appVersion?: string
  /** Where the fonts for packs are (resources/fonts); found next to the app when not given. */
  fontsDir?: string
  /**
   * Rebuild the whole-register reads in a worker thread after a change, so a long-running host
   * (the desktop app, the browser host) keeps serving meanwhile. The command line, which answers
   * one call and exits, reads on its own thread (a worker would only add its start-up).
   */
  backgroundReads?: boolean
}

/**
 * One open register: the database, its services and its data folder. The desktop app, the
 * browser host and the command line each open one and call the same services.
 */
export class Register {
  readonly audit: AuditLog
  readonly settings: RegisterSettings
  readonly organisation: OrganisationService
  readonly compliance: ComplianceService
  readonly controls: ControlService
  readonly frameworks: FrameworkService
  readonly responsibility: ResponsibilityService
  readonly dashboard: DashboardService
  readonly vault: VaultStore
  readonly jobs = new JobRegistry()
  /** Reads files from others (evidence, packs sent back) under a heap limit. */
  readonly tasks = new TaskRunner(LIMITS.workerHeapMb.value)
  readonly evidence: EvidenceService
  readonly packs: PackService
  readonly keys: KeyRegister
  readonly backups: BackupService
  readonly oscal: OscalService
  /** Spreadsheets out (register, SoA, matrix, evidence, audit log) and control lists in. */
  readonly spreadsheets: SpreadsheetExporter
  readonly controlImport: ControlImporter
  /** Auditors' request lists, one per pack. */
  readonly requests: RequestService
  /** The responses to a request list, as a signed ZIP. */
  readonly requestExport: RequestExporter
  readonly controlRecords: ControlRecords
  /** Rebuilds the read cache's whole-register reads in a worker (hosts that asked for it). */
  private readonly snapshots: SnapshotRebuilder | undefined
  private readonly snapshotTasks: TaskRunner | undefined
  private explicitActor: string | undefined

  // The one place the services are made and wired: each receives only what it uses.
  private constructor(
    readonly db: Database.Database,
    readonly paths: DataPaths,
    readonly now: () => Date,
    actor: string | undefined,
    private readonly appVersion: string,
    fontsDir: string,
    backgroundReads: boolean
  ) {
    this.explicitActor = actor
    const currentActor = (): string => this.actor
    this.audit = new AuditLog(db, now, currentActor)
    this.settings = new RegisterSettings(db, this.audit, now)
    this.organisation = new OrganisationService(db, this.audit, now)
    const reads = new ReadCache(db)
    this.compliance = new ComplianceService(db, now, this.settings, this.organisation, reads)
    if (backgroundReads) {
      // A worker of its own, so a rebuild never waits behind a pack being built.
      const snapshotTasks = new TaskRunner()
      this.snapshotTasks = snapshotTasks
      this.snapshots = new SnapshotRebuilder(
        reads,
        () => this.compliance.snapshotPlan(),
        async (plan) => decodeSnapshot(await snapshotTasks.run('read-snapshot', { database: paths.database, plan })),
        (error) => console.warn(`Reading the register in the background failed; reading it here: ${String(error)}`)
      )
    }
    this.vault = new VaultStore(paths.vault)
    this.evidence = new EvidenceService(
      db,
      this.audit,
      now,
      this.vault,
      this.tasks,
      this.jobs,
      currentActor,
      this.settings
    )
    this.controls = new ControlService(db, this.audit, now, () => this.evidence.freshnessParams(), {
      cache: reads,
      evidenceStates: () => this.compliance.evidenceStates()
    })
    this.frameworks = new FrameworkService(db, this.audit, now, currentActor, this.compliance)
    this.responsibility = new ResponsibilityService(db, this.compliance, this.evidence)
    this.dashboard = new DashboardService(db, this.compliance, this.organisation, this.settings, now, reads)
    this.backups = new BackupService(this, appVersion)
    this.keys = new KeyRegister(db, this.audit, paths.keys, now, currentActor)
    this.packs = new PackService({
      db,
      audit: this.audit,
      compliance: this.compliance,
      organisation: this.organisation,
      keys: this.keys,
      jobs: this.jobs,
      tasks: this.tasks,
      now,
      actor: currentActor,
      vaultPath: (sha256) => this.vault.pathOf(sha256),
      paths: { keys: paths.keys, exports: paths.exports },
      fontsDir,
      generator: `${PRODUCT_NAME} ${appVersion}`
    })
    this.oscal = new OscalService({
      db,
      audit: this.audit,
      compliance: this.compliance,
      organisation: this.organisation,
      settings: this.settings,
      packs: this.packs,
      now,
      actor: currentActor,
      exportsDir: paths.exports
    })
    this.spreadsheets = new SpreadsheetExporter({
      db,
      audit: this.audit,
      controls: this.controls,
      evidence: this.evidence,
      frameworks: this.frameworks,
      organisation: this.organisation,
      packs: this.packs,
      settings: this.settings,
      now,
      actor: currentActor,
      exportsDir: paths.exports,
      generator: `${PRODUCT_NAME} ${appVersion}`
    })
    this.controlImport = new ControlImporter(db, this.audit, now, this.frameworks, this.tasks)
    this.requests = new RequestService(db, this.audit, now, this.organisation, this.tasks)
    this.requestExport = new RequestExporter({
      db,
      audit: this.audit,
      requests: this.requests,
      packs: this.packs,
      frameworks: this.frameworks,
      jobs: this.jobs,
      tasks: this.tasks,
      vaultPath: (sha256) => this.vault.pathOf(sha256),
      fontsDir,
      now,
      actor: currentActor,
      generator: `${PRODUCT_NAME} ${appVersion}`
    })
    this.controlRecords = new ControlRecords({
      controls: this.controls,
      evidence: this.evidence,
      audit: this.audit,
      organisation: this.organisation,
      frameworks: this.frameworks,
      exportsDir: paths.exports,
      fontsDir,
      now,
      actor: currentActor
    })
  }

  static async open(options: RegisterOptions): Promise<Register> {
    const paths = dataPaths(options.dataDir)
    const now = options.now ?? (() => new Date())
    ensureDataDir(paths.dataDir, options.mustExist ?? false)
    const db = await openDatabase({
      path: paths.database,
      backupsDir: paths.backups,
      now,
      mustExist: options.mustExist ?? false
    })
    const register = new Register(
      db,
      paths,
      now,
      options.actor?.trim() || actorFromEnvironment(),
      options.appVersion ?? '0.0.0',
      options.fontsDir ?? defaultFontsDir(),
      options.backgroundReads ?? false
    )
    try {
      register.initialise()
    } catch (error) {
      register.close()
      throw error
    }
    return register
  }

  /** Loads new or updated catalogs, and the starter library into a new register; tidies the vault. */
  private initialise(): void {
    this.vault.cleanTemporaryFiles()
    loadCatalogs(this.db, this.audit, bundledCatalogs())
    if (!hasStarterLibrary(this.db)) {
      this.setMeta('register.created', this.now().toISOString())
      loadStarterLibrary(this.db, this.audit, bundledStarterLibrary(), this.now().toISOString())
    }
  }

  /** Who changes are recorded under: the name given for this session, else "you" of the register, else the OS user. */
  get actor(): string {
    return this.explicitActor ?? this.organisation.get().you ?? operatingSystemUser()
  }

  /** Names who this session's changes are recorded under; an empty name hands back to "you" of the register. */
  setActor(actor: string): void {
    this.explicitActor = actor.trim() || undefined
  }

  /** Turns this register into the sample organisation's, with evidence the app generates for it. */
  async loadSampleOrganisation(): Promise<void> {
    if (hasSampleOrganisation(this.db)) return
    if (this.holdsUserData()) {
      throw new AppError(
        'VALIDATION',
        `The register at ${this.paths.dataDir} holds your own data, so the sample organisation is not loaded into it. ` +
          'Use another --data-dir for the sample (the app opens it in a register of its own: Try the sample organisation).'
      )
    }
    loadSampleOrganisation(this.db, this.audit, bundledSampleOrganisation(), this.now().toISOString())
    await importSampleEvidence(this.evidence, this.now().toISOString().slice(0, 10))
  }

  /** Whether anything beyond the catalogs and the starter library was recorded in this register. */
  holdsUserData(): boolean {
    return holdsUserData(this.db, bundledStarterLibrary().notApplicable.length)
  }

  info(): Omit<AppInfo, 'canShowInFolder' | 'hasFolderDialog'> {
    const count = (sql: string): number => this.db.prepare(sql).pluck().get() as number
    return {
      productName: PRODUCT_NAME,
      version: this.appVersion,
      dataDir: this.paths.dataDir,
      registerPath: this.paths.database,
      exportsDir: this.paths.exports,
      registerName: this.meta('register.name') ?? 'My register',
      organisationName: this.meta('organisation.name') ?? null,
      actor: this.actor,
      schemaVersion: this.db.pragma('user_version', { simple: true }) as number,
      hasSampleOrganisation: hasSampleOrganisation(this.db),
      counts: {
        controls: count(`SELECT count(*) FROM controls`),
        requirements: count(`SELECT count(*) FROM requirements WHERE assessable = 1 AND withdrawn = 0`),
        auditEntries: count(`SELECT count(*) FROM audit_log`)
      }
    }
  }

  accounts(): AwsAccount[] {
    return this.organisation.accounts()
  }

  /** The command palette: controls by full-text search, requirements by reference or title. */
  search(text: string, limit = 20): SearchHit[] {
    const hits: SearchHit[] = []
    const match = toFtsQuery(text)
    if (match) {
      const controls = this.db
        .prepare(
          `SELECT c.id, c.title, c.status FROM controls_fts f JOIN controls c ON c.rowid = f.rowid
           WHERE controls_fts MATCH ? ORDER BY f.rank LIMIT ?`
        )
        .all(match, limit) as { id: string; title: string; status: string }[]
      for (const control of controls) {
        hits.push({ kind: 'control', id: control.id, title: control.title, detail: control.status })
      }
    }
    const needle = text.trim().toLowerCase()
    if (needle) {
      const requirements = this.db
        .prepare(
          `SELECT r.framework_id AS framework, r.ref, r.title, f.name FROM requirements r
           JOIN frameworks f ON f.id = r.framework_id
           WHERE r.withdrawn = 0 AND (lower(r.ref) LIKE @prefix ESCAPE '\\' OR lower(r.title) LIKE @contains ESCAPE '\\')
           ORDER BY CASE WHEN lower(r.ref) = @exact THEN 0 WHEN lower(r.ref) LIKE @prefix ESCAPE '\\' THEN 1 ELSE 2 END,
             r.framework_id, r.position LIMIT @limit`
        )
        .all({
          exact: needle,
          prefix: `${escapeLike(needle)}%`,
          contains: `%${escapeLike(needle)}%`,
          limit
        }) as { framework: FrameworkId; ref: string; title: string; name: string }[]
      for (const requirement of requirements) {
        hits.push({
          kind: 'requirement',
          id: requirement.ref,
          framework: requirement.framework,
          title: requirement.title,
          detail: requirement.name
        })
      }
    }
    if (needle) hits.push(...this.searchEvidenceAndPacks(needle, limit))
    return hits
  }

  /** Evidence by id, title or file name, and saved packs by id or name: identifiers that match exactly first. */
  private searchEvidenceAndPacks(needle: string, limit: number): SearchHit[] {
    const params = { exact: needle, prefix: `${escapeLike(needle)}%`, contains: `%${escapeLike(needle)}%`, limit }
    const evidence = this.db
      .prepare(
        `SELECT id, title, original_name AS name FROM evidence
         WHERE removed_at IS NULL AND (lower(id) LIKE @prefix ESCAPE '\\' OR lower(title) LIKE @contains ESCAPE '\\'
           OR lower(original_name) LIKE @contains ESCAPE '\\')
         ORDER BY CASE WHEN lower(id) = @exact THEN 0 WHEN lower(id) LIKE @prefix ESCAPE '\\' THEN 1 ELSE 2 END, id
         LIMIT @limit`
      )
      .all(params) as { id: string; title: string; name: string }[]
    const packs = this.db
      .prepare(
        `SELECT id, name FROM packs
         WHERE lower(id) LIKE @prefix ESCAPE '\\' OR lower(name) LIKE @contains ESCAPE '\\'
         ORDER BY CASE WHEN lower(id) = @exact THEN 0 WHEN lower(id) LIKE @prefix ESCAPE '\\' THEN 1 ELSE 2 END, id
         LIMIT @limit`
      )
      .all(params) as { id: string; name: string }[]
    return [
      ...evidence.map((item) => ({ kind: 'evidence' as const, id: item.id, title: item.title, detail: item.name })),
      ...packs.map((pack) => ({ kind: 'pack' as const, id: pack.id, title: pack.name, detail: '' }))
    ]
  }

  meta(key: string): string | undefined {
    return this.db.prepare(`SELECT value FROM meta WHERE key = ?`).pluck().get(key) as string | undefined
  }

  private setMeta(key: string, value: string): void {
    this.db
      .prepare(`INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`)
      .run(key, value)
  }

  /**
   * Resolves when the whole-register reads are kept for the register as it is now: rebuilt in the
   * worker after a change where background reads are on (callers meanwhile do not block the
   * thread), at once otherwise. Screens' reads call this first, then read synchronously.
   */
  freshReads(): Promise<void> {
    return this.snapshots?.fresh() ?? Promise.resolve()
  }

  /** A saved pack's readiness for the register as it is now (see preparePack). */
  async packReadiness(id: string): Promise<PackReadiness> {
    const request = this.packs.requestOf(this.packs.get(id))
    await this.preparePack(request)
    return this.packs.readiness(request)
  }

  /**
   * Exports a saved pack into the data folder's exports/, its assessment prepared first (see
   * preparePack), so the export's own start holds the main process only briefly.
   */
  async exportSavedPack(
    id: string,
    formats: { pdf: boolean; zip: boolean },
    jobId?: string
  ): Promise<PackExportResult> {
    await this.preparePack(this.packs.requestOf(this.packs.get(id)))
    return this.packs.exportSaved(id, formats, jobId)
  }

  /**
   * Makes a pack's assessment ready to read at once. Where background reads are on, the
   * whole-register reads and the pack's evidence facts (a count and what falls due over every
   * evidence link of its controls, the slowest reads on a large register) are read in the worker
   * while the main process goes on serving; after a write meanwhile, they are read here instead.
   */
  private async preparePack(request: PackRequest): Promise<void> {
    await this.freshReads()
    const assessment = this.packs.assessmentOf(request)
    await assessment.prepare()
    if (this.snapshotTasks && needsPackEvidenceFacts(assessment)) {
      try {
        const facts = await this.snapshotTasks.run('read-pack-evidence', {
          database: this.paths.database,
          query: packEvidenceQuery(assessment)
        })
        seedPackEvidenceFacts(assessment, facts)
      } catch (error) {
        console.warn(`Reading the pack's evidence in the background failed; reading it here: ${String(error)}`)
      }
    }
  }

  /** How many times the whole-register reads were rebuilt in the worker. */
  get snapshotRebuilds(): number {
    return this.snapshots?.rebuilds ?? 0
  }

  close(): void {
    this.tasks.stop()
    this.snapshotTasks?.stop()
    if (this.db.open) this.db.close()
  }
}

/** The fonts shipped in resources/, looked for upwards from this module (source tree or built app). */
export function defaultFontsDir(): string {
  let folder = __dirname
  for (let level = 0; level < 6; level++) {
    const candidate = join(folder, 'resources', 'fonts')
    if (existsSync(join(candidate, 'NotoSans-Regular.ttf'))) return candidate
    folder = dirname(folder)
  }
  return join(__dirname, 'resources', 'fonts')
}

/** Escapes LIKE wildcards so user text matches literally. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`)
}

function ensureDataDir(dataDir: string, mustExist: boolean): void {
  let stats
  try {
    stats = statSync(dataDir, { throwIfNoEntry: false })
  } catch (error) {
    throw describeFsError(error, dataDir, 'use the data folder')
  }
  if (stats && !stats.isDirectory()) {
    throw new AppError(
      'VALIDATION',
      `The data folder ${dataDir} is a file, not a folder. Choose a folder with --data-dir.`
    )
  }
  if (stats) return
  if (mustExist) {
    throw new AppError('NOT_FOUND', `There is no register at ${dataDir}. Run "evidence-desk init" to create one.`)
  }
  try {
    mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE })
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unknown error'
    throw new AppError(
      'VALIDATION',
      `Could not create the data folder ${dataDir} (${reason}): its location may be read-only. ` +
        'Choose a writable folder with --data-dir.',
      { cause: error }
    )
  }
}
