import type Database from 'better-sqlite3'
import { basename } from 'node:path'
import { toDay } from '../../../shared/dates'
import { CONTROL_ID_PATTERN } from '../../../shared/domain'
import {
  REQUEST_STATUSES,
  type AuditRequest,
  type ImportRowError,
  type RequestImportResult,
  type RequestStatus
} from '../../../shared/spreadsheets'
import type { AuditLog } from '../audit/audit-log'
import { writeTransaction } from '../db/write-transaction'
import { notFound, validationError } from '../errors'
import type { TaskRunner } from '../jobs/task-runner'
import type { OrganisationService } from '../organisation/organisation-service'
import { guessRequestMapping, parseRequestField, type RequestField } from './request-columns'

interface RequestRow {
  id: string
  reference: string
  details: string
  status: RequestStatus
  assignee: string
  due_date: string | null
  note: string
  cells: string
}

interface ParsedRequest {
  id: string
  reference: string
  details: string
  assignee: string
  dueDate: string | null
  /** The row's cells as the auditor wrote them (JSON), under the list's headings. */
  cells: string
}

const MAX_TEXT = 10_000

/**
 * The request list of a pack: imported from the auditor's spreadsheet (mapped like a control
 * list), each request linked to the controls and requirements its reference cites, answered with
 * a status, an assignee from the register's people, a due date, evidence and a note. Every change
 * is audited.
 */
export class RequestService {
  constructor(
    private readonly db: Database.Database,
    private readonly audit: AuditLog,
    private readonly now: () => Date,
    private readonly organisation: OrganisationService,
    private readonly tasks: TaskRunner
  ) {}

  private assertPack(packId: string): { frameworks: string[] } {
    const row = this.db.prepare(`SELECT frameworks FROM packs WHERE id = ?`).get(packId) as
      { frameworks: string } | undefined
    if (!row) throw notFound(`There is no pack ${packId}. List the packs with "pack list".`)
    return { frameworks: JSON.parse(row.frameworks) as string[] }
  }

  async import(
    packId: string,
    path: string,
    options: {
      sheet?: string
      map?: Record<string, string>
      /** false: say what would change (and how the columns are read) without writing anything. */
      apply?: boolean
      /** The file's name as the user knows it (an upload is read from a temporary file). */
      fileName?: string
    } = {}
  ): Promise<RequestImportResult> {
    const pack = this.assertPack(packId)
    const table = await this.tasks.run('read-spreadsheet', { path, ...(options.sheet ? { sheet: options.sheet } : {}) })
    const errors: ImportRowError[] = []
    const headerIndex = table.rows.findIndex((row) => row.some((cell) => cell.trim() !== ''))
    const headings = headerIndex < 0 ? [] : table.rows[headerIndex]!.map((cell) => cell.trim())
    const mapping = guessRequestMapping(headings)
    for (const [heading, target] of Object.entries(options.map ?? {})) {
      const index = headings.findIndex((candidate) => candidate.toLowerCase() === heading.trim().toLowerCase())
      const field = parseRequestField(target)
      if (index < 0 || !field) {
        errors.push({
          row: headerIndex + 1,
          column: heading,
          message:
            index < 0
              ? `There is no column "${heading}".`
              : `Unknown field "${target}": use id, reference, details, assignee, dueDate or ignore.`
        })
        continue
      }
      for (let other = 0; other < mapping.length; other++) if (mapping[other] === field) mapping[other] = 'ignore'
      mapping[index] = field
    }
    const result: RequestImportResult = { created: 0, updated: 0, unchanged: 0, errors, linked: 0 }
    if (options.apply === false) {
      result.columns = headings.map((heading, index) => ({ heading, field: mapping[index]! }))
      result.sheets = table.sheets
      result.sheet = table.sheet
    }
    if (headerIndex < 0 || !mapping.includes('id')) {
      errors.push({
        row: Math.max(1, headerIndex + 1),
        column: '',
        message: 'No column holds the request id. Name it "Request ID", or map it (--map "No.=id").'
      })
      return result
    }
    const people = new Map(this.organisation.people(false).map((person) => [person.name.toLowerCase(), person.name]))
    const parsed: ParsedRequest[] = []
    const seen = new Map<string, number>()
    for (let index = headerIndex + 1; index < table.rows.length; index++) {
      const row = table.rows[index]!
      if (!row.some((cell) => cell.trim() !== '')) continue
      const value = (field: RequestField): { text: string; column: string } => {
        const column = mapping.indexOf(field)
        return { text: column < 0 ? '' : (row[column] ?? '').trim(), column: headings[column] ?? '' }
      }
      const fail = (column: string, message: string): void => void errors.push({ row: index + 1, column, message })
      const id = value('id')
      // eslint-disable-next-line no-control-regex
      if (!id.text || id.text.length > 60 || /[\u0000-\u001f\u007f]/.test(id.text)) {
        fail(id.column, 'A request needs an id of at most 60 characters on one line.')
        continue
      }
      if (seen.has(id.text)) {
        fail(id.column, `Request ${id.text} is also on row ${seen.get(id.text)}: keep one row per request.`)
        continue
      }
      seen.set(id.text, index + 1)
      const assignee = value('assignee')
      let person = ''
      if (assignee.text) {
        const known = people.get(assignee.text.toLowerCase())
        if (!known)
          fail(
            assignee.column,
            `"${assignee.text.slice(0, 60)}" is not a person of the register. Add them under Settings (or "people add"), or leave the cell empty.`
          )
        else person = known
      }
      const due = value('dueDate')
      const dueDate = due.text ? toIsoDay(due.text) : null
      if (due.text && !dueDate) fail(due.column, `"${due.text.slice(0, 40)}" is not a date. Write it as YYYY-MM-DD.`)
      const details = value('details')
      const reference = value('reference')
      for (const text of [details, reference]) {
        if (text.text.length > MAX_TEXT) fail(text.column, `At most ${MAX_TEXT} characters.`)
        // eslint-disable-next-line no-control-regex
        if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u001b]/.test(text.text))
          fail(text.column, 'Control characters are not allowed.')
      }
      parsed.push({
        id: id.text,
        reference: reference.text,
        details: details.text,
        assignee: person,
        dueDate,
        cells: JSON.stringify(headings.map((_, column) => row[column] ?? ''))
      })
    }
    if (errors.length) return result
    if (options.apply === false) {
      const existing = new Map(
        (this.db.prepare(`SELECT * FROM requests WHERE pack_id = ?`).all(packId) as RequestRow[]).map((row) => [
          row.id,
          row
        ])
      )
      for (const request of parsed) {
        const before = existing.get(request.id)
        if (!before) result.created++
        else if (changed(before, request)) result.updated++
        else result.unchanged++
      }
      return result
    }
    const now = this.now().toISOString()
    writeTransaction(this.db, () => {
      const existing = new Map(
        (this.db.prepare(`SELECT * FROM requests WHERE pack_id = ?`).all(packId) as RequestRow[]).map((row) => [
          row.id,
          row
        ])
      )
      const insert = this.db.prepare(
        `INSERT INTO requests (pack_id, id, position, reference, details, assignee, due_date, cells, created_at, updated_at)
         VALUES (@packId, @id, @position, @reference, @details, @assignee, @dueDate, @cells, @now, @now)`
      )
      const update = this.db.prepare(
        `UPDATE requests SET position = @position, reference = @reference, details = @details, assignee = @assignee,
           due_date = @dueDate, cells = @cells, updated_at = @now, version = version + 1 WHERE pack_id = @packId AND id = @id`
      )
      for (const [position, request] of parsed.entries()) {
        const before = existing.get(request.id)
        const values = { ...request, packId, position, now }
        if (!before) {
          insert.run(values)
          result.created++
        } else if (changed(before, request)) {
          update.run(values)
          result.updated++
        } else {
          result.unchanged++
          continue
        }
        if (this.linkFromReference(packId, request.id, request.reference, pack.frameworks)) result.linked++
      }
      this.db
        .prepare(
          `INSERT INTO request_lists (pack_id, headings, file_name, imported_at) VALUES (?, ?, ?, ?)
           ON CONFLICT(pack_id) DO UPDATE SET headings = excluded.headings, file_name = excluded.file_name,
             imported_at = excluded.imported_at`
        )
        .run(packId, JSON.stringify(headings), options.fileName ?? basename(path), now)
      this.audit.append({
        action: 'requests.import',
        entityType: 'pack',
        entityId: packId,
        summary: `Imported the request list of ${packId}: ${result.created} new, ${result.updated} changed`,
        after: { created: result.created, updated: result.updated, requests: parsed.map((request) => request.id) }
      })
    })
    return result
  }

  /** Links the controls a reference names, and the requirements of the pack's frameworks it cites, with their controls. */
  private linkFromReference(packId: string, requestId: string, reference: string, frameworks: string[]): boolean {
    this.db
      .prepare(`DELETE FROM request_links WHERE pack_id = ? AND request_id = ? AND suggested = 1`)
      .run(packId, requestId)
    const tokens = reference
      .split(/[\s,;]+/)
      .map((token) => token.replace(/^\(|[).:]$/g, ''))
      .filter(Boolean)
    const link = this.db.prepare(
      `INSERT OR IGNORE INTO request_links (pack_id, request_id, kind, target, suggested) VALUES (?, ?, ?, ?, 1)`
    )
    let linked = false
    const controlExists = this.db.prepare(`SELECT 1 FROM controls WHERE id = ?`)
    for (const token of tokens) {
      const upper = token.toUpperCase()
      if (CONTROL_ID_PATTERN.test(upper) && controlExists.get(upper)) {
        link.run(packId, requestId, 'control', upper)
        linked = true
      }
    }
    const requirement = this.db.prepare(
      `SELECT r.id, r.framework_id AS framework, r.ref FROM requirements r
       WHERE r.framework_id IN (SELECT value FROM json_each(?)) AND r.ref = ? AND r.withdrawn = 0`
    )
    const controlsOf = this.db.prepare(`SELECT control_id FROM control_requirements WHERE requirement_id = ?`).pluck()
    for (const token of tokens) {
      for (const found of requirement.all(JSON.stringify(frameworks), token) as {
        id: number
        framework: string
        ref: string
      }[]) {
        link.run(packId, requestId, 'requirement', `${found.framework}:${found.ref}`)
        for (const control of controlsOf.all(found.id) as string[]) link.run(packId, requestId, 'control', control)
        linked = true
      }
    }
    return linked
  }

  /** The list's headings as imported, and each request's cells under them (none for lists imported before they were kept). */
  layout(packId: string): { headings: string[]; fileName: string; cells: Map<string, string[]> } {
    this.assertPack(packId)
    const list = this.db.prepare(`SELECT headings, file_name FROM request_lists WHERE pack_id = ?`).get(packId) as
      { headings: string; file_name: string } | undefined
    const rows = this.db.prepare(`SELECT id, cells FROM requests WHERE pack_id = ?`).all(packId) as {
      id: string
      cells: string
    }[]
    return {
      headings: list ? (JSON.parse(list.headings) as string[]) : [],
      fileName: list?.file_name ?? '',
      cells: new Map(rows.map((row) => [row.id, JSON.parse(row.cells) as string[]]))
    }
  }

  list(packId: string): AuditRequest[] {
    this.assertPack(packId)
    const today = toDay(this.now())
    const rows = this.db
      .prepare(`SELECT * FROM requests WHERE pack_id = ? ORDER BY position, id`)
      .all(packId) as RequestRow[]
    const links = this.db
      .prepare(`SELECT request_id, kind, target FROM request_links WHERE pack_id = ? ORDER BY target`)
      .all(packId) as { request_id: string; kind: 'control' | 'requirement' | 'evidence'; target: string }[]
    const evidenceOfControl = this.db
      .prepare(
        `SELECT ec.evidence_id FROM evidence_controls ec JOIN evidence e ON e.id = ec.evidence_id
       WHERE ec.control_id = ? AND e.removed_at IS NULL AND (e.review_by IS NULL OR e.review_by >= ?) ORDER BY ec.evidence_id`
      )
      .pluck()
    return rows.map((row) => {
      const mine = links.filter((link) => link.request_id === row.id)
      const of = (kind: string): string[] => mine.filter((link) => link.kind === kind).map((link) => link.target)
      const controls = of('control')
      const evidence = of('evidence')
      const suggested = new Set<string>()
      for (const control of controls)
        for (const id of evidenceOfControl.all(control, today) as string[])
          if (!evidence.includes(id)) suggested.add(id)
      return {
        id: row.id,
        reference: row.reference,
        details: row.details,
        status: row.status,
        assignee: row.assignee,
        dueDate: row.due_date,
        note: row.note,
        overdue:
          row.due_date !== null && row.due_date < today && row.status !== 'accepted' && row.status !== 'provided',
        controls,
        requirements: of('requirement'),
        evidence,
        suggestedEvidence: [...suggested].sort()
      }
    })
  }

  set(
    packId: string,
    requestId: string,
    patch: {
      status?: string
      assignee?: string
      note?: string
      /** Evidence to link (added to what is linked). */
      evidence?: string[]
      unlinkEvidence?: string[]
      /** Controls to link (added to what is linked). */
      controls?: string[]
      unlinkControls?: string[]
    }
  ): AuditRequest {
    this.assertPack(packId)
    writeTransaction(this.db, () => {
      const before = this.db.prepare(`SELECT * FROM requests WHERE pack_id = ? AND id = ?`).get(packId, requestId) as
        RequestRow | undefined
      if (!before)
        throw notFound(`Pack ${packId} has no request ${requestId}. List them with "requests list --pack ${packId}".`)
      const after = { status: before.status, assignee: before.assignee, note: before.note }
      if (patch.status !== undefined) {
        if (!(REQUEST_STATUSES as readonly string[]).includes(patch.status)) {
          throw validationError(`Unknown status "${patch.status}". Use one of: ${REQUEST_STATUSES.join(', ')}.`)
        }
        after.status = patch.status as RequestStatus
      }
      if (patch.assignee !== undefined) {
        const person = patch.assignee === '' ? undefined : this.organisation.personByName(patch.assignee)
        if (patch.assignee !== '' && !person)
          throw validationError(`"${patch.assignee}" is not a person of the register.`)
        after.assignee = person?.name ?? ''
      }
      if (patch.note !== undefined) {
        if (patch.note.length > MAX_TEXT) throw validationError(`A response note has at most ${MAX_TEXT} characters.`)
        after.note = patch.note
      }
      this.db
        .prepare(
          `UPDATE requests SET status = @status, assignee = @assignee, note = @note, updated_at = @now,
             version = version + 1 WHERE pack_id = @packId AND id = @id`
        )
        .run({ ...after, now: this.now().toISOString(), packId, id: requestId })
      const linked: string[] = []
      for (const evidence of patch.evidence ?? []) {
        const exists = this.db.prepare(`SELECT 1 FROM evidence WHERE id = ? AND removed_at IS NULL`).get(evidence)
        if (!exists) throw notFound(`There is no evidence ${evidence}. List the evidence with "evidence list".`)
        this.db
          .prepare(
            `INSERT OR IGNORE INTO request_links (pack_id, request_id, kind, target, suggested) VALUES (?, ?, 'evidence', ?, 0)`
          )
          .run(packId, requestId, evidence)
        linked.push(evidence)
      }
      const linkedControls: string[] = []
      for (const control of patch.controls ?? []) {
        if (!this.db.prepare(`SELECT 1 FROM controls WHERE id = ?`).get(control))
          throw notFound(`There is no control ${control}. Check the id (for example IAM-03) or list the controls.`)
        this.db
          .prepare(
            `INSERT OR IGNORE INTO request_links (pack_id, request_id, kind, target, suggested) VALUES (?, ?, 'control', ?, 0)`
          )
          .run(packId, requestId, control)
        linkedControls.push(control)
      }
      const unlink = this.db.prepare(
        `DELETE FROM request_links WHERE pack_id = ? AND request_id = ? AND kind = ? AND target = ?`
      )
      const unlinked: string[] = []
      for (const [kind, targets] of [
        ['evidence', patch.unlinkEvidence ?? []],
        ['control', patch.unlinkControls ?? []]
      ] as const) {
        for (const target of targets) if (unlink.run(packId, requestId, kind, target).changes) unlinked.push(target)
      }
      this.audit.append({
        action: 'request.update',
        entityType: 'pack',
        entityId: packId,
        summary: `Request ${requestId} of ${packId}: ${after.status}${after.assignee ? `, ${after.assignee}` : ''}${linked.length ? `, evidence ${linked.join(', ')}` : ''}${linkedControls.length ? `, controls ${linkedControls.join(', ')}` : ''}${unlinked.length ? `, unlinked ${unlinked.join(', ')}` : ''}`,
        before: { status: before.status, assignee: before.assignee, note: before.note },
        after: {
          ...after,
          ...(linked.length ? { evidence: linked } : {}),
          ...(linkedControls.length ? { controls: linkedControls } : {}),
          ...(unlinked.length ? { unlinked } : {})
        }
      })
    })
    return this.list(packId).find((request) => request.id === requestId)!
  }
}

function changed(before: RequestRow, request: ParsedRequest): boolean {
  return (
    before.reference !== request.reference ||
    before.details !== request.details ||
    before.assignee !== request.assignee ||
    before.due_date !== request.dueDate ||
    before.cells !== request.cells
  )
}

/** A due date as written in a spreadsheet (YYYY-MM-DD, or a date cell read back as one) as YYYY-MM-DD. */
function toIsoDay(text: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})(T[\d:.]+Z?)?$/.exec(text)
  if (!match) return null
  const date = new Date(`${match[1]}-${match[2]}-${match[3]}T00:00:00Z`)
  return Number.isNaN(date.getTime()) ? null : `${match[1]}-${match[2]}-${match[3]}`
}
