import type Database from 'better-sqlite3'
import { AWS_SERVICES, CONTROL_STATUS_LABELS, RESPONSIBILITY_LABELS } from '../../../shared/domain'
import type { ControlStatus, Responsibility } from '../../../shared/domain'
import { controlFieldsSchema, controlIdSchema } from '../../../shared/schemas'
import type { ColumnTarget, ControlImportPreview, FieldChange, ImportRowError } from '../../../shared/spreadsheets'
import type { AuditLog } from '../audit/audit-log'
import { writeTransaction } from '../db/write-transaction'
import type { FrameworkService } from '../frameworks/framework-service'
import type { TaskRunner } from '../jobs/task-runner'
import { CONTROL_COLUMNS, mappingHeader, parseResponsibility, parseStatus, splitList } from './control-columns'
import { guessMapping, layoutKey, parseTarget, type FrameworkNames } from './import-mapping'
import type { SpreadsheetTable } from './read-spreadsheet'

export interface ControlImportRequest {
  path: string
  sheet?: string
  /** Headings and the field each fills, over the guess (or the mapping remembered for this layout). */
  map?: Record<string, string>
}

type TextField = 'title' | 'statement' | 'domain' | 'owner' | 'rationale' | 'notes' | 'notApplicableReason'
const TEXT_FIELDS: TextField[] = ['title', 'statement', 'domain', 'owner', 'rationale', 'notes', 'notApplicableReason']

interface ControlState {
  title: string
  statement: string
  domain: string
  owner: string
  status: ControlStatus
  responsibility: Responsibility
  rationale: string
  awsServices: string[]
  notes: string
  notApplicableReason: string
  /** framework -> refs, in catalog order */
  mappings: Record<string, string[]>
}

interface PlannedControl {
  id: string
  action: 'create' | 'update'
  before: ControlState | null
  after: ControlState
  changes: FieldChange[]
}

interface Plan {
  preview: ControlImportPreview
  controls: PlannedControl[]
  layout: string
  mapping: ColumnTarget[]
}

const FIELD_LABELS: Record<string, string> = Object.fromEntries(
  CONTROL_COLUMNS.map((column) => [column.field, column.header])
)
// A spreadsheet shows a cell starting with these as a formula; exports prefix it with an apostrophe.
const ESCAPED_FORMULA = /^'(?=[=+\-@\t\r])/

/**
 * Imports a list of controls from CSV or XLSX: reads it in the task worker, maps its columns,
 * and previews exactly what would change; applying writes every change in one transaction, with
 * one audit entry per control changed, or nothing at all when any row has an error.
 */
export class ControlImporter {
  private readonly statements = new Map<string, Database.Statement>()

  constructor(
    private readonly db: Database.Database,
    private readonly audit: AuditLog,
    private readonly now: () => Date,
    private readonly frameworks: FrameworkService,
    private readonly tasks: TaskRunner
  ) {}

  async read(request: ControlImportRequest): Promise<SpreadsheetTable> {
    return this.tasks.run('read-spreadsheet', {
      path: request.path,
      ...(request.sheet ? { sheet: request.sheet } : {})
    })
  }

  async preview(request: ControlImportRequest): Promise<ControlImportPreview> {
    return this.plan(await this.read(request), request.map ?? {}).preview
  }

  async apply(request: ControlImportRequest): Promise<ControlImportPreview> {
    const table = await this.read(request)
    return writeTransaction(this.db, () => {
      // Planned inside the write transaction, so what is written is exactly what was compared.
      const plan = this.plan(table, request.map ?? {})
      if (plan.preview.errors.length > 0) return plan.preview
      for (const control of plan.controls) this.write(control)
      this.db
        .prepare(`INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`)
        .run(`import.layout.${plan.layout}`, JSON.stringify(plan.mapping))
      return plan.preview
    })
  }

  /** Compares every row with the register; pure reading. */
  plan(table: SpreadsheetTable, overrides: Record<string, string>): Plan {
    const names: FrameworkNames[] = this.frameworks.names()
    const errors: ImportRowError[] = []
    const headerIndex = table.rows.findIndex((row) => row.some((cell) => cell.trim() !== ''))
    const headings = headerIndex < 0 ? [] : table.rows[headerIndex]!.map((cell) => cell.trim())
    const layout = layoutKey(headings)
    const remembered = this.db
      .prepare(`SELECT value FROM meta WHERE key = ?`)
      .pluck()
      .get(`import.layout.${layout}`) as string | undefined
    const mapping: ColumnTarget[] = remembered
      ? (JSON.parse(remembered) as ColumnTarget[])
      : guessMapping(headings, names)
    for (const [heading, target] of Object.entries(overrides)) {
      const index = headings.findIndex((candidate) => candidate.toLowerCase() === heading.trim().toLowerCase())
      const field = parseTarget(target, names)
      if (index < 0) {
        errors.push({
          row: headerIndex + 1,
          column: heading,
          message: `There is no column "${heading}". Columns: ${headings.join(', ')}.`
        })
      } else if (!field) {
        errors.push({
          row: headerIndex + 1,
          column: heading,
          message: `Unknown field "${target}". Use id, title, statement, domain, owner, status, responsibility, rationale, notApplicableReason, awsServices, notes, a framework id or ignore.`
        })
      } else {
        for (let other = 0; other < mapping.length; other++) if (mapping[other] === field) mapping[other] = 'ignore'
        mapping[index] = field
      }
    }
    const preview: ControlImportPreview = {
      created: 0,
      updated: 0,
      unchanged: 0,
      errors,
      changes: [],
      mapping: headings.map((column, index) => ({ column, field: mapping[index] ?? 'ignore' })),
      sheet: table.sheet,
      sheets: table.sheets,
      rows: 0
    }
    const idColumn = mapping.indexOf('id')
    if (headerIndex < 0) {
      errors.push({ row: 1, column: '', message: 'The sheet is empty: it needs a header row and a row per control.' })
      return { preview, controls: [], layout, mapping }
    }
    if (idColumn < 0) {
      errors.push({
        row: headerIndex + 1,
        column: '',
        message: 'No column holds the control id. Name the column "ID", or map it (for example --map "Control ref=id").'
      })
      return { preview, controls: [], layout, mapping }
    }
    const current = this.currentState()
    const requirements = this.requirementIndex()
    const seen = new Map<string, number>()
    const controls: PlannedControl[] = []
    for (let index = headerIndex + 1; index < table.rows.length; index++) {
      const row = table.rows[index]!
      if (!row.some((cell) => cell.trim() !== '')) continue
      preview.rows++
      const rowNumber = index + 1
      const rowErrors: ImportRowError[] = []
      const fail = (column: number, message: string): void => {
        rowErrors.push({ row: rowNumber, column: headings[column] ?? '', message })
      }
      const idResult = controlIdSchema.safeParse(row[idColumn] ?? '')
      if (!idResult.success) {
        fail(
          idColumn,
          `"${(row[idColumn] ?? '').slice(0, 40)}" is not a control id: ${idResult.error.issues[0]?.message}`
        )
        errors.push(...rowErrors)
        continue
      }
      const id = idResult.data
      const earlier = seen.get(id)
      if (earlier !== undefined) {
        fail(idColumn, `${id} is also on row ${earlier}: keep one row per control.`)
        errors.push(...rowErrors)
        continue
      }
      seen.set(id, rowNumber)
      const before = current.get(id) ?? null
      const after: ControlState = before
        ? { ...before, awsServices: [...before.awsServices], mappings: { ...before.mappings } }
        : {
            title: '',
            statement: '',
            domain: 'Custom',
            owner: '',
            status: 'not-started',
            responsibility: undefined as unknown as Responsibility,
            rationale: '',
            awsServices: [],
            notes: '',
            notApplicableReason: '',
            mappings: {}
          }
      mapping.forEach((field, column) => {
        if (field === 'ignore' || field === 'id') return
        const raw = (row[column] ?? '').replace(ESCAPED_FORMULA, '')
        if (field.startsWith('map:')) {
          const framework = field.slice(4)
          // An empty cell leaves the references as they are (a partial list never unmaps); "-" removes them all.
          if (raw.trim() === '') return
          if (raw.trim() === '-') {
            if (after.mappings[framework]) after.mappings[framework] = []
            return
          }
          const known = requirements.get(framework)
          const refs: { ref: string; position: number }[] = []
          for (const item of splitList(raw)) {
            const found = known?.get(normaliseRef(item))
            if (!found) {
              fail(
                column,
                `${names.find((name) => name.id === framework)?.shortName ?? framework} has no requirement "${item.slice(0, 40)}". Check the reference.`
              )
              continue
            }
            if (!refs.some((existing) => existing.ref === found.ref)) refs.push(found)
          }
          refs.sort((a, b) => a.position - b.position)
          if (refs.length || after.mappings[framework]) after.mappings[framework] = refs.map((item) => item.ref)
          return
        }
        switch (field) {
          case 'status': {
            if (raw.trim() === '') return
            const status = parseStatus(raw)
            if (!status)
              fail(
                column,
                `"${raw.slice(0, 40)}" is not a status. Use one of: ${Object.values(CONTROL_STATUS_LABELS).join(', ')}.`
              )
            else after.status = status
            return
          }
          case 'responsibility': {
            if (raw.trim() === '') return
            const responsibility = parseResponsibility(raw)
            if (!responsibility)
              fail(
                column,
                `"${raw.slice(0, 40)}" is not a responsibility. Use one of: ${Object.values(RESPONSIBILITY_LABELS).join(', ')}.`
              )
            else after.responsibility = responsibility
            return
          }
          case 'awsServices': {
            const services: string[] = []
            for (const item of splitList(raw)) {
              const service = AWS_SERVICES.find((candidate) => candidate.toLowerCase() === item.toLowerCase())
              if (!service)
                fail(
                  column,
                  `"${item.slice(0, 40)}" is not an AWS service the register knows (such as ${AWS_SERVICES.slice(0, 4).join(', ')}).`
                )
              else if (!services.includes(service)) services.push(service)
            }
            after.awsServices = services
            return
          }
          default: {
            const result = controlFieldsSchema.shape[field as TextField].safeParse(raw)
            if (!result.success) fail(column, result.error.issues[0]?.message ?? 'This value cannot be used.')
            else after[field as TextField] = result.data
          }
        }
      })
      if (!before) {
        if (!after.title) fail(mapping.indexOf('title'), 'A new control needs a title.')
        if (!after.responsibility) {
          fail(
            mapping.indexOf('responsibility'),
            'A new control needs its responsibility: AWS-inherited, Shared or Customer.'
          )
        }
      }
      if (rowErrors.length) {
        errors.push(...rowErrors)
        continue
      }
      const changes = compare(before, after, names)
      if (before && changes.length === 0) {
        preview.unchanged++
        continue
      }
      if (before) preview.updated++
      else preview.created++
      controls.push({ id, action: before ? 'update' : 'create', before, after, changes })
      preview.changes.push({ id, action: before ? 'update' : 'create', changes })
    }
    return { preview, controls, layout, mapping }
  }

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql)
    if (!statement) this.statements.set(sql, (statement = this.db.prepare(sql)))
    return statement
  }

  private write(control: PlannedControl): void {
    const now = this.now().toISOString()
    const { after } = control
    const fields = {
      id: control.id,
      title: after.title,
      statement: after.statement,
      domain: after.domain,
      owner: after.owner,
      status: after.status,
      responsibility: after.responsibility,
      rationale: after.rationale,
      awsServices: JSON.stringify(after.awsServices),
      notes: after.notes,
      notApplicableReason: after.notApplicableReason,
      now
    }
    if (control.action === 'create') {
      this.statement(
        `INSERT INTO controls (id, title, statement, domain, owner, status, responsibility, rationale, aws_services,
             notes, not_applicable_reason, origin, version, created_at, updated_at)
           VALUES (@id, @title, @statement, @domain, @owner, @status, @responsibility, @rationale, @awsServices,
             @notes, @notApplicableReason, 'custom', 1, @now, @now)`
      ).run(fields)
    } else {
      this.statement(
        `UPDATE controls SET title = @title, statement = @statement, domain = @domain, owner = @owner,
             status = @status, responsibility = @responsibility, rationale = @rationale, aws_services = @awsServices,
             notes = @notes, not_applicable_reason = @notApplicableReason, version = version + 1, updated_at = @now
           WHERE id = @id`
      ).run(fields)
    }
    const requirementId = this.statement(
      `SELECT id FROM requirements WHERE framework_id = ? AND ref = ? AND withdrawn = 0`
    ).pluck()
    for (const [framework, refs] of Object.entries(after.mappings)) {
      const previous = control.before?.mappings[framework] ?? []
      for (const ref of refs.filter((ref) => !previous.includes(ref))) {
        this.statement(
          `INSERT INTO control_requirements (control_id, requirement_id) VALUES (?, ?) ON CONFLICT DO NOTHING`
        ).run(control.id, requirementId.get(framework, ref))
      }
      for (const ref of previous.filter((ref) => !refs.includes(ref))) {
        this.statement(`DELETE FROM control_requirements WHERE control_id = ? AND requirement_id = ?`).run(
          control.id,
          requirementId.get(framework, ref)
        )
      }
    }
    const before: Record<string, string> = {}
    const afterValues: Record<string, string> = {}
    for (const change of control.changes) {
      before[change.field] = change.before
      afterValues[change.field] = change.after
    }
    this.audit.append({
      action: control.action === 'create' ? 'control.create' : 'control.update',
      entityType: 'control',
      entityId: control.id,
      summary:
        control.action === 'create'
          ? `Imported ${control.id} "${after.title}" from a spreadsheet`
          : `Updated ${control.id} from a spreadsheet: ${control.changes.map((change) => change.field).join(', ')}`,
      ...(control.action === 'update' ? { before } : {}),
      after: afterValues
    })
  }

  private currentState(): Map<string, ControlState> {
    const rows = this.db
      .prepare(
        `SELECT id, title, statement, domain, owner, status, responsibility, rationale, aws_services, notes,
           not_applicable_reason FROM controls`
      )
      .all() as (Omit<ControlState, 'awsServices' | 'mappings' | 'notApplicableReason'> & {
      id: string
      aws_services: string
      not_applicable_reason: string
    })[]
    const state = new Map<string, ControlState>()
    for (const { id, aws_services, not_applicable_reason, ...row } of rows) {
      state.set(id, {
        ...row,
        awsServices: JSON.parse(aws_services) as string[],
        notApplicableReason: not_applicable_reason,
        mappings: {}
      })
    }
    const mappings = this.db
      .prepare(
        `SELECT cr.control_id AS control, r.framework_id AS framework, r.ref FROM control_requirements cr
         JOIN requirements r ON r.id = cr.requirement_id ORDER BY cr.control_id, r.framework_id, r.position`
      )
      .all() as { control: string; framework: string; ref: string }[]
    for (const { control, framework, ref } of mappings) {
      const target = state.get(control)
      if (!target) continue
      ;(target.mappings[framework] ??= []).push(ref)
    }
    return state
  }

  /** Each framework's references by their normalised form, with their catalog position. */
  private requirementIndex(): Map<string, Map<string, { ref: string; position: number }>> {
    const index = new Map<string, Map<string, { ref: string; position: number }>>()
    const rows = this.db
      .prepare(`SELECT framework_id AS framework, ref, position FROM requirements WHERE withdrawn = 0`)
      .all() as { framework: string; ref: string; position: number }[]
    for (const row of rows) {
      let refs = index.get(row.framework)
      if (!refs) index.set(row.framework, (refs = new Map()))
      refs.set(normaliseRef(row.ref), { ref: row.ref, position: row.position })
    }
    return index
  }
}

function normaliseRef(ref: string): string {
  return ref.trim().replace(/\s+/g, ' ').toLowerCase()
}

const show = (value: string | string[]): string => (Array.isArray(value) ? value.join('; ') : value)

/** The fields that differ, as text before and after. */
function compare(before: ControlState | null, after: ControlState, names: FrameworkNames[]): FieldChange[] {
  const changes: FieldChange[] = []
  const push = (field: string, a: string, b: string): void => {
    if (a !== b) changes.push({ field, before: a, after: b })
  }
  for (const field of [...TEXT_FIELDS, 'status', 'responsibility'] as const) {
    push(FIELD_LABELS[field] ?? field, before ? String(before[field]) : '', String(after[field]))
  }
  push(FIELD_LABELS.awsServices!, show(before?.awsServices ?? []), show(after.awsServices))
  const frameworks = new Set([...Object.keys(before?.mappings ?? {}), ...Object.keys(after.mappings)])
  for (const framework of frameworks) {
    const shortName = names.find((name) => name.id === framework)?.shortName ?? framework
    push(mappingHeader(shortName), show(before?.mappings[framework] ?? []), show(after.mappings[framework] ?? []))
  }
  return changes
}
