import type Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, statSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import type { AuditPeriod } from '../../../shared/compliance/period'
import type { FrameworkId, Responsibility, ControlStatus } from '../../../shared/domain'
import type { OscalExportResult, PackScope } from '../../../shared/types'
import type { AuditLog } from '../audit/audit-log'
import type { ComplianceService } from '../compliance/compliance-service'
import { writeTransaction } from '../db/write-transaction'
import { validationError } from '../errors'
import type { OrganisationService } from '../organisation/organisation-service'
import type { PackService } from '../packs/pack-service'
import { safeFileName } from '../packs/safe-file-name'
import type { RegisterSettings } from '../settings/register-settings'
import { importOscalCatalog, type CatalogImportOptions, type CatalogImportResult } from './catalog-import'
import { componentDefinition, type LibraryControl } from './component-definition-document'
import { catalogFileName, frameworkCatalog, frameworkProfile, profileFileName } from './framework-catalog'
import { controlIdsOf } from './oscal-ids'
import { writeOscalFile } from './oscal-json'
import { registerUuids } from './oscal-uuid'
import { systemSecurityPlan } from './ssp-document'

export interface OscalSources {
  db: Database.Database
  audit: AuditLog
  compliance: ComplianceService
  organisation: OrganisationService
  settings: RegisterSettings
  packs: PackService
  now: () => Date
  actor: () => string
  exportsDir: string
}

export interface SspRequest {
  framework: FrameworkId
  scope?: PackScope
  period?: AuditPeriod
}

/**
 * OSCAL for the register: a system security plan per framework and the control library as a
 * component definition (each written with the framework catalogs and profile they refer to), and
 * catalogs imported as frameworks. Every result in an export is the one result rule's, read from
 * the same assessment a pack is made of.
 */
export class OscalService {
  constructor(private readonly sources: OscalSources) {}

  /** Writes a framework's system security plan to `out`, with its catalog and profile beside it. */
  exportSsp(request: SspRequest, out: string): OscalExportResult {
    const { compliance, organisation, settings, now, actor } = this.sources
    const target = checkTarget(out)
    const period = request.period ?? settings.auditPeriod()
    const scope = request.scope ?? { accounts: [], organizationalUnits: [] }
    const assessment = compliance.assess({ frameworks: [request.framework], period, scope })
    const summary = assessment.summary(request.framework)
    const nodes = assessment.tree(request.framework)
    const org = organisation.get()
    const organisationName = org.name ?? org.registerName
    const content = this.sources.packs.assemble({
      id: null,
      controls: [],
      name: `${summary.name} system security plan`,
      frameworks: [request.framework],
      scope,
      periodStart: period.start,
      periodEnd: period.end,
      organisation: organisationName,
      auditor: '',
      preparer: actor()
    })
    const uuid = this.uuids()
    const lastModified = now().toISOString()
    const folder = dirname(target)
    const controlIds = controlIdsOf(
      request.framework,
      nodes.map((node) => node.ref)
    )
    const catalogPath = join(folder, catalogFileName(request.framework))
    const profilePath = join(folder, profileFileName(request.framework))
    writeOscalFile(catalogPath, frameworkCatalog(summary, nodes, uuid, lastModified))
    writeOscalFile(profilePath, frameworkProfile(summary, uuid, lastModified))
    const plan = systemSecurityPlan({
      content,
      organisation: org,
      people: organisation.people(),
      uuid,
      lastModified,
      controlIds,
      profileHref: profileFileName(request.framework)
    })
    const text = writeOscalFile(target, plan)
    const requirements = (plan as SspShape)['system-security-plan']['control-implementation'][
      'implemented-requirements'
    ]
    const byComponents = requirements.flatMap((requirement) => requirement['by-components'] ?? [])
    const result: OscalExportResult = {
      kind: 'system-security-plan',
      path: target,
      sha256: sha256(text),
      files: [target, profilePath, catalogPath],
      framework: request.framework,
      implementedRequirements: requirements.length,
      inherited: byComponents.filter((component) => component.inherited).length,
      satisfied: byComponents.filter((component) => component.satisfied).length,
      components: 2
    }
    this.record(result, `Exported the ${summary.shortName} system security plan as OSCAL to ${basename(target)}`)
    return result
  }

  /** Writes the control library as an OSCAL component definition to `out`, with the catalogs it cites beside it. */
  exportComponentDefinition(out: string): OscalExportResult {
    const { db, compliance, organisation, now } = this.sources
    const target = checkTarget(out)
    const folder = dirname(target)
    const uuid = this.uuids()
    const lastModified = now().toISOString()
    const rows = db
      .prepare(
        `SELECT id, title, statement, domain, owner, status, responsibility, rationale, aws_services, updated_at
         FROM controls ORDER BY id`
      )
      .all() as (Omit<LibraryControl, 'mappings' | 'awsServices'> & {
      aws_services: string
      updated_at: string
      status: ControlStatus
      responsibility: Responsibility
    })[]
    const mappings = db
      .prepare(
        `SELECT cr.control_id AS control, r.framework_id AS framework, r.ref FROM control_requirements cr
         JOIN requirements r ON r.id = cr.requirement_id WHERE r.withdrawn = 0 ORDER BY r.framework_id, r.position`
      )
      .all() as { control: string; framework: string; ref: string }[]
    const frameworks = compliance.frameworkIds().filter((id) => mappings.some((row) => row.framework === id))
    const assessment = compliance.assess({ frameworks })
    const idsOf = new Map<string, Map<string, string>>()
    const files: string[] = [target]
    for (const framework of frameworks) {
      const nodes = assessment.tree(framework)
      idsOf.set(
        framework,
        controlIdsOf(
          framework,
          nodes.map((node) => node.ref)
        )
      )
      const path = join(folder, catalogFileName(framework))
      writeOscalFile(path, frameworkCatalog(assessment.summary(framework), nodes, uuid, lastModified))
      files.push(path)
    }
    const controls: LibraryControl[] = rows.map((row) => ({
      id: row.id,
      title: row.title,
      statement: row.statement,
      domain: row.domain,
      owner: row.owner,
      status: row.status,
      responsibility: row.responsibility,
      rationale: row.rationale,
      awsServices: JSON.parse(row.aws_services) as string[],
      mappings: frameworks
        .map((framework) => ({
          framework,
          frameworkName: assessment.summary(framework).name,
          requirements: mappings
            .filter((mapping) => mapping.control === row.id && mapping.framework === framework)
            .map((mapping) => ({ ref: mapping.ref, controlId: idsOf.get(framework)!.get(mapping.ref)! }))
        }))
        .filter((mapping) => mapping.requirements.length > 0)
    }))
    const org = organisation.get()
    const document = componentDefinition({
      organisation: org.name ?? org.registerName,
      registerName: org.registerName,
      people: organisation.people(),
      controls,
      uuid,
      lastModified,
      version:
        rows
          .map((row) => row.updated_at)
          .sort()
          .at(-1) ?? 'empty'
    })
    const text = writeOscalFile(target, document)
    const result: OscalExportResult = {
      kind: 'component-definition',
      path: target,
      sha256: sha256(text),
      files,
      framework: null,
      implementedRequirements: mappings.length,
      inherited: 0,
      satisfied: 0,
      components: controls.length
    }
    this.record(result, `Exported the control library as an OSCAL component definition to ${basename(target)}`)
    return result
  }

  importCatalog(input: string | Buffer, options: CatalogImportOptions = {}): CatalogImportResult {
    return importOscalCatalog(this.sources.db, this.sources.audit, input, options)
  }

  /** Where the app writes an export: the data folder's exports/, named after what it holds and when. */
  defaultPath(name: string): string {
    mkdirSync(this.sources.exportsDir, { recursive: true })
    const stamp = this.sources.now().toISOString().slice(0, 19).replace(/[:T]/g, '-')
    const base = join(this.sources.exportsDir, `${safeFileName(name, 80)} ${stamp}`)
    let candidate = `${base}.json`
    for (let count = 2; existsSync(candidate); count++) candidate = `${base} (${count}).json`
    return candidate
  }

  /** The register's UUIDs: named after the day it was created, so two registers never share one. */
  private uuids(): (kind: string, id: string) => string {
    const created = this.sources.db.prepare(`SELECT value FROM meta WHERE key = 'register.created'`).pluck().get() as
      string | undefined
    return registerUuids(created ?? 'register')
  }

  private record(result: OscalExportResult, summary: string): void {
    writeTransaction(this.sources.db, () => {
      this.sources.audit.append({
        action: 'oscal.export',
        entityType: 'export',
        entityId: result.kind,
        summary,
        after: { path: result.path, sha256: result.sha256, files: result.files }
      })
    })
  }
}

interface SspShape {
  'system-security-plan': {
    'control-implementation': {
      'implemented-requirements': { 'by-components'?: { inherited?: unknown[]; satisfied?: unknown[] }[] }[]
    }
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

/** The target of an export: an absolute path in a folder that exists, not a folder itself. */
function checkTarget(out: string): string {
  const target = resolve(out)
  const folder = dirname(target)
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw validationError(`The folder ${folder} does not exist. Create it or choose another place for the file.`)
  }
  if (existsSync(target) && statSync(target).isDirectory()) {
    throw validationError(`${target} is a folder. Name the file to write, such as ssp.json.`)
  }
  return target
}
