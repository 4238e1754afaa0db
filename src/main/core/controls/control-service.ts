import type Database from 'better-sqlite3'
import type { ControlEvidenceState, ControlStatus, FrameworkId, Responsibility } from '../../../shared/domain'
import type { ControlCreate, ControlFind, ControlPatch, ControlQuery } from '../../../shared/schemas'
import type {
  ControlDetail,
  ControlMatches,
  ControlRef,
  ControlSummary,
  Mapping,
  RequirementRef
} from '../../../shared/types'
import type { AuditLog } from '../audit/audit-log'
import { conflict, notFound } from '../errors'
import { toFtsQuery } from './fts-query'
import { frameworkLabel } from '../frameworks/framework-service'
import type { ReadCache } from '../db/read-cache'
import { READ_KEYS } from '../compliance/assessment-queries'
import { writeTransaction } from '../db/write-transaction'

const FIELD_SEPARATOR = '\u001f'
const ROW_SEPARATOR = '\u001e'

interface ControlRow {
  id: string
  title: string
  domain: string
  responsibility: Responsibility
  status: ControlStatus
  owner: string
  mappings: string | null
  evidence: ControlEvidenceState
}

type ListRow = Omit<ControlRow, 'mappings' | 'evidence'>

interface ControlDetailRow extends ControlRow {
  statement: string
  rationale: string
  aws_services: string
  notes: string
  not_applicable_reason: string
  origin: 'library' | 'custom'
  version: number
  created_at: string
  updated_at: string
}

/** The fields an edit can change, as stored and as recorded in the audit log. */
type EditableFields = Omit<
  ControlDetail,
  'id' | 'mappings' | 'origin' | 'version' | 'createdAt' | 'updatedAt' | 'requirements' | 'evidence'
>

// Mappings in requirement order (ids follow catalog order); the primary key walk gives that order.
const MAPPINGS_SUBQUERY = `(SELECT group_concat(r.framework_id || char(31) || r.ref, char(30))
    FROM control_requirements cr CROSS JOIN requirements r ON r.id = cr.requirement_id
    WHERE cr.control_id = c.id) AS mappings`

// The freshest linked evidence decides (no review-by date never goes stale); @today and @soon are bound.
const EVIDENCE_SUBQUERY = `(SELECT CASE WHEN count(*) = 0 THEN 'none'
      WHEN max(coalesce(e.review_by, '9999-12-31')) < @today THEN 'expired'
      WHEN max(coalesce(e.review_by, '9999-12-31')) <= @soon THEN 'expiring' ELSE 'fresh' END
    FROM evidence_controls ec JOIN evidence e ON e.id = ec.evidence_id AND e.removed_at IS NULL
    WHERE ec.control_id = c.id) AS evidence`

// The list reads plain columns; mappings and evidence states come from grouped reads kept while
// the register is unchanged (a subquery per control cost most of a 10,000-control list).
const LIST_COLUMNS = `c.id, c.title, c.domain, c.responsibility, c.status, c.owner`

/** Every control's mappings in requirement order, from one grouped query. */
const MAPPINGS_BY_CONTROL_SQL = `SELECT cr.control_id AS control,
    group_concat(r.framework_id || char(31) || r.ref, char(30)) AS mappings
  FROM control_requirements cr CROSS JOIN requirements r ON r.id = cr.requirement_id
  GROUP BY cr.control_id`

/** Every control's mappings in requirement order (a whole-register read the read cache keeps). */
export function mappingsByControl(db: Database.Database): Map<string, Mapping[]> {
  const rows = db.prepare(MAPPINGS_BY_CONTROL_SQL).all() as { control: string; mappings: string }[]
  // One object per requirement, shared by the controls mapped to it (read-only, like every cached
  // read): a tenth of the objects, and a copy to the main thread that sends each once.
  const shared = new Map<string, Mapping>()
  return new Map(rows.map((row) => [row.control, parseMappings(row.mappings, shared)]))
}

/**
 * The list query for one combination of filters. Only the filters in use appear in the SQL, so
 * SQLite can use the indexes; the framework test walks the control's few mappings (CROSS JOIN
 * fixes that order) rather than all of a framework's requirements. The evidence filter is applied
 * to the rows, from the evidence states.
 */
export function controlListQuery(query: ControlQuery): { sql: string; params: Record<string, string> } {
  const where: string[] = []
  const params: Record<string, string> = {}
  for (const key of ['status', 'responsibility', 'owner'] as const) {
    const value = query[key]
    if (value === undefined) continue
    where.push(`c.${key} = @${key}`)
    params[key] = value
  }
  if (query.framework !== undefined) {
    where.push(`EXISTS (SELECT 1 FROM control_requirements cr CROSS JOIN requirements r ON r.id = cr.requirement_id
      WHERE cr.control_id = c.id AND r.framework_id = @framework)`)
    params.framework = query.framework
  }
  const match = query.search === undefined ? null : toFtsQuery(query.search)
  if (match !== null) {
    params.match = match
    return {
      sql: `SELECT ${LIST_COLUMNS} FROM controls_fts f JOIN controls c ON c.rowid = f.rowid
        WHERE controls_fts MATCH @match ${where.map((clause) => `AND ${clause}`).join(' ')} ORDER BY f.rank`,
      params
    }
  }
  return {
    sql: `SELECT ${LIST_COLUMNS} FROM controls c ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY c.id`,
    params
  }
}

/** Whether a control's evidence state passes the list's evidence filter ('stale': anything but fresh). */
function evidenceMatches(state: ControlEvidenceState, filter: ControlQuery['evidence']): boolean {
  if (filter === undefined) return true
  return filter === 'stale' ? state !== 'fresh' : state === filter
}

export interface ControlListReads {
  cache: ReadCache
  /** Each control's evidence state from the compliance read model (absent: no evidence). */
  evidenceStates: () => ReadonlyMap<string, ControlEvidenceState>
}

/** The register of controls: listing, search, editing and mappings, every change audited. */
export class ControlService {
  private readonly listStatements = new Map<string, Database.Statement>()
  private readonly detailStatement: Database.Statement
  private readonly requirementsStatement: Database.Statement
  private readonly requirementIdStatement: Database.Statement

  constructor(
    private readonly db: Database.Database,
    private readonly audit: AuditLog,
    private readonly now: () => Date,
    private readonly freshness: () => { today: string; soon: string },
    private readonly reads: ControlListReads
  ) {
    this.detailStatement = db.prepare(
      `SELECT c.*, ${MAPPINGS_SUBQUERY}, ${EVIDENCE_SUBQUERY} FROM controls c WHERE c.id = @id`
    )
    this.requirementsStatement = db.prepare(
      `SELECT r.framework_id AS framework, r.ref, r.title FROM control_requirements cr
       JOIN requirements r ON r.id = cr.requirement_id WHERE cr.control_id = ?
       ORDER BY CASE r.framework_id WHEN 'hipaa' THEN 0 WHEN 'gdpr' THEN 1 ELSE 2 END, r.position`
    )
    this.requirementIdStatement = db
      .prepare(`SELECT id FROM requirements WHERE framework_id = ? AND ref = ? AND withdrawn = 0`)
      .pluck()
  }

  list(query: ControlQuery = {}): ControlSummary[] {
    // A list is kept while the register is unchanged (and for the day, as evidence ages): paging
    // back to the register or clearing a search costs nothing. Callers treat it as read-only.
    const { today, soon } = this.freshness()
    return this.reads.cache.get(`controls:${today}:${soon}:${JSON.stringify(query)}`, () => this.read(query))
  }

  private read(query: ControlQuery): ControlSummary[] {
    const { sql, params } = controlListQuery(query)
    let statement = this.listStatements.get(sql)
    if (!statement) {
      statement = this.db.prepare(sql)
      this.listStatements.set(sql, statement)
    }
    const states = this.reads.evidenceStates()
    const mappings = this.mappingsByControl()
    const summaries: ControlSummary[] = []
    for (const row of statement.all(params) as ListRow[]) {
      const evidence = states.get(row.id) ?? 'none'
      if (!evidenceMatches(evidence, query.evidence)) continue
      summaries.push({ ...row, mappings: mappings.get(row.id) ?? [], evidence })
    }
    return summaries
  }

  /** Every control's mappings (shared between lists while the register is unchanged: read-only). */
  private mappingsByControl(): ReadonlyMap<string, Mapping[]> {
    return this.reads.cache.get(READ_KEYS.mappingsByControl, () => mappingsByControl(this.db))
  }

  /**
   * Controls for a picker: by id or title (an id typed whole or begun comes first), at most
   * `limit`, without those `exclude` names. Read straight from the tables: a search costs a
   * few milliseconds at any size, so a picker never holds the whole register.
   */
  find(text: string, limit = 50, exclude: ControlFind['exclude'] = {}): ControlMatches {
    const where: string[] = []
    const params: Record<string, string | number> = { limit: limit + 1 }
    if (exclude.ids?.length) {
      where.push(`c.id NOT IN (SELECT value FROM json_each(@ids))`)
      params.ids = JSON.stringify(exclude.ids)
    }
    if (exclude.mappedTo) {
      where.push(`NOT EXISTS (SELECT 1 FROM control_requirements cr CROSS JOIN requirements r ON r.id = cr.requirement_id
        WHERE cr.control_id = c.id AND r.framework_id IN (SELECT value FROM json_each(@frameworks))
        ${exclude.mappedTo.ref !== undefined ? 'AND r.ref = @ref' : ''})`)
      params.frameworks = JSON.stringify(exclude.mappedTo.frameworks)
      if (exclude.mappedTo.ref !== undefined) params.ref = exclude.mappedTo.ref
    }
    if (exclude.linkedToEvidence !== undefined) {
      where.push(
        `NOT EXISTS (SELECT 1 FROM evidence_controls ec WHERE ec.control_id = c.id AND ec.evidence_id = @evidence)`
      )
      params.evidence = exclude.linkedToEvidence
    }
    const words = toFtsQuery(text)
    let sql: string
    if (words === null) {
      sql = `SELECT c.id, c.title, c.status, c.responsibility FROM controls c
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY c.id LIMIT @limit`
    } else {
      // Only the id and the title are searched: a picker finds a control by what it shows.
      params.match = `{id title} : (${words})`
      params.exact = text.trim().toUpperCase()
      params.prefix = `${text
        .trim()
        .toUpperCase()
        .replace(/[\\%_]/g, (character) => `\\${character}`)}%`
      sql = `SELECT c.id, c.title, c.status, c.responsibility FROM controls_fts f JOIN controls c ON c.rowid = f.rowid
        WHERE controls_fts MATCH @match ${where.map((clause) => `AND ${clause}`).join(' ')}
        ORDER BY CASE WHEN c.id = @exact THEN 0 WHEN c.id LIKE @prefix ESCAPE '\\' THEN 1 ELSE 2 END,
          CASE WHEN c.id LIKE @prefix ESCAPE '\\' THEN c.id END, f.rank, c.id
        LIMIT @limit`
    }
    const rows = this.db.prepare(sql).all(params) as ControlRef[]
    return { items: rows.slice(0, limit), more: rows.length > limit }
  }

  get(id: string): ControlDetail {
    const row = this.detailStatement.get({ id, ...this.freshness() }) as ControlDetailRow | undefined
    if (!row) throw notFound(`There is no control ${id}. Check the id (for example IAM-03) or list the controls.`)
    return {
      ...toSummary(row),
      statement: row.statement,
      rationale: row.rationale,
      awsServices: JSON.parse(row.aws_services) as string[],
      notes: row.notes,
      notApplicableReason: row.not_applicable_reason,
      origin: row.origin,
      version: row.version,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      requirements: this.requirementsStatement.all(id) as RequirementRef[]
    }
  }

  exists(id: string): boolean {
    return this.db.prepare(`SELECT 1 FROM controls WHERE id = ?`).get(id) !== undefined
  }

  owners(): { owner: string; controls: number }[] {
    return this.db
      .prepare(`SELECT owner, count(*) AS controls FROM controls WHERE owner <> '' GROUP BY owner ORDER BY owner`)
      .all() as { owner: string; controls: number }[]
  }

  domains(): string[] {
    return this.db.prepare(`SELECT DISTINCT domain FROM controls ORDER BY domain`).pluck().all() as string[]
  }

  create(input: ControlCreate): ControlDetail {
    const now = this.now().toISOString()
    const fields: EditableFields = {
      title: input.title,
      statement: input.statement ?? '',
      domain: input.domain ?? 'Custom',
      owner: input.owner ?? '',
      status: input.status ?? 'not-started',
      responsibility: input.responsibility,
      rationale: input.rationale ?? '',
      awsServices: input.awsServices ?? [],
      notes: input.notes ?? '',
      notApplicableReason: input.notApplicableReason ?? ''
    }
    writeTransaction(this.db, () => {
      if (this.exists(input.id)) throw conflict(`A control ${input.id} already exists. Choose another id.`)
      this.db
        .prepare(
          `INSERT INTO controls (id, title, statement, domain, owner, status, responsibility, rationale, aws_services,
             notes, not_applicable_reason, origin, version, created_at, updated_at)
           VALUES (@id, @title, @statement, @domain, @owner, @status, @responsibility, @rationale, @awsServices,
             @notes, @notApplicableReason, 'custom', 1, @now, @now)`
        )
        .run({ ...fields, id: input.id, awsServices: JSON.stringify(fields.awsServices), now })
      const mappings = input.mappings ?? []
      const insertMapping = this.db.prepare(
        `INSERT INTO control_requirements (control_id, requirement_id) VALUES (?, ?) ON CONFLICT DO NOTHING`
      )
      for (const mapping of mappings) {
        insertMapping.run(input.id, this.requirementId(input.id, mapping.framework, mapping.ref))
      }
      this.audit.append({
        action: 'control.create',
        entityType: 'control',
        entityId: input.id,
        summary: `Created ${input.id} "${fields.title}"${
          mappings.length
            ? `, mapped to ${mappings.map((m) => `${frameworkLabel(this.db, m.framework)} ${m.ref}`).join(', ')}`
            : ''
        }`,
        after: mappings.length ? { ...fields, mappings } : fields
      })
    })
    return this.get(input.id)
  }

  update(id: string, patch: ControlPatch, expectedVersion?: number): ControlDetail {
    writeTransaction(this.db, () => {
      const current = this.get(id)
      if (expectedVersion !== undefined && current.version !== expectedVersion) {
        throw conflict(
          `${id} was changed elsewhere since you opened it (version ${current.version}, yours ${expectedVersion}). ` +
            'Reload it and apply your change again.'
        )
      }
      const before: Partial<EditableFields> = {}
      const after: Partial<EditableFields> = {}
      for (const key of Object.keys(patch) as (keyof ControlPatch)[]) {
        const next = patch[key]
        if (next === undefined || sameValue(current[key], next)) continue
        Object.assign(before, { [key]: current[key] })
        Object.assign(after, { [key]: next })
      }
      const changed = Object.keys(after)
      if (changed.length === 0) return
      const merged = { ...pickEditable(current), ...after }
      this.db
        .prepare(
          `UPDATE controls SET title = @title, statement = @statement, domain = @domain, owner = @owner,
             status = @status, responsibility = @responsibility, rationale = @rationale,
             aws_services = @awsServices, notes = @notes, not_applicable_reason = @notApplicableReason,
             version = version + 1, updated_at = @now
           WHERE id = @id`
        )
        .run({ ...merged, awsServices: JSON.stringify(merged.awsServices), now: this.now().toISOString(), id })
      this.audit.append({
        action: 'control.update',
        entityType: 'control',
        entityId: id,
        summary: `Updated ${id}: ${describeChanges(before, after)}`,
        before,
        after
      })
    })
    return this.get(id)
  }

  map(id: string, framework: FrameworkId, ref: string): ControlDetail {
    writeTransaction(this.db, () => {
      const requirementId = this.requirementId(id, framework, ref)
      const result = this.db
        .prepare(`INSERT INTO control_requirements (control_id, requirement_id) VALUES (?, ?) ON CONFLICT DO NOTHING`)
        .run(id, requirementId)
      if (result.changes === 0) return
      this.touch(id)
      this.audit.append({
        action: 'control.map',
        entityType: 'control',
        entityId: id,
        summary: `Mapped ${id} to ${frameworkLabel(this.db, framework)} ${ref}`,
        after: { framework, ref }
      })
    })
    return this.get(id)
  }

  unmap(id: string, framework: FrameworkId, ref: string): ControlDetail {
    writeTransaction(this.db, () => {
      const requirementId = this.requirementId(id, framework, ref)
      const result = this.db
        .prepare(`DELETE FROM control_requirements WHERE control_id = ? AND requirement_id = ?`)
        .run(id, requirementId)
      if (result.changes === 0) {
        throw notFound(`${id} is not mapped to ${frameworkLabel(this.db, framework)} ${ref}.`)
      }
      this.touch(id)
      this.audit.append({
        action: 'control.unmap',
        entityType: 'control',
        entityId: id,
        summary: `Removed the mapping of ${id} to ${frameworkLabel(this.db, framework)} ${ref}`,
        before: { framework, ref }
      })
    })
    return this.get(id)
  }

  private requirementId(controlId: string, framework: FrameworkId, ref: string): number {
    if (!this.exists(controlId)) {
      throw notFound(`There is no control ${controlId}. Check the id (for example IAM-03) or list the controls.`)
    }
    const requirementId = this.requirementIdStatement.get(framework, ref) as number | undefined
    if (requirementId === undefined) {
      throw notFound(`${frameworkLabel(this.db, framework)} has no requirement ${ref}. Check the reference.`)
    }
    return requirementId
  }

  private touch(id: string): void {
    this.db
      .prepare(`UPDATE controls SET version = version + 1, updated_at = ? WHERE id = ?`)
      .run(this.now().toISOString(), id)
  }
}

function pickEditable(detail: ControlDetail): EditableFields {
  const {
    title,
    statement,
    domain,
    owner,
    status,
    responsibility,
    rationale,
    awsServices,
    notes,
    notApplicableReason
  } = detail
  return { title, statement, domain, owner, status, responsibility, rationale, awsServices, notes, notApplicableReason }
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

function describeChanges(before: Partial<EditableFields>, after: Partial<EditableFields>): string {
  return Object.keys(after)
    .map((key) => {
      const field = key as keyof EditableFields
      const value = after[field]
      if (field === 'status' || field === 'responsibility' || field === 'owner') {
        return `${field} ${String(before[field] || '(none)')} → ${String(value || '(none)')}`
      }
      return `${field} changed`
    })
    .join(', ')
}

function parseMappings(packed: string | null, shared?: Map<string, Mapping>): Mapping[] {
  if (!packed) return []
  return packed.split(ROW_SEPARATOR).map((item) => {
    const known = shared?.get(item)
    if (known) return known
    const separator = item.indexOf(FIELD_SEPARATOR)
    const mapping = { framework: item.slice(0, separator) as FrameworkId, ref: item.slice(separator + 1) }
    shared?.set(item, mapping)
    return mapping
  })
}

function toSummary(row: ControlRow): ControlSummary {
  return {
    id: row.id,
    title: row.title,
    domain: row.domain,
    responsibility: row.responsibility,
    status: row.status,
    owner: row.owner,
    mappings: parseMappings(row.mappings),
    evidence: row.evidence
  }
}
