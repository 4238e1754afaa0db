import type Database from 'better-sqlite3'
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { toDay } from '../../../shared/dates'
import type { AuditPeriod } from '../../../shared/compliance/period'
import type { FrameworkId } from '../../../shared/domain'
import { describeScope } from '../../../shared/pack-definition'
import {
  EXPORT_KIND_LABELS,
  type ExportFormat,
  type ExportKind,
  type SpreadsheetExportResult
} from '../../../shared/spreadsheets'
import type { PackScope } from '../../../shared/types'
import type { AuditLog } from '../audit/audit-log'
import type { ControlService } from '../controls/control-service'
import type { EvidenceService } from '../evidence/evidence-service'
import type { FrameworkService } from '../frameworks/framework-service'
import type { OrganisationService } from '../organisation/organisation-service'
import type { PackService } from '../packs/pack-service'
import type { RegisterSettings } from '../settings/register-settings'
import {
  auditRange,
  auditSheet,
  evidenceSheet,
  matrixSheets,
  registerSheet,
  soaSheets,
  type RegisterControl
} from './export-documents'
import type { Sheet, SpreadsheetDocument } from './sheet-model'
import { writeCsv } from './write-csv'
import { writeXlsx } from './write-xlsx'

export interface SpreadsheetSources {
  db: Database.Database
  audit: AuditLog
  controls: ControlService
  evidence: EvidenceService
  frameworks: FrameworkService
  organisation: OrganisationService
  packs: PackService
  settings: RegisterSettings
  now: () => Date
  actor: () => string
  exportsDir: string
  /** "Evidence Desk 1.2.0" */
  generator: string
}

export interface SpreadsheetExportRequest {
  kind: ExportKind
  format: ExportFormat
  path: string
  /** The frameworks to cover (default: every framework of the register). */
  frameworks?: FrameworkId[]
  scope?: PackScope
  period?: AuditPeriod
}

interface DetailRow {
  id: string
  statement: string
  rationale: string
  aws_services: string
  notes: string
  not_applicable_reason: string
  updated_at: string
  evidence: string | null
}

/**
 * Writes the register, a Statement of Applicability, the responsibility matrix, the evidence
 * index or the audit log as XLSX or CSV. Results and freshness come from the assessment and the
 * services every screen reads; nothing is decided here.
 */
export class SpreadsheetExporter {
  /** Files this register wrote into its exports folder (the only ones the app offers to show). */
  private readonly written = new Set<string>()

  constructor(private readonly sources: SpreadsheetSources) {}

  /** Exports into the data folder's exports/, named after what it holds and the day, never over another file. */
  async exportToFolder(request: Omit<SpreadsheetExportRequest, 'path'>): Promise<SpreadsheetExportResult> {
    mkdirSync(this.sources.exportsDir, { recursive: true })
    const suffix = request.frameworks?.length === 1 ? ` ${request.frameworks[0]}` : ''
    const base = `${EXPORT_KIND_LABELS[request.kind]}${suffix} ${toDay(this.sources.now())}`
    let path = join(this.sources.exportsDir, `${base}.${request.format}`)
    for (let n = 2; existsSync(path); n++) path = join(this.sources.exportsDir, `${base} (${n}).${request.format}`)
    const result = await this.export({ ...request, path })
    this.written.add(path)
    return result
  }

  isExportPath(path: string): boolean {
    return this.written.has(path)
  }

  async export(request: SpreadsheetExportRequest): Promise<SpreadsheetExportResult> {
    const document = this.document(request)
    const rows =
      request.format === 'csv'
        ? writeCsv(document, request.path)
        : await writeXlsx(document, request.path, this.sources.generator)
    return {
      path: request.path,
      format: request.format,
      kind: request.kind,
      sheets: document.sheets.map((sheet) => sheet.name),
      rows
    }
  }

  document(request: Omit<SpreadsheetExportRequest, 'path' | 'format'>): SpreadsheetDocument {
    const { sources } = this
    const names = sources.frameworks.names()
    const frameworks = request.frameworks?.length ? request.frameworks : names.map((name) => name.id)
    const period = request.period ?? sources.settings.auditPeriod()
    const scope = request.scope ?? { accounts: [], organizationalUnits: [] }
    const organisation = sources.organisation.get()
    const registerName = organisation.registerName
    const about: [string, string][] = [
      ['Register', registerName],
      ['Organisation', organisation.name || registerName],
      ['Exported', sources.now().toISOString()],
      ['Exported by', sources.actor()],
      ['Application', sources.generator]
    ]
    let sheets: Sheet[]
    switch (request.kind) {
      case 'register': {
        const shown = names.filter((name) => frameworks.includes(name.id))
        sheets = [registerSheet(this.registerControls(request.frameworks), shown)]
        about.push(['Frameworks', shown.map((name) => name.shortName).join(', ')])
        break
      }
      case 'soa':
      case 'matrix': {
        const content = sources.packs.assemble({
          id: null,
          name: EXPORT_KIND_LABELS[request.kind],
          frameworks,
          scope,
          periodStart: period.start,
          periodEnd: period.end,
          organisation: organisation.name || registerName,
          auditor: '',
          preparer: sources.actor(),
          controls: []
        })
        sheets = request.kind === 'soa' ? soaSheets(content) : matrixSheets(content)
        about.push(
          ['Frameworks', content.frameworks.map((framework) => `${framework.name} ${framework.version}`).join(', ')],
          ['Audit period', `${period.start} to ${period.end}`],
          ['Evidence judged on', content.pack.judgedOn],
          ['Scope', content.pack.scopeLabel],
          ['Results', 'Decided by the one result rule of Evidence Desk, as on the dashboard and in packs']
        )
        break
      }
      case 'evidence':
        sheets = [evidenceSheet(sources.evidence.listAll())]
        about.push(['Evidence judged on', toDay(sources.now())])
        break
      case 'audit': {
        const range = auditRange(period)
        const entries = sources.audit.list({ ...range, order: 'asc', limit: Number.MAX_SAFE_INTEGER })
        sheets = [auditSheet(entries)]
        about.push(
          ['Audit period', `${period.start} to ${period.end}`],
          ['Scope', describeScope(scope, sources.organisation.accounts())]
        )
        break
      }
    }
    return { title: EXPORT_KIND_LABELS[request.kind], sheets, about }
  }

  /** Every control (or those mapped to the frameworks named) with all its fields, in one pass. */
  private registerControls(frameworks: FrameworkId[] | undefined): RegisterControl[] {
    const summaries =
      frameworks?.length === 1
        ? this.sources.controls.list({ framework: frameworks[0]! })
        : this.sources.controls
            .list()
            .filter(
              (control) =>
                !frameworks?.length || control.mappings.some((mapping) => frameworks.includes(mapping.framework))
            )
    const details = new Map(
      (
        this.sources.db
          .prepare(
            `SELECT c.id, c.statement, c.rationale, c.aws_services, c.notes, c.not_applicable_reason, c.updated_at,
               (SELECT group_concat(id, ',') FROM (SELECT e.id FROM evidence_controls ec
                  JOIN evidence e ON e.id = ec.evidence_id AND e.removed_at IS NULL
                  WHERE ec.control_id = c.id ORDER BY e.id)) AS evidence
             FROM controls c`
          )
          .all() as DetailRow[]
      ).map((row) => [row.id, row])
    )
    return summaries.map((summary) => {
      const row = details.get(summary.id)!
      return {
        ...summary,
        statement: row.statement,
        rationale: row.rationale,
        awsServices: JSON.parse(row.aws_services) as string[],
        notes: row.notes,
        notApplicableReason: row.not_applicable_reason,
        updatedAt: row.updated_at,
        evidenceIds: row.evidence ? row.evidence.split(',') : []
      }
    })
  }
}
