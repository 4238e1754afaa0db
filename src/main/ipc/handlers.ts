import { join, sep } from 'node:path'
import type { InvokeChannel } from '../../shared/ipc/channels'
import type { ParsedArgsOf, ResultOf, Settings } from '../../shared/ipc/contract'
import type { AppInfo, RegistersState } from '../../shared/types'
import {
  collectorScope,
  defaultScriptPath,
  importCollection,
  writeCollectorScript
} from '../core/collector/collector-service'
import { AppError } from '../core/errors'
import type { Register } from '../core/register'
import type { AssessmentRequest } from '../core/compliance/compliance-service'
import { AUTOMATIC_KEEP } from '../core/backup/backup-service'

export type Handlers = {
  [C in InvokeChannel]: (args: ParsedArgsOf<C>) => ResultOf<C> | Promise<ResultOf<C>>
}

/** Calls that change the register: after each, open views are told to refresh. */
export const MUTATING_CHANNELS: ReadonlySet<InvokeChannel> = new Set<InvokeChannel>([
  'app:loadSample',
  'requirements:scope',
  'controls:create',
  'controls:update',
  'controls:map',
  'controls:unmap',
  'evidence:import',
  'evidence:update',
  'evidence:link',
  'evidence:unlink',
  'evidence:linkInherited',
  'evidence:remove',
  'evidence:restore',
  'settings:update',
  'packs:create',
  'packs:update',
  'packs:copy',
  'packs:delete',
  'packs:setControl',
  'packs:export',
  'requirements:decide',
  'org:update',
  'people:add',
  'people:update',
  'accounts:add',
  'accounts:update',
  'accounts:remove',
  'accounts:import',
  'units:update',
  'collector:import',
  'oscal:exportSsp',
  'oscal:exportComponentDefinition',
  'oscal:importCatalog',
  'controls:import',
  'keys:trust',
  'registers:switch',
  'registers:trySample',
  'registers:openFolder',
  'controls:exportRecord',
  'requests:import',
  'requests:update',
  'requests:export'
])

/** What only some hosts can do (the desktop app shows files in the system's file manager). */
export interface HostCapabilities {
  showInFolder?: (path: string) => void
  /** Switching to another register (the desktop app and the browser host; the command line uses --data-dir). */
  registers?: RegisterSwitching
}

export interface RegisterSwitching {
  state(): RegistersState
  switchToRecent(dataDir: string): Promise<unknown>
  openSample(): Promise<unknown>
  /** Whether openFolder shows the system's folder dialog (the desktop app) rather than taking a typed folder. */
  folderDialog: boolean
  /** Opens the folder typed (browser host) or chosen in the system's dialog (desktop); false when cancelled. */
  openFolder(path: string | undefined): Promise<boolean>
}

function switching(host: HostCapabilities): RegisterSwitching {
  if (!host.registers) {
    throw new AppError('VALIDATION', 'On the command line, name the register with --data-dir.')
  }
  return host.registers
}

/** Binds every channel of the contract to the register's services. */
export function createHandlers(register: Register, host: HostCapabilities = {}): Handlers {
  /**
   * A read of the whole register, made once its cached reads are fresh (rebuilt off this thread)
   * and the assessment it reads, if any, is built (in slices, so other calls are served meanwhile).
   */
  const fresh = async <T>(read: () => T, assessment?: () => AssessmentRequest): Promise<T> => {
    await register.freshReads()
    // A request the read will refuse (an unknown framework) is left for the read to report in its own words.
    if (assessment) await register.compliance.prepare(assessment()).catch(() => undefined)
    return read()
  }
  return {
    'app:info': () => appInfo(register, host),
    'app:loadSample': async () => {
      await register.loadSampleOrganisation()
      return appInfo(register, host)
    },
    'accounts:list': () => register.organisation.accounts(),
    'frameworks:list': () =>
      fresh(
        () => register.frameworks.list(),
        () => ({})
      ),
    'frameworks:tree': ({ framework, period, scope, controlsPerNode }) =>
      fresh(
        () =>
          register.frameworks.tree(framework, {
            ...(period ? { period } : {}),
            ...(scope ? { scope } : {}),
            ...(controlsPerNode !== undefined ? { controlsPerNode } : {})
          }),
        () => ({ frameworks: [framework], ...(period ? { period } : {}), ...(scope ? { scope } : {}) })
      ),
    'requirements:controls': ({ framework, ref, offset, limit }) =>
      fresh(
        () => register.frameworks.controls(framework, ref, offset, limit),
        () => ({ frameworks: [framework] })
      ),
    'requirements:scope': ({ framework, ref, applicable, reason }) =>
      register.frameworks.scope(framework, ref, applicable, reason),
    'controls:list': (query) => fresh(() => register.controls.list(query)),
    'controls:find': ({ text, limit, exclude }) => register.controls.find(text, limit, exclude),
    'controls:get': ({ id }) => register.controls.get(id),
    'controls:create': (input) => register.controls.create(input),
    'controls:update': ({ id, patch, expectedVersion }) => register.controls.update(id, patch, expectedVersion),
    'controls:map': ({ id, framework, ref }) => register.controls.map(id, framework, ref),
    'controls:unmap': ({ id, framework, ref }) => register.controls.unmap(id, framework, ref),
    'controls:owners': () => register.controls.owners(),
    'controls:domains': () => register.controls.domains(),
    'responsibility:matrix': (args) =>
      fresh(
        () => register.responsibility.matrix(args?.framework, args?.controlsPerColumn),
        () => register.responsibility.assessmentRequest(args?.framework)
      ),
    'responsibility:column': ({ framework, responsibility, offset, limit }) =>
      fresh(
        () => register.responsibility.column(responsibility, { framework, offset, limit }),
        () => register.responsibility.assessmentRequest(framework)
      ),
    'dashboard:summary': () =>
      fresh(
        () => register.dashboard.summary(),
        () => register.dashboard.assessmentRequest()
      ),
    'audit:list': (query) => register.audit.list(query),
    'audit:verify': () => register.audit.verify(),
    'audit:actors': () => register.audit.actors(),
    'search:global': ({ text, limit }) => register.search(text, limit),
    'evidence:list': ({ query, offset, limit }) =>
      register.evidence.list(query ?? {}, { ...(offset !== undefined ? { offset } : {}), ...(limit ? { limit } : {}) }),
    'evidence:get': ({ id }) => register.evidence.get(id),
    'evidence:import': ({ paths, options, jobId }) => register.evidence.importFiles(paths, options ?? {}, jobId),
    'evidence:update': ({ id, patch, expectedVersion }) => register.evidence.update(id, patch, expectedVersion),
    'evidence:link': ({ id, control }) => register.evidence.link(id, control),
    'evidence:unlink': ({ id, control }) => register.evidence.unlink(id, control),
    'evidence:linkInherited': ({ id, framework }) => register.evidence.linkInherited(id, framework),
    'evidence:remove': ({ id, reason }) => register.evidence.remove(id, reason),
    'evidence:restore': ({ id }) => register.evidence.restore(id),
    'evidence:verify': (args) => register.evidence.verify(args?.jobId),
    'evidence:content': ({ id, maxBytes }) => register.evidence.content(id, maxBytes),
    'evidence:freshness': () => register.evidence.freshnessCounts(),
    'jobs:cancel': ({ jobId }) => register.jobs.cancel(jobId),
    'settings:get': () => settingsOf(register),
    'settings:update': ({ expiringDays, auditPeriod }) => {
      if (expiringDays !== undefined) register.settings.setExpiringDays(expiringDays)
      if (auditPeriod !== undefined) register.settings.setAuditPeriod(auditPeriod)
      return settingsOf(register)
    },
    'packs:list': () => register.packs.list(),
    'packs:get': ({ id }) => register.packs.get(id),
    'packs:create': (input) => register.packs.create(input),
    'packs:update': ({ id, patch, expectedVersion }) => register.packs.update(id, patch, expectedVersion),
    'packs:copy': ({ id }) => register.packs.copyForNextYear(id),
    'packs:delete': ({ id }) => {
      register.packs.remove(id)
      return true
    },
    'packs:setControl': ({ id, control, included, reason }) => register.packs.setControl(id, control, included, reason),
    'packs:readiness': ({ id }) => register.packReadiness(id),
    'packs:export': ({ id, pdf, zip, jobId }) => register.exportSavedPack(id, { pdf, zip }, jobId),
    'packs:verifyPath': ({ path }) => register.packs.verify(path),
    'requests:list': ({ packId }) => register.requests.list(packId),
    'requests:import': ({ packId, path, fileName, sheet, map, apply }) =>
      register.requests.import(packId, path, {
        apply,
        ...(sheet ? { sheet } : {}),
        ...(map ? { map } : {}),
        ...(fileName ? { fileName } : {})
      }),
    'requests:update': ({ packId, id, ...patch }) => register.requests.set(packId, id, patch),
    'requests:export': ({ packId, jobId }) =>
      register.requestExport.export(packId, register.requestExport.defaultPath(packId, register.paths.exports), jobId),
    'packs:signingKey': () => {
      const { fingerprint, publicKeyPem, createdAt } = register.packs.signingKeys()
      return { fingerprint, publicKeyPem, createdAt }
    },
    'app:showInFolder': ({ path }) => {
      if (!host.showInFolder)
        throw new AppError('VALIDATION', 'Showing files in a folder is available in the desktop app.')
      const controlRecords = join(register.paths.exports, 'control-records') + sep
      const isControlRecord = path.startsWith(controlRecords) && !path.includes('..')
      if (
        !register.packs.isExportPath(path) &&
        !register.spreadsheets.isExportPath(path) &&
        !register.requestExport.isExportPath(path) &&
        !isControlRecord
      )
        throw new AppError(
          'VALIDATION',
          'Only exported packs, spreadsheets and control records can be shown in their folder.'
        )
      host.showInFolder(path)
      return true
    },
    'requirements:decide': ({ framework, ref, decision, rationale }) =>
      register.frameworks.decide(framework, ref, decision, rationale),
    'org:get': () => register.organisation.get(),
    'org:update': (patch) => register.organisation.update(patch),
    'people:list': () => register.organisation.people(),
    'people:add': (input) => register.organisation.addPerson(input),
    'people:update': ({ id, patch }) => register.organisation.updatePerson(id, patch),
    'accounts:add': (input) => register.organisation.addAccount(input),
    'accounts:update': ({ accountId, patch }) => register.organisation.updateAccount(accountId, patch),
    'accounts:remove': ({ accountId }) => {
      register.organisation.removeAccount(accountId)
      return true
    },
    'accounts:import': ({ text, organizationalUnit }) => register.organisation.importListing(text, organizationalUnit),
    'units:list': () => register.organisation.organizationalUnits(),
    'units:update': ({ name, purpose }) => register.organisation.setUnitPurpose(name, purpose),
    'frameworks:names': () => register.frameworks.names(),
    'collector:writeScript': ({ packId, shell, regions }) => {
      const scope = collectorScope(register, packId, regions, register.now())
      return writeCollectorScript(scope, shell, defaultScriptPath(register, scope, shell))
    },
    'collector:import': ({ path, jobId }) => importCollection(register, path, jobId),
    'backup:status': () => ({ last: register.backups.last(), automaticKeep: AUTOMATIC_KEEP }),
    'keys:list': () => register.keys.list(),
    'keys:trust': ({ fingerprint, label }) => register.keys.trust({ fingerprint, ...(label ? { label } : {}) }),
    'oscal:exportSsp': ({ framework, scope }) =>
      register.oscal.exportSsp(
        { framework, ...(scope ? { scope } : {}) },
        register.oscal.defaultPath(`${register.frameworks.label(framework)} system security plan`)
      ),
    'oscal:exportComponentDefinition': () =>
      register.oscal.exportComponentDefinition(register.oscal.defaultPath('Control library component definition')),
    'oscal:importCatalog': ({ text, fileName, id, shortName }) =>
      register.oscal.importCatalog(text, {
        ...(fileName ? { fileName } : {}),
        ...(id ? { id } : {}),
        ...(shortName ? { shortName } : {})
      }),
    'spreadsheets:export': ({ kind, format, framework }) =>
      register.spreadsheets.exportToFolder({ kind, format, ...(framework ? { frameworks: [framework] } : {}) }),
    'controls:import': ({ path, sheet, map, apply }) => {
      const request = { path, ...(sheet ? { sheet } : {}), ...(map ? { map } : {}) }
      return apply ? register.controlImport.apply(request) : register.controlImport.preview(request)
    },
    'registers:list': () =>
      host.registers?.state() ?? { current: register.paths.dataDir, sampleDataDir: '', recent: [] },
    'registers:switch': async ({ dataDir }) => {
      await switching(host).switchToRecent(dataDir)
      return switching(host).state()
    },
    'registers:trySample': async () => {
      await switching(host).openSample()
      return switching(host).state()
    },
    'registers:openFolder': async (args) => {
      const opened = await switching(host).openFolder(args?.path)
      return opened ? switching(host).state() : null
    },
    'controls:exportRecord': ({ id }) => register.controlRecords.export(id)
  }
}

function appInfo(register: Register, host: HostCapabilities): AppInfo {
  return {
    ...register.info(),
    canShowInFolder: host.showInFolder !== undefined,
    hasFolderDialog: host.registers?.folderDialog ?? false
  }
}

function settingsOf(register: Register): Settings {
  return {
    expiringDays: register.settings.expiringDays(),
    auditPeriod: register.settings.auditPeriod(),
    auditPeriodSet: register.settings.savedAuditPeriod() !== null
  }
}
