import type { z } from 'zod'
import type { Result } from '../result'
import {
  auditQuerySchema,
  controlCreateSchema,
  controlIdArgsSchema,
  controlQuerySchema,
  controlFindSchema,
  controlUpdateSchema,
  emptyArgsSchema,
  treeArgsSchema,
  requirementControlsSchema,
  matrixArgsSchema,
  responsibilityColumnSchema,
  requirementDecisionSchema,
  organisationPatchSchema,
  personInputSchema,
  personUpdateSchema,
  accountInputSchema,
  accountUpdateSchema,
  accountIdArgsSchema,
  accountsImportSchema,
  organizationalUnitSchema,
  mappingArgsSchema,
  requirementScopeSchema,
  searchArgsSchema,
  evidenceContentSchema,
  evidenceIdArgsSchema,
  evidenceImportSchema,
  evidenceLinkInheritedSchema,
  evidenceLinkSchema,
  evidenceListArgsSchema,
  evidenceRemoveSchema,
  evidenceUpdateSchema,
  jobArgsSchema,
  optionalJobArgsSchema,
  settingsSchema,
  exportPathSchema,
  packControlChoiceSchema,
  packExportSchema,
  packIdArgsSchema,
  packInputSchema,
  packUpdateSchema,
  packVerifyPathSchema,
  collectorImportSchema,
  collectorScriptSchema,
  trustKeySchema,
  oscalCatalogImportSchema,
  oscalSspExportSchema,
  type EvidenceImportOptions,
  spreadsheetExportSchema,
  controlImportSchema,
  type ControlImportOptions,
  registerSwitchSchema,
  registerOpenFolderSchema,
  requestListArgsSchema,
  requestImportSchema,
  requestUpdateSchema,
  requestExportSchema,
  type RequestImportOptions
} from '../schemas'
import type {
  AuditRequest,
  ControlImportPreview,
  RequestExportResult,
  RequestImportResult,
  SpreadsheetExportResult
} from '../spreadsheets'
import type {
  AccountsImportResult,
  Organisation,
  OrganizationalUnit,
  Person,
  AppInfo,
  AuditEntry,
  AuditVerification,
  BackupInfo,
  KnownSigningKey,
  AwsAccount,
  ControlDetail,
  ControlPage,
  ControlMatches,
  ControlSummary,
  DashboardSummary,
  FrameworkName,
  FrameworkSummary,
  RequirementNode,
  ResponsibilityMatrix,
  SearchHit,
  EvidenceDetail,
  EvidenceSummary,
  ImportedItem,
  JobProgress,
  PackDefinition,
  PackExportResult,
  PackReadiness,
  PackVerification,
  VaultVerification,
  CollectorImportResult,
  CollectorScriptResult,
  OscalCatalogImportResult,
  OscalExportResult,
  ControlRecordExport,
  RegistersState
} from '../types'
import type { ErrorCode } from '../result'
import type { EventChannel, InvokeChannel, RendererChannel } from './channels'

/** Declares a call: the schema its argument must satisfy and the type of its result. */
const returns =
  <R>() =>
  <A extends z.ZodType>(args: A) => ({ args, result: undefined as unknown as R })

/**
 * The one contract between the renderer and the main process. Every handler validates its
 * argument with the schema named here; the preload, the browser host and the renderer's API
 * module are all derived from it.
 */
export const contract = {
  'app:info': returns<AppInfo>()(emptyArgsSchema),
  'app:loadSample': returns<AppInfo>()(emptyArgsSchema),
  'accounts:list': returns<AwsAccount[]>()(emptyArgsSchema),
  'frameworks:list': returns<FrameworkSummary[]>()(emptyArgsSchema),
  'frameworks:tree': returns<RequirementNode[]>()(treeArgsSchema),
  'requirements:scope': returns<RequirementNode>()(requirementScopeSchema),
  'controls:list': returns<ControlSummary[]>()(controlQuerySchema),
  /** Controls for a picker, by id or title, at most `limit`; `more` when others match too. */
  'controls:find': returns<ControlMatches>()(controlFindSchema),
  'controls:get': returns<ControlDetail>()(controlIdArgsSchema),
  'controls:create': returns<ControlDetail>()(controlCreateSchema),
  'controls:update': returns<ControlDetail>()(controlUpdateSchema),
  'controls:map': returns<ControlDetail>()(mappingArgsSchema),
  'controls:unmap': returns<ControlDetail>()(mappingArgsSchema),
  'controls:owners': returns<{ owner: string; controls: number }[]>()(emptyArgsSchema),
  'controls:domains': returns<string[]>()(emptyArgsSchema),
  'responsibility:matrix': returns<ResponsibilityMatrix>()(matrixArgsSchema),
  'dashboard:summary': returns<DashboardSummary>()(emptyArgsSchema),
  'audit:list': returns<AuditEntry[]>()(auditQuerySchema),
  'audit:verify': returns<AuditVerification>()(emptyArgsSchema),
  'audit:actors': returns<string[]>()(emptyArgsSchema),
  'search:global': returns<SearchHit[]>()(searchArgsSchema),
  'evidence:list': returns<{ items: EvidenceSummary[]; total: number }>()(evidenceListArgsSchema),
  'evidence:get': returns<EvidenceDetail>()(evidenceIdArgsSchema),
  'evidence:import': returns<ImportBatchResult>()(evidenceImportSchema),
  'evidence:update': returns<EvidenceDetail>()(evidenceUpdateSchema),
  'evidence:link': returns<EvidenceDetail>()(evidenceLinkSchema),
  'evidence:unlink': returns<EvidenceDetail>()(evidenceLinkSchema),
  'evidence:linkInherited': returns<{ linked: string[]; alreadyLinked: number }>()(evidenceLinkInheritedSchema),
  'evidence:remove': returns<EvidenceDetail>()(evidenceRemoveSchema),
  'evidence:restore': returns<EvidenceDetail>()(evidenceIdArgsSchema),
  'evidence:verify': returns<VaultVerification>()(optionalJobArgsSchema),
  'evidence:content': returns<{ mediaType: string; name: string; size: number; base64: string }>()(
    evidenceContentSchema
  ),
  'evidence:freshness': returns<Record<'fresh' | 'expiring' | 'expired', number>>()(emptyArgsSchema),
  'jobs:cancel': returns<boolean>()(jobArgsSchema),
  'settings:get': returns<Settings>()(emptyArgsSchema),
  'settings:update': returns<Settings>()(settingsSchema),
  'packs:list': returns<PackDefinition[]>()(emptyArgsSchema),
  'packs:get': returns<PackDefinition>()(packIdArgsSchema),
  'packs:create': returns<PackDefinition>()(packInputSchema),
  'packs:update': returns<PackDefinition>()(packUpdateSchema),
  'packs:copy': returns<PackDefinition>()(packIdArgsSchema),
  'packs:delete': returns<boolean>()(packIdArgsSchema),
  'packs:setControl': returns<PackDefinition>()(packControlChoiceSchema),
  'packs:readiness': returns<PackReadiness>()(packIdArgsSchema),
  'packs:export': returns<PackExportResult>()(packExportSchema),
  'packs:verifyPath': returns<PackVerification>()(packVerifyPathSchema),
  'packs:signingKey': returns<{ fingerprint: string; publicKeyPem: string; createdAt: string }>()(emptyArgsSchema),
  'app:showInFolder': returns<boolean>()(exportPathSchema),
  'requirements:decide': returns<RequirementNode>()(requirementDecisionSchema),
  'org:get': returns<Organisation>()(emptyArgsSchema),
  'org:update': returns<Organisation>()(organisationPatchSchema),
  'people:list': returns<Person[]>()(emptyArgsSchema),
  'people:add': returns<Person>()(personInputSchema),
  'people:update': returns<Person>()(personUpdateSchema),
  'accounts:add': returns<AwsAccount>()(accountInputSchema),
  'accounts:update': returns<AwsAccount>()(accountUpdateSchema),
  'accounts:remove': returns<boolean>()(accountIdArgsSchema),
  'accounts:import': returns<AccountsImportResult>()(accountsImportSchema),
  'units:list': returns<OrganizationalUnit[]>()(emptyArgsSchema),
  'units:update': returns<OrganizationalUnit>()(organizationalUnitSchema),
  'frameworks:names': returns<FrameworkName[]>()(emptyArgsSchema),
  'collector:writeScript': returns<CollectorScriptResult>()(collectorScriptSchema),
  'collector:import': returns<CollectorImportResult>()(collectorImportSchema),
  'backup:status': returns<{ last: BackupInfo | null; automaticKeep: number }>()(emptyArgsSchema),
  'keys:list': returns<KnownSigningKey[]>()(emptyArgsSchema),
  'keys:trust': returns<KnownSigningKey>()(trustKeySchema),
  'oscal:exportSsp': returns<OscalExportResult>()(oscalSspExportSchema),
  'oscal:exportComponentDefinition': returns<OscalExportResult>()(emptyArgsSchema),
  'oscal:importCatalog': returns<OscalCatalogImportResult>()(oscalCatalogImportSchema),
  'spreadsheets:export': returns<SpreadsheetExportResult>()(spreadsheetExportSchema),
  'controls:import': returns<ControlImportPreview>()(controlImportSchema),
  'requests:list': returns<AuditRequest[]>()(requestListArgsSchema),
  'requests:import': returns<RequestImportResult>()(requestImportSchema),
  'requests:update': returns<AuditRequest>()(requestUpdateSchema),
  'requests:export': returns<RequestExportResult>()(requestExportSchema),
  'requirements:controls': returns<ControlPage>()(requirementControlsSchema),
  'responsibility:column': returns<ControlPage & Pick<ResponsibilityMatrix, 'reports' | 'reportGaps'>>()(
    responsibilityColumnSchema
  ),
  'registers:list': returns<RegistersState>()(emptyArgsSchema),
  'registers:switch': returns<RegistersState>()(registerSwitchSchema),
  'registers:trySample': returns<RegistersState>()(emptyArgsSchema),
  /** Null when the folder dialog was cancelled. */
  'registers:openFolder': returns<RegistersState | null>()(registerOpenFolderSchema),
  /** One control's record as a PDF in the data folder's exports/. */
  'controls:exportRecord': returns<ControlRecordExport>()(controlIdArgsSchema)
} satisfies Record<InvokeChannel, { args: z.ZodType; result: unknown }>

export type Contract = typeof contract
/** What a caller passes (before defaults and normalisation). */
export type ArgsOf<C extends InvokeChannel> = z.input<Contract[C]['args']>
/** What a handler receives (after validation). */
export type ParsedArgsOf<C extends InvokeChannel> = z.output<Contract[C]['args']>
export type ResultOf<C extends InvokeChannel> = Contract[C]['result']

export interface Settings {
  /** Evidence counts as expiring this many days before its review-by date. */
  expiringDays: number
  /** The audit period the dashboard, frameworks and command line judge results for. */
  auditPeriod: { start: string; end: string }
  /** Whether that period was set, or follows today (the twelve months ending today). */
  auditPeriodSet: boolean
}

export interface ImportBatchResult {
  imported: ImportedItem[]
  failed: { name: string; code: ErrorCode; message: string }[]
}

/** Payloads of the events the main process pushes. */
export interface EventPayloads {
  /** Something in the register changed; views refetch what they show. */
  'register:changed': { channel: InvokeChannel }
  /** Long work reports how far it has come. */
  'jobs:progress': JobProgress
}
export type EventPayload<E extends EventChannel> = EventPayloads[E]

/** window.api as the preload exposes it: every channel but those that take paths (see PATH_CHANNELS). */
export type Api = {
  [C in RendererChannel]: undefined extends ArgsOf<C>
    ? (args?: ArgsOf<C>) => Promise<Result<ResultOf<C>>>
    : (args: ArgsOf<C>) => Promise<Result<ResultOf<C>>>
} & {
  on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void
  /**
   * Attaches files the user dropped or picked. The desktop app passes their paths to
   * evidence:import; the browser host uploads their contents. Progress arrives as jobs:progress.
   */
  importFiles(files: File[], options: EvidenceImportOptions, jobId: string): Promise<Result<ImportBatchResult>>
  /** Verifies a pack the user dropped or picked (a path in the desktop app, an upload in the browser host). */
  verifyPackFile(file: File): Promise<Result<PackVerification>>
  /** A control list the user dropped or picked: previewed, or applied with `apply`. */
  importControlsFile(file: File, options: ControlImportOptions): Promise<Result<ControlImportPreview>>
  /** An auditor's request list the user dropped or picked, into a pack: previewed, or applied with `apply`. */
  importRequestsFile(file: File, options: RequestImportOptions): Promise<Result<RequestImportResult>>
}
