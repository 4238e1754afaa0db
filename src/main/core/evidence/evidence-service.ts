import type Database from 'better-sqlite3'
import { readFile } from 'node:fs/promises'
import { Readable } from 'node:stream'
import { addDays, toDay } from '../../../shared/dates'
import type { FrameworkId } from '../../../shared/domain'
import type { ImportBatchResult } from '../../../shared/ipc/contract'
import type { ErrorCode } from '../../../shared/result'
import type { EvidenceImportOptions, EvidencePatch, EvidenceQuery } from '../../../shared/schemas'
import type {
  ControlRef,
  EvidenceDetail,
  EvidenceMetadata,
  EvidenceSummary,
  ImportedItem,
  VaultVerification
} from '../../../shared/types'
import type { AuditLog } from '../audit/audit-log'
import type { RegisterSettings } from '../settings/register-settings'
import { frameworkLabel } from '../frameworks/framework-service'
import { AppError, conflict, notFound } from '../errors'
import { CancelledError, type Job, type JobRegistry } from '../jobs/job-registry'
import type { TaskRunner } from '../jobs/task-runner'
import { recordFields, type EvidenceFields } from './evidence-records'
import { recordRequirementChecks } from './requirement-checks'
import { FRESHNESS_SQL } from './freshness'
import type { EvidenceInspection, InspectedAttachment } from './inspect-evidence'
import { exceedsInspectionLimit, isInspectable, tooLargeToInspect } from './inspectable'
import { detectMediaType } from './media-type'
import { checkSourceFile, displayName, type SourceFile } from './source-file'
import type { StoreOptions, StoredBlob, VaultStore } from './vault-store'
import { nextId } from '../db/id-sequence'
import { writeTransaction } from '../db/write-transaction'

export const EVIDENCE_PAGE_LIMIT = 1000

interface EvidenceRow {
  id: string
  title: string
  kind: EvidenceSummary['kind']
  source: EvidenceSummary['source']
  source_detail: string
  original_name: string
  sha256: string
  imported_at: string
  imported_by: string
  effective_date: string | null
  period_start: string | null
  period_end: string | null
  review_by: string | null
  notes: string
  parent_id: string | null
  metadata: string
  removed_at: string | null
  removed_by: string | null
  version: number
  size: number
  media_type: string
  freshness: EvidenceSummary['freshness']
  controls: string | null
  accounts: string | null
}

export interface EvidencePage {
  items: EvidenceSummary[]
  total: number
}

/** The columns of an evidence summary; @today and @soon decide freshness. */
const SUMMARY_COLUMNS = `e.*, b.size, b.media_type, ${FRESHNESS_SQL('e.review_by')} AS freshness,
    (SELECT group_concat(ec.control_id, ',') FROM evidence_controls ec WHERE ec.evidence_id = e.id) AS controls,
    (SELECT group_concat(ea.account_id, ',') FROM evidence_accounts ea WHERE ea.evidence_id = e.id) AS accounts`
const SUMMARY_SELECT = `SELECT ${SUMMARY_COLUMNS} FROM evidence e JOIN blobs b ON b.sha256 = e.sha256`

/**
 * The evidence list query for one combination of filters. Freshness filters become ranges on the
 * indexed review-by date, so a vault of 100,000 items is listed a page at a time without a scan.
 */
export function evidenceListQuery(query: EvidenceQuery): { where: string; params: Record<string, string> } {
  const where: string[] = []
  const params: Record<string, string> = {}
  if (!query.includeRemoved) where.push('e.removed_at IS NULL')
  if (query.kind) {
    where.push('e.kind = @kind')
    params.kind = query.kind
  }
  if (query.source) {
    where.push('e.source = @source')
    params.source = query.source
  }
  if (query.freshness === 'expired') where.push('e.review_by < @today')
  if (query.freshness === 'expiring') where.push('e.review_by BETWEEN @today AND @soon')
  if (query.freshness === 'fresh') where.push('(e.review_by IS NULL OR e.review_by > @soon)')
  if (query.control) {
    where.push('EXISTS (SELECT 1 FROM evidence_controls ec WHERE ec.evidence_id = e.id AND ec.control_id = @control)')
    params.control = query.control
  }
  if (query.search) {
    where.push(
      `(e.title LIKE @search ESCAPE '\\' OR e.original_name LIKE @search ESCAPE '\\' OR e.id LIKE @search ESCAPE '\\' OR e.sha256 LIKE @searchPrefix)`
    )
    const needle = query.search.replace(/[\\%_]/g, (char) => `\\${char}`)
    params.search = `%${needle}%`
    params.searchPrefix = `${needle.toLowerCase()}%`
  }
  return { where: where.length ? `WHERE ${where.join(' AND ')}` : '', params }
}

/**
 * One page, newest first: the page's rows are chosen from the index alone, then only they are
 * filled in (CROSS JOIN keeps SQLite from scanning the whole table to join the page).
 */
export const EVIDENCE_PAGE_SQL = (where: string): string =>
  `SELECT ${SUMMARY_COLUMNS}
   FROM (SELECT e.rowid AS row FROM evidence e ${where} ORDER BY e.rowid DESC LIMIT @limit OFFSET @offset) page
   CROSS JOIN evidence e ON e.rowid = page.row CROSS JOIN blobs b ON b.sha256 = e.sha256
   ORDER BY e.rowid DESC`
export const EVIDENCE_COUNT_SQL = (where: string): string => `SELECT count(*) FROM evidence e ${where}`

/**
 * The evidence vault's records: importing files (streamed into the content-addressed store,
 * inspected in a worker, recorded in one transaction), listing with freshness, editing, linking
 * to controls, soft removal and verification. Every change is audited; no stored file is ever
 * changed or deleted.
 */
export class EvidenceService {
  private readonly statements = new Map<string, Database.Statement>()

  constructor(
    private readonly db: Database.Database,
    private readonly audit: AuditLog,
    private readonly now: () => Date,
    private readonly vault: VaultStore,
    private readonly tasks: TaskRunner,
    private readonly jobs: JobRegistry,
    private readonly actor: () => string,
    private readonly settings: RegisterSettings
  ) {}

  // ---- settings and dates ----

  expiringDays(): number {
    return this.settings.expiringDays()
  }

  /** The parameters every freshness judgement needs: today, and the last day that still counts as fresh. */
  freshnessParams(): { today: string; soon: string } {
    const today = toDay(this.now())
    return { today, soon: addDays(today, this.expiringDays()) }
  }

  // ---- importing ----

  /** Imports files the user chose, one transaction each; a file that fails does not stop the others. */
  async importFiles(paths: string[], options: EvidenceImportOptions = {}, jobId?: string): Promise<ImportBatchResult> {
    const result: ImportBatchResult = { imported: [], failed: [] }
    const sources: SourceFile[] = []
    for (const path of paths) {
      try {
        sources.push(await checkSourceFile(path))
      } catch (error) {
        result.failed.push({ name: displayName(path), ...describe(error) })
      }
    }
    if (sources.length === 0) return result
    this.assertControlsExist(options.controls ?? [])
    const total = sources.reduce((sum, source) => sum + source.size, 0)
    const label = sources.length === 1 ? `Importing ${sources[0]!.name}` : `Importing ${sources.length} files`
    await this.jobs.run({ ...(jobId ? { id: jobId } : {}), label, total, unit: 'bytes' }, async (job) => {
      let done = 0
      for (const source of sources) {
        job.throwIfCancelled('The import')
        try {
          const item = await this.importSource(
            (store) =>
              this.vault.storeFile(source.path, {
                ...store,
                expect: { size: source.size, mtimeMs: source.mtimeMs, name: source.name }
              }),
            source.name,
            options,
            job,
            done
          )
          result.imported.push(item)
        } catch (error) {
          if (error instanceof CancelledError || job.signal.aborted) throw error
          result.failed.push({ name: source.name, ...describe(error) })
        }
        done += source.size
        job.report(done, { force: true })
      }
    })
    return result
  }

  /** Imports one file arriving as a stream (an upload); it is checked like a file on disk. */
  async importStream(
    stream: Readable,
    name: string,
    size: number,
    options: EvidenceImportOptions = {},
    jobId?: string
  ): Promise<ImportedItem> {
    const safeName = displayName(name)
    this.assertControlsExist(options.controls ?? [])
    return this.jobs.run(
      { ...(jobId ? { id: jobId } : {}), label: `Importing ${safeName}`, total: size, unit: 'bytes' },
      (job) => this.importSource((store) => this.vault.store(stream, store), safeName, options, job, 0)
    )
  }

  private async importSource(
    copy: (options: StoreOptions) => Promise<StoredBlob>,
    name: string,
    options: EvidenceImportOptions,
    job: Job,
    done: number
  ): Promise<ImportedItem> {
    const stored = await copy({ signal: job.signal, onProgress: (bytes) => job.report(done + bytes) })
    // Files this import put into the vault: removed again if it fails before they are recorded.
    const added: StoredBlob[] = stored.existed ? [] : [stored]
    try {
      return await this.recordImport(stored, added, name, options, job)
    } catch (error) {
      for (const blob of added)
        if (!this.blobRecorded(blob.sha256)) await this.vault.discard(blob.sha256).catch(() => undefined)
      throw error
    }
  }

  private blobRecorded(sha256: string): boolean {
    return this.db.prepare(`SELECT 1 FROM blobs WHERE sha256 = ?`).get(sha256) !== undefined
  }

  private async recordImport(
    stored: StoredBlob,
    added: StoredBlob[],
    name: string,
    options: EvidenceImportOptions,
    job: Job
  ): Promise<ImportedItem> {
    const mediaType = await detectMediaType(stored.head, name)
    // Only PDFs and exports are opened, in the worker; a file of any other type is stored as it is.
    let inspection: EvidenceInspection = { metadata: {}, attachments: [] }
    if (exceedsInspectionLimit(mediaType, stored.size)) inspection = tooLargeToInspect()
    else if (isInspectable(mediaType)) {
      try {
        inspection = await this.tasks.run(
          'inspect-evidence',
          { path: this.vault.pathOf(stored.sha256), name, mediaType, size: stored.size },
          { signal: job.signal }
        )
      } catch (error) {
        if (error instanceof CancelledError) throw error
        inspection = {
          metadata: { notes: [`The file could not be inspected (${messageOf(error)}); it was stored as it is.`] },
          attachments: []
        }
      }
    }
    const attachments: (InspectedAttachment & { blob: StoredBlob })[] = []
    for (const attachment of inspection.attachments) {
      job.throwIfCancelled('The import')
      const blob = await this.vault.store(Readable.from([Buffer.from(attachment.bytes)]), { signal: job.signal })
      if (!blob.existed) added.push(blob)
      attachments.push({ ...attachment, blob, name: displayName(attachment.name) })
    }
    job.throwIfCancelled('The import')

    return writeTransaction(this.db, (): ImportedItem => {
      const duplicate = this.activeRecordWithContent(stored.sha256)
      if (duplicate) return this.recordDuplicate(duplicate, stored.sha256, stored.size, options.controls ?? [])
      const today = toDay(this.now())
      this.insertBlob(stored.sha256, stored.size, mediaType)
      const metadata: EvidenceMetadata = {
        ...inspection.metadata,
        ...(options.acceptDetected && inspection.metadata.detected ? { detectedConfirmed: true } : {})
      }
      const fields = recordFields(options, {
        name,
        mediaType,
        metadata,
        ...(inspection.kind ? { provenKind: inspection.kind } : {}),
        isWrapper: mediaType === 'application/pdf' && attachments.length > 0,
        today
      })
      const id = this.insertRecord(fields, name, stored.sha256, metadata, null, options.controls ?? [])
      recordRequirementChecks(this.db, id, inspection.requirementResults, metadata.exportSummary)
      const extracted: ImportedItem['extracted'] = []
      for (const attachment of attachments) {
        const existing = this.activeRecordWithContent(attachment.blob.sha256)
        if (existing) {
          extracted.push({ id: existing, sha256: attachment.blob.sha256, name: attachment.name })
          continue
        }
        this.insertBlob(attachment.blob.sha256, attachment.blob.size, attachment.mediaType)
        const childMetadata: EvidenceMetadata = {
          ...attachment.metadata,
          ...(options.acceptDetected && attachment.metadata.detected ? { detectedConfirmed: true } : {})
        }
        const childFields = recordFields(
          {
            ...(options.acceptDetected ? { acceptDetected: true } : {}),
            ...(options.reviewBy ? { reviewBy: options.reviewBy } : {})
          },
          {
            name: attachment.name,
            mediaType: attachment.mediaType,
            metadata: childMetadata,
            provenKind: 'artifact-report',
            isWrapper: false,
            today
          }
        )
        const childId = this.insertRecord(
          { ...childFields, source: 'aws-artifact', sourceDetail: childFields.sourceDetail || fields.sourceDetail },
          attachment.name,
          attachment.blob.sha256,
          childMetadata,
          id,
          options.controls ?? []
        )
        extracted.push({ id: childId, sha256: attachment.blob.sha256, name: attachment.name })
      }
      const detected = inspection.metadata.detected
      const unknownAccounts = this.unlistedAccounts(fields.accounts)
      return {
        id,
        sha256: stored.sha256,
        size: stored.size,
        kind: fields.kind,
        title: fields.title,
        extracted,
        ...(detected ? { detected } : {}),
        ...(unknownAccounts.length ? { unknownAccounts } : {}),
        notes: [
          ...(inspection.metadata.notes ?? []),
          ...unknownAccounts.map(
            (account) =>
              `Tagged with AWS account ${account}, which the register does not list: packs scoped to an account or unit leave it out until the account is added (accounts add --id ${account} --name NAME).`
          )
        ]
      }
    })
  }

  private recordDuplicate(id: string, sha256: string, size: number, controls: string[]): ImportedItem {
    const linked = controls.filter((control) => this.linkQuietly(id, control))
    if (linked.length) {
      this.audit.append({
        action: 'evidence.link',
        entityType: 'evidence',
        entityId: id,
        summary: `Linked ${id} to ${linked.join(', ')} (the same file was attached again)`,
        after: { controls: linked }
      })
    }
    const detail = this.get(id)
    return {
      id,
      sha256,
      size,
      kind: detail.kind,
      title: detail.title,
      duplicateOf: id,
      extracted: detail.children.map((child) => ({ id: child.id, sha256: child.sha256, name: child.originalName })),
      notes: [`The same file is already in the vault as ${id}; nothing new was stored.`]
    }
  }

  private insertBlob(sha256: string, size: number, mediaType: string): void {
    this.db
      .prepare(`INSERT INTO blobs (sha256, size, media_type, stored_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`)
      .run(sha256, size, mediaType, this.now().toISOString())
  }

  private insertRecord(
    fields: EvidenceFields,
    originalName: string,
    sha256: string,
    metadata: EvidenceMetadata,
    parentId: string | null,
    controls: string[]
  ): string {
    const id = nextId(this.db, 'evidence', 'EV')
    const importedAt = this.now().toISOString()
    const { accounts, ...columns } = fields
    this.db
      .prepare(
        `INSERT INTO evidence (id, title, kind, source, source_detail, original_name, sha256, imported_at, imported_by,
           effective_date, period_start, period_end, review_by, notes, parent_id, metadata)
         VALUES (@id, @title, @kind, @source, @sourceDetail, @originalName, @sha256, @importedAt, @importedBy,
           @effectiveDate, @periodStart, @periodEnd, @reviewBy, @notes, @parentId, @metadata)`
      )
      .run({
        ...columns,
        id,
        originalName,
        sha256,
        importedAt,
        importedBy: this.actor(),
        parentId,
        metadata: JSON.stringify(metadata)
      })
    this.setAccounts(id, accounts)
    for (const control of controls) this.linkQuietly(id, control)
    this.audit.append({
      action: parentId ? 'evidence.extract' : 'evidence.import',
      entityType: 'evidence',
      entityId: id,
      summary: parentId
        ? `Extracted ${id} "${fields.title}" from ${parentId}`
        : `Imported ${id} "${fields.title}" (${originalName})`,
      after: { ...fields, originalName, sha256, parentId, controls }
    })
    return id
  }

  private activeRecordWithContent(sha256: string): string | undefined {
    return this.db
      .prepare(`SELECT id FROM evidence WHERE sha256 = ? AND removed_at IS NULL ORDER BY rowid LIMIT 1`)
      .pluck()
      .get(sha256) as string | undefined
  }

  // ---- reading ----

  list(query: EvidenceQuery = {}, page: { offset?: number; limit?: number } = {}): EvidencePage {
    const { where, params } = evidenceListQuery(query)
    const all = { ...params, ...this.freshnessParams() }
    const rows = this.statement(EVIDENCE_PAGE_SQL(where)).all({
      ...all,
      limit: Math.min(page.limit ?? 200, EVIDENCE_PAGE_LIMIT),
      offset: page.offset ?? 0
    }) as EvidenceRow[]
    const total = this.statement(EVIDENCE_COUNT_SQL(where)).pluck().get(all) as number
    return { items: rows.map(toSummary), total }
  }

  /** Every matching item, a page at a time (for the command line and pack building). */
  listAll(query: EvidenceQuery = {}): EvidenceSummary[] {
    const items: EvidenceSummary[] = []
    for (let offset = 0; ; offset += EVIDENCE_PAGE_LIMIT) {
      const page = this.list(query, { offset, limit: EVIDENCE_PAGE_LIMIT })
      items.push(...page.items)
      if (page.items.length < EVIDENCE_PAGE_LIMIT) return items
    }
  }

  /** How many active items are fresh, expiring and expired. */
  freshnessCounts(): Record<EvidenceSummary['freshness'], number> {
    const rows = this.db
      .prepare(
        `SELECT ${FRESHNESS_SQL('review_by')} AS freshness, count(*) AS n FROM evidence
         WHERE removed_at IS NULL GROUP BY 1`
      )
      .all(this.freshnessParams()) as { freshness: EvidenceSummary['freshness']; n: number }[]
    const counts = { fresh: 0, expiring: 0, expired: 0 }
    for (const row of rows) counts[row.freshness] = row.n
    return counts
  }

  get(id: string): EvidenceDetail {
    const row = this.statement(`${SUMMARY_SELECT} WHERE e.id = @id`).get({ id, ...this.freshnessParams() }) as
      EvidenceRow | undefined
    if (!row) throw notFound(`There is no evidence ${id}. Check the id (for example EV-0012) or list the evidence.`)
    const children = this.db
      .prepare(
        `SELECT id, title, original_name AS originalName, sha256 FROM evidence WHERE parent_id = ? ORDER BY rowid`
      )
      .all(id) as EvidenceDetail['children']
    const linkedControls = this.db
      .prepare(
        `SELECT c.id, c.title, c.status, c.responsibility FROM evidence_controls ec JOIN controls c ON c.id = ec.control_id
         WHERE ec.evidence_id = ? ORDER BY c.id`
      )
      .all(id) as ControlRef[]
    return {
      ...toSummary(row),
      notes: row.notes,
      metadata: JSON.parse(row.metadata) as EvidenceMetadata,
      version: row.version,
      removedAt: row.removed_at,
      removedBy: row.removed_by,
      children,
      linkedControls
    }
  }

  /** The file's bytes for a safe preview, within a size limit. */
  async content(
    id: string,
    maxBytes = 25 * 1024 * 1024
  ): Promise<{ mediaType: string; name: string; size: number; base64: string }> {
    const item = this.get(id)
    if (item.size > maxBytes) {
      throw new AppError(
        'VALIDATION',
        `${item.originalName} is too large to preview here (${Math.round(item.size / 1048576)} MB). Save a copy and open it in another program.`
      )
    }
    try {
      const bytes = await readFile(this.vault.pathOf(item.sha256))
      return { mediaType: item.mediaType, name: item.originalName, size: item.size, base64: bytes.toString('base64') }
    } catch {
      throw new AppError(
        'INTEGRITY',
        `The stored file of ${id} is missing from the vault. Run "Verify vault" to see what else is affected.`
      )
    }
  }

  // ---- changing ----

  update(id: string, patch: EvidencePatch, expectedVersion?: number): EvidenceDetail {
    writeTransaction(this.db, () => {
      const current = this.get(id)
      if (expectedVersion !== undefined && current.version !== expectedVersion) {
        throw conflict(`${id} was changed elsewhere since you opened it. Reload it and apply your change again.`)
      }
      const columns: Record<string, string> = {
        title: 'title',
        kind: 'kind',
        source: 'source',
        sourceDetail: 'source_detail',
        effectiveDate: 'effective_date',
        periodStart: 'period_start',
        periodEnd: 'period_end',
        reviewBy: 'review_by',
        notes: 'notes'
      }
      const before: Record<string, unknown> = {}
      const after: Record<string, unknown> = {}
      for (const [key, value] of Object.entries(patch)) {
        if (key === 'detectedConfirmed') continue
        if (JSON.stringify((current as unknown as Record<string, unknown>)[key]) === JSON.stringify(value)) continue
        before[key] = (current as unknown as Record<string, unknown>)[key]
        after[key] = value
      }
      const periodStart = (after.periodStart ?? current.periodStart) as string | null
      const periodEnd = (after.periodEnd ?? current.periodEnd) as string | null
      if (periodStart && periodEnd && periodStart > periodEnd) {
        throw new AppError('VALIDATION', 'The period must start on or before its end.')
      }
      const confirm = patch.detectedConfirmed === true && current.metadata.detectedConfirmed !== true
      if (Object.keys(after).length === 0 && !confirm) return
      const { accounts, ...changed } = after
      if (accounts !== undefined) this.setAccounts(id, accounts as string[])
      const sets = Object.keys(changed).map((key) => `${columns[key]} = @${key}`)
      if (confirm) sets.push(`metadata = json_set(metadata, '$.detectedConfirmed', json('true'))`)
      this.db
        .prepare(`UPDATE evidence SET ${[...sets, 'version = version + 1'].join(', ')} WHERE id = @id`)
        .run({ ...changed, id })
      this.audit.append({
        action: 'evidence.update',
        entityType: 'evidence',
        entityId: id,
        summary: `Updated ${id}: ${[...Object.keys(after), ...(confirm ? ['confirmed the details read from the file'] : [])].join(', ')}`,
        before,
        after: confirm ? { ...after, detectedConfirmed: true } : after
      })
    })
    return this.get(id)
  }

  link(id: string, control: string): EvidenceDetail {
    writeTransaction(this.db, () => {
      this.assertActive(id)
      this.assertControlsExist([control])
      if (!this.linkQuietly(id, control)) return
      this.audit.append({
        action: 'evidence.link',
        entityType: 'evidence',
        entityId: id,
        summary: `Linked ${id} to ${control}`,
        after: { control }
      })
    })
    return this.get(id)
  }

  unlink(id: string, control: string): EvidenceDetail {
    writeTransaction(this.db, () => {
      const removed = this.db
        .prepare(`DELETE FROM evidence_controls WHERE evidence_id = ? AND control_id = ?`)
        .run(id, control)
      if (removed.changes === 0) throw notFound(`${id} is not linked to ${control}.`)
      this.audit.append({
        action: 'evidence.unlink',
        entityType: 'evidence',
        entityId: id,
        summary: `Removed the link between ${id} and ${control}`,
        before: { control }
      })
    })
    return this.get(id)
  }

  /** Links an AWS report to every AWS-inherited control of a framework: it is their evidence. */
  linkInherited(id: string, framework: FrameworkId): { linked: string[]; alreadyLinked: number } {
    return writeTransaction(this.db, () => {
      this.assertActive(id)
      const controls = this.db
        .prepare(
          `SELECT DISTINCT c.id FROM controls c JOIN control_requirements cr ON cr.control_id = c.id
           JOIN requirements r ON r.id = cr.requirement_id
           WHERE c.responsibility = 'aws' AND r.framework_id = ? ORDER BY c.id`
        )
        .pluck()
        .all(framework) as string[]
      if (controls.length === 0) {
        throw notFound(
          `No control mapped to ${frameworkLabel(this.db, framework)} is AWS-inherited, so there is nothing to link.`
        )
      }
      const linked = controls.filter((control) => this.linkQuietly(id, control))
      if (linked.length) {
        this.audit.append({
          action: 'evidence.link',
          entityType: 'evidence',
          entityId: id,
          summary: `Linked ${id} to the ${linked.length} AWS-inherited controls of ${frameworkLabel(this.db, framework)}`,
          after: { framework, controls: linked }
        })
      }
      return { linked, alreadyLinked: controls.length - linked.length }
    })
  }

  /** A soft removal: the record and its file stay, hidden from lists, and can be restored. */
  remove(id: string, reason?: string): EvidenceDetail {
    writeTransaction(this.db, () => {
      this.assertActive(id)
      this.db
        .prepare(`UPDATE evidence SET removed_at = ?, removed_by = ?, version = version + 1 WHERE id = ?`)
        .run(this.now().toISOString(), this.actor(), id)
      this.audit.append({
        action: 'evidence.remove',
        entityType: 'evidence',
        entityId: id,
        summary: `Removed ${id}${reason ? `: ${reason}` : ''} (the file is kept)`,
        after: { removed: true, ...(reason ? { reason } : {}) }
      })
    })
    return this.get(id)
  }

  restore(id: string): EvidenceDetail {
    writeTransaction(this.db, () => {
      const item = this.get(id)
      if (!item.removed) return
      const active = this.activeRecordWithContent(item.sha256)
      if (active) throw conflict(`The same file is in the vault again as ${active}; ${id} stays removed.`)
      this.db
        .prepare(`UPDATE evidence SET removed_at = NULL, removed_by = NULL, version = version + 1 WHERE id = ?`)
        .run(id)
      this.audit.append({
        action: 'evidence.restore',
        entityType: 'evidence',
        entityId: id,
        summary: `Restored ${id}`,
        after: { removed: false }
      })
    })
    return this.get(id)
  }

  /** Re-hashes every stored file and names each one that is missing or no longer matches its hash. */
  async verify(jobId?: string): Promise<VaultVerification> {
    const blobs = this.db.prepare(`SELECT sha256, size FROM blobs ORDER BY sha256`).all() as {
      sha256: string
      size: number
    }[]
    const total = blobs.reduce((sum, blob) => sum + blob.size, 0)
    const problems: VaultVerification['problems'] = []
    await this.jobs.run(
      { ...(jobId ? { id: jobId } : {}), label: 'Verifying the evidence vault', total, unit: 'bytes' },
      async (job) => {
        let done = 0
        for (const blob of blobs) {
          job.throwIfCancelled('The verification')
          const state = await this.vault.check(blob.sha256, (bytes) => job.report(done + bytes))
          done += blob.size
          if (state === 'ok') continue
          const evidence = this.db
            .prepare(`SELECT id FROM evidence WHERE sha256 = ? ORDER BY rowid`)
            .pluck()
            .all(blob.sha256) as string[]
          problems.push({ sha256: blob.sha256, evidence, problem: state })
        }
      }
    )
    const known = new Set(blobs.map((blob) => blob.sha256))
    const unreferenced = this.vault.unreferenced((sha256) => known.has(sha256) || this.blobRecorded(sha256))
    return { ok: problems.length === 0, checked: blobs.length, problems, unreferenced }
  }

  // ---- helpers ----

  /** The accounts among these that the register does not list (evidence may name them before they are added). */
  private unlistedAccounts(accounts: string[]): string[] {
    const listed = this.db.prepare(`SELECT 1 FROM aws_accounts WHERE account_id = ?`)
    return accounts.filter((account) => listed.get(account) === undefined)
  }

  private setAccounts(id: string, accounts: string[]): void {
    this.db.prepare(`DELETE FROM evidence_accounts WHERE evidence_id = ?`).run(id)
    const insert = this.db.prepare(`INSERT OR IGNORE INTO evidence_accounts (evidence_id, account_id) VALUES (?, ?)`)
    for (const account of accounts) insert.run(id, account)
  }

  private linkQuietly(id: string, control: string): boolean {
    return (
      this.db
        .prepare(
          `INSERT INTO evidence_controls (evidence_id, control_id, linked_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`
        )
        .run(id, control, this.now().toISOString()).changes > 0
    )
  }

  private assertActive(id: string): void {
    if (this.get(id).removed) throw conflict(`${id} was removed. Restore it first.`)
  }

  private assertControlsExist(controls: string[]): void {
    const exists = this.db.prepare(`SELECT 1 FROM controls WHERE id = ?`).pluck()
    const missing = controls.filter((control) => exists.get(control) === undefined)
    if (missing.length) {
      throw notFound(
        `There is no control ${missing.join(', ')}. Check the id (for example IAM-03); nothing was imported.`
      )
    }
  }

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql)
    if (!statement) {
      statement = this.db.prepare(sql)
      this.statements.set(sql, statement)
    }
    return statement
  }
}

function toSummary(row: EvidenceRow): EvidenceSummary {
  return {
    id: row.id,
    title: row.title,
    kind: row.kind,
    source: row.source,
    sourceDetail: row.source_detail,
    originalName: row.original_name,
    size: row.size,
    mediaType: row.media_type,
    sha256: row.sha256,
    importedAt: row.imported_at,
    importedBy: row.imported_by,
    effectiveDate: row.effective_date,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    reviewBy: row.review_by,
    freshness: row.freshness,
    parentId: row.parent_id,
    controls: row.controls ? row.controls.split(',') : [],
    accounts: row.accounts ? row.accounts.split(',').sort() : [],
    removed: row.removed_at !== null
  }
}

function describe(error: unknown): { code: ErrorCode; message: string } {
  return error instanceof AppError
    ? { code: error.code, message: error.message }
    : { code: 'INTERNAL', message: messageOf(error) }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
