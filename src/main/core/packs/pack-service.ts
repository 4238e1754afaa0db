import { randomBytes } from 'node:crypto'
import { closeSync, existsSync, mkdirSync, openSync, rmSync, statSync } from 'node:fs'
import { rename, rm } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { addDays, addMonths } from '../../../shared/dates'
import type { FrameworkId } from '../../../shared/domain'
import type { PackInput } from '../../../shared/schemas'
import type {
  PackControlChoice,
  PackDefinition,
  PackExportRecord,
  PackExportResult,
  PackReadiness,
  PackScope,
  PackVerification
} from '../../../shared/types'
import { packInputOf } from '../../../shared/pack-definition'
import { AppError, conflict, notFound } from '../errors'
import { CancelledError } from '../jobs/job-registry'
import { describeFsError } from '../util/fs-errors'
import { runInSlices } from '../util/time-slices'
import { writeAuditJsonLines } from '../audit/audit-export'
import type { Assessment } from '../compliance/assessment'
import { packEvidenceCount } from '../compliance/assessment-queries'
import { PACK_EVIDENCE_COUNT, packEvidenceQuery } from '../compliance/pack-evidence'
import { nextId } from '../db/id-sequence'
import { assemblePack, assemblePackSteps, type PackAuditLog, type PackRequest } from './assemble-pack'
import { encodePackContentInSteps, type PackContent } from './pack-content'
import type { PackSources } from './pack-sources'
import { safeFileName } from './safe-file-name'
import type { BuildPackOutput } from './build-pack'
import type { PdfSigningKey } from './pdf-signing-key'
import { knownKeys } from './key-register'
import { applyTrust } from './verify/trust'
import type { SigningKeys } from './signing-keys'
import { writeTransaction } from '../db/write-transaction'

interface PackRow {
  id: string
  name: string
  frameworks: string
  scope: string
  period_start: string
  period_end: string
  organisation: string
  auditor: string
  preparer: string
  created_at: string
  updated_at: string
  version: number
  scope_statement: string
}

/**
 * Evidence packs: saved definitions (copied for next year's audit), the readiness preview that
 * says what an auditor would find missing, exports (built in a worker of their own, written to a
 * temporary name and renamed) and verification of packs that come back.
 */
/** How many times an export starts assembling in slices before it assembles at once (see assembleInSlices). */
const ASSEMBLY_ATTEMPTS = 3

export class PackService {
  constructor(private readonly sources: PackSources) {}

  private get db() {
    return this.sources.db
  }

  // ---- definitions ----

  list(): PackDefinition[] {
    const ids = this.db.prepare(`SELECT id FROM packs ORDER BY period_end DESC, id DESC`).pluck().all() as string[]
    return ids.map((id) => this.get(id))
  }

  get(id: string): PackDefinition {
    const row = this.db.prepare(`SELECT * FROM packs WHERE id = ?`).get(id) as PackRow | undefined
    if (!row) throw notFound(`There is no pack ${id}. List the packs to find its id.`)
    const controls = (
      this.db
        .prepare(`SELECT control_id, included, reason FROM pack_controls WHERE pack_id = ? ORDER BY control_id`)
        .all(id) as {
        control_id: string
        included: number
        reason: string
      }[]
    ).map((choice): PackControlChoice => ({
      controlId: choice.control_id,
      included: choice.included === 1,
      reason: choice.reason
    }))
    const exports = this.db
      .prepare(
        `SELECT id, exported_at AS exportedAt, exported_by AS exportedBy, pdf_path AS pdfPath, zip_path AS zipPath,
           pdf_sha256 AS pdfSha256, zip_sha256 AS zipSha256, pages, evidence_count AS evidence, key_fingerprint AS keyFingerprint
         FROM pack_exports WHERE pack_id = ? ORDER BY id DESC LIMIT 20`
      )
      .all(id) as PackExportRecord[]
    return {
      id: row.id,
      name: row.name,
      frameworks: JSON.parse(row.frameworks) as FrameworkId[],
      scope: JSON.parse(row.scope) as PackScope,
      periodStart: row.period_start,
      periodEnd: row.period_end,
      organisation: row.organisation,
      auditor: row.auditor,
      preparer: row.preparer,
      scopeStatement: row.scope_statement,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      version: row.version,
      controls,
      exports
    }
  }

  create(input: PackInput, controls: PackControlChoice[] = [], summary?: string): PackDefinition {
    if (input.periodStart > input.periodEnd) {
      throw new AppError('VALIDATION', 'The audit period must start on or before its end.')
    }
    const now = this.sources.now().toISOString()
    const id = writeTransaction(this.db, () => {
      this.assertFrameworksKnown(input.frameworks)
      const id = nextId(this.db, 'pack', 'PK')
      this.db
        .prepare(
          `INSERT INTO packs (id, name, frameworks, scope, period_start, period_end, organisation, auditor, preparer,
             scope_statement, created_at, updated_at)
           VALUES (@id, @name, @frameworks, @scope, @periodStart, @periodEnd, @organisation, @auditor, @preparer,
             @scopeStatement, @now, @now)`
        )
        .run({
          ...input,
          scopeStatement: input.scopeStatement ?? '',
          id,
          frameworks: JSON.stringify(input.frameworks),
          scope: JSON.stringify(input.scope),
          now
        })
      const insert = this.db.prepare(
        `INSERT INTO pack_controls (pack_id, control_id, included, reason) VALUES (?, ?, ?, ?)`
      )
      for (const choice of controls) insert.run(id, choice.controlId, choice.included ? 1 : 0, choice.reason)
      this.sources.audit.append({
        action: 'pack.create',
        entityType: 'pack',
        entityId: id,
        summary: summary ?? `Created pack ${id} "${input.name}"`,
        after: { ...input, controls }
      })
      return id
    })
    return this.get(id)
  }

  update(id: string, patch: Partial<PackInput>, expectedVersion?: number): PackDefinition {
    writeTransaction(this.db, () => {
      const current = this.get(id)
      if (expectedVersion !== undefined && expectedVersion !== current.version) {
        throw conflict(`${id} was changed elsewhere since you opened it. Reload it and apply your change again.`)
      }
      const before: Record<string, unknown> = {}
      const after: Record<string, unknown> = {}
      for (const [key, value] of Object.entries(patch)) {
        const previous = (packInputOf(current) as Record<string, unknown>)[key]
        if (JSON.stringify(previous) === JSON.stringify(value)) continue
        before[key] = previous
        after[key] = value
      }
      if (Object.keys(after).length === 0) return
      const merged = { ...packInputOf(current), ...after } as PackInput
      if (merged.periodStart > merged.periodEnd)
        throw new AppError('VALIDATION', 'The audit period must start on or before its end.')
      this.assertFrameworksKnown(merged.frameworks)
      this.db
        .prepare(
          `UPDATE packs SET name = @name, frameworks = @frameworks, scope = @scope, period_start = @periodStart,
             period_end = @periodEnd, organisation = @organisation, auditor = @auditor, preparer = @preparer,
             scope_statement = @scopeStatement, updated_at = @now, version = version + 1 WHERE id = @id`
        )
        .run({
          ...merged,
          scopeStatement: merged.scopeStatement ?? '',
          frameworks: JSON.stringify(merged.frameworks),
          scope: JSON.stringify(merged.scope),
          id,
          now: this.sources.now().toISOString()
        })
      this.sources.audit.append({
        action: 'pack.update',
        entityType: 'pack',
        entityId: id,
        summary: `Updated pack ${id}: ${Object.keys(after).join(', ')}`,
        before,
        after
      })
    })
    return this.get(id)
  }

  /** Next year's audit starts from this one: the same frameworks, scope and choices, a year later. */
  copyForNextYear(id: string): PackDefinition {
    const source = this.get(id)
    const moved = source.name.replace(YEAR_IN_NAME, (year) => String(Number(year) + 1))
    const name = moved !== source.name ? moved : `${source.name} (next year)`
    return this.create(
      {
        ...packInputOf(source),
        name,
        periodStart: addMonths(source.periodStart, 12),
        periodEnd: nextYearsEnd(source.periodEnd)
      },
      source.controls,
      `Created pack from ${id} for the next audit period`
    )
  }

  remove(id: string): void {
    writeTransaction(this.db, () => {
      const current = this.get(id)
      this.db.prepare(`DELETE FROM packs WHERE id = ?`).run(id)
      this.sources.audit.append({
        action: 'pack.delete',
        entityType: 'pack',
        entityId: id,
        summary: `Deleted pack ${id} "${current.name}" (its exported files are kept)`,
        before: { ...packInputOf(current), controls: current.controls }
      })
    })
  }

  /** Takes a control out of the pack, adds one to it (each with a reason), or returns it to the default. */
  setControl(id: string, control: string, included: boolean | null, reason: string): PackDefinition {
    writeTransaction(this.db, () => {
      this.get(id)
      if (!this.db.prepare(`SELECT 1 FROM controls WHERE id = ?`).get(control)) {
        throw notFound(`There is no control ${control}. Check the id (for example IAM-03) or list the controls.`)
      }
      if (included !== null && !reason.trim()) {
        throw new AppError(
          'VALIDATION',
          'Say why the control is taken out of or added to the pack: the auditor reads it.'
        )
      }
      if (included === null) {
        this.db.prepare(`DELETE FROM pack_controls WHERE pack_id = ? AND control_id = ?`).run(id, control)
      } else {
        this.db
          .prepare(
            `INSERT INTO pack_controls (pack_id, control_id, included, reason) VALUES (?, ?, ?, ?)
             ON CONFLICT(pack_id, control_id) DO UPDATE SET included = excluded.included, reason = excluded.reason`
          )
          .run(id, control, included ? 1 : 0, reason.trim())
      }
      this.sources.audit.append({
        action: 'pack.control',
        entityType: 'pack',
        entityId: id,
        summary:
          included === null
            ? `${control} back to its default in pack ${id}`
            : included
              ? `Added ${control} to pack ${id}: ${reason.trim()}`
              : `Took ${control} out of pack ${id}: ${reason.trim()}`,
        after: { control, included, reason: reason.trim() }
      })
    })
    return this.get(id)
  }

  // ---- readiness ----

  requestOf(pack: PackDefinition): PackRequest {
    return { ...packInputOf(pack), id: pack.id, controls: pack.controls }
  }

  /** The assessment of a pack: its frameworks, period, scope and choice of controls, through the one result rule. */
  assessmentOf(request: PackRequest): Assessment {
    return this.sources.compliance.assess({
      frameworks: request.frameworks,
      period: { start: request.periodStart, end: request.periodEnd },
      scope: request.scope,
      choices: request.controls
    })
  }

  /** What the auditor would find missing: the open items of the pack's assessment, with its results. */
  readiness(request: PackRequest): PackReadiness {
    const assessment = this.assessmentOf(request)
    const controls = assessment.assessedControlIds()
    return {
      assessment: assessment.context,
      controls: controls.length,
      evidence: assessment.derived(PACK_EVIDENCE_COUNT, () =>
        packEvidenceCount(this.db, packEvidenceQuery(assessment))
      ),
      results: request.frameworks.map((framework) => {
        const summary = assessment.summary(framework)
        return { framework, name: summary.name, counts: summary.results }
      }),
      openItems: this.sources.compliance.openItems(assessment)
    }
  }

  /** What a pack of this request shows, without writing it (the audit log is not attached). */
  assemble(request: PackRequest, signing?: PackContent['signing']): PackContent {
    return assemblePack(this.sources, request, this.assessmentOf(request), signing)
  }

  /**
   * The same content as assemble, built in slices of about sliceMs: the assessment first, then the
   * content, with other calls served in between (an export's, so the window never waits on it).
   * A pack shows the register at one moment: after a change between slices the work starts again,
   * and a register that keeps changing is read at once the third time.
   */
  async assembleInSlices(
    request: PackRequest,
    signing?: PackContent['signing'],
    auditLog?: PackAuditLog,
    sliceMs?: number
  ): Promise<PackContent> {
    const { compliance } = this.sources
    for (let attempt = 1; attempt < ASSEMBLY_ATTEMPTS; attempt++) {
      const version = compliance.registerVersion()
      const assessment = this.assessmentOf(request)
      await assessment.prepare(sliceMs)
      const content = await runInSlices(assemblePackSteps(this.sources, request, assessment, signing, auditLog), {
        abandon: () => compliance.registerVersion() !== version,
        ...(sliceMs === undefined ? {} : { sliceMs })
      })
      if (content && compliance.registerVersion() === version) return content
    }
    return assemblePack(this.sources, request, this.assessmentOf(request), signing, auditLog)
  }

  // ---- exporting ----

  signingKeys(): SigningKeys {
    return this.sources.keys.signingKeys()
  }

  private pdfSigningKey(organisation: string): Promise<PdfSigningKey> {
    return this.sources.keys.pdfSigningKey(organisation)
  }

  /** Exports a saved pack into the data folder's exports/ (the app's default place for them). */
  async exportSaved(id: string, formats: { pdf: boolean; zip: boolean }, jobId?: string): Promise<PackExportResult> {
    const pack = this.get(id)
    const stamp = this.sources.now().toISOString().slice(0, 19).replace(/[:T]/g, '-')
    const base = freeBase(join(this.sources.paths.exports, `${safeFileName(pack.name, 80)} ${stamp}`))
    return this.export(
      this.requestOf(pack),
      { pdf: formats.pdf ? `${base}.pdf` : null, zip: formats.zip ? `${base}.zip` : null },
      jobId
    )
  }

  /**
   * Builds a pack in a worker of its own and writes it to the targets. Files are written under a
   * temporary name beside each target and renamed when complete: a cancelled or failed export
   * never leaves a file at the target's name.
   */
  async export(
    request: PackRequest,
    targets: { pdf: string | null; zip: string | null },
    jobId?: string
  ): Promise<PackExportResult> {
    const pdfTarget = targets.pdf ? resolve(targets.pdf) : null
    const zipTarget = targets.zip ? resolve(targets.zip) : null
    const anchor = pdfTarget ?? zipTarget
    if (!anchor) throw new AppError('VALIDATION', 'Choose where to write the PDF, the ZIP or both.')
    for (const target of [pdfTarget, zipTarget]) if (target) prepareTarget(target)
    const keys = this.signingKeys()
    const pdfKey = await this.pdfSigningKey(request.organisation)
    // Key, assembly and worker start each take a turn of their own: the event loop never waits for all three.
    await nextTurn()
    const suffix = randomBytes(6).toString('hex')
    const tempPdf = pdfTarget ? `${pdfTarget}.${suffix}.part` : `${zipTarget}.${suffix}.pdf.part`
    const tempZip = zipTarget ? `${zipTarget}.${suffix}.part` : null
    // The period's whole audit log travels with the pack as JSON Lines, written beside it first.
    const tempLog = `${anchor}.${suffix}.log.part`
    const logName = `audit-log ${request.periodStart} to ${request.periodEnd}.jsonl`
    // The content travels to the worker as the bytes of its JSON, transferred rather than copied:
    // the objects are let go of once encoded, so the main thread holds nothing of a large pack
    // while the worker writes it.
    let payload: Uint8Array
    try {
      const log = await writeAuditJsonLines(
        this.db,
        { from: request.periodStart, to: addDays(request.periodEnd, 1) },
        tempLog
      )
      let content: PackContent | null = await this.assembleInSlices(
        request,
        { publicKeyPem: keys.publicKeyPem, fingerprint: keys.fingerprint },
        { path: tempLog, name: logName, lastSeq: log.lastSeq }
      )
      // Encoded in slices too, and let go of once encoded.
      payload = (await runInSlices(encodePackContentInSteps(content)))!
      content = null
    } catch (error) {
      await rm(tempLog, { force: true })
      throw error
    }
    const heapLimitMb = buildHeapLimitMb(payload.byteLength)

    try {
      return await this.sources.jobs.run(
        { ...(jobId ? { id: jobId } : {}), label: `Exporting ${request.name}`, total: 1, unit: 'steps' },
        async (job) => {
          try {
            await nextTurn()
            const output = await this.sources.tasks
              .runDedicated(
                'build-pack',
                {
                  content: payload,
                  fontsDir: this.sources.fontsDir,
                  pdfPath: tempPdf,
                  zipPath: tempZip,
                  keepPdf: pdfTarget !== null,
                  privateKeyPem: keys.privateKeyPem,
                  pdfSigning: {
                    privateKeyPem: pdfKey.privateKeyPem,
                    certificatePem: pdfKey.certificatePem,
                    certificateSha256: pdfKey.certificateSha256
                  }
                },
                {
                  signal: job.signal,
                  onProgress: (done, total) => job.report(done, { total }),
                  transfer: [payload.buffer as ArrayBuffer],
                  heapLimitMb,
                  outOfMemory: packTooLarge
                }
              )
              .catch((error: unknown) => {
                throw error instanceof CancelledError ? new CancelledError('The export') : error
              })
            job.throwIfCancelled('The export')
            if (pdfTarget) await rename(tempPdf, pdfTarget)
            if (zipTarget && tempZip) await rename(tempZip, zipTarget)
            this.recordExport(request, { pdf: pdfTarget, zip: zipTarget }, output, keys.fingerprint)
            return {
              pdf: pdfTarget,
              zip: zipTarget,
              sha256: pdfTarget ? output.pdf.sha256 : output.zip!.sha256,
              pages: output.pages,
              evidence: output.evidence,
              keyFingerprint: keys.fingerprint
            }
          } finally {
            await rm(tempPdf, { force: true })
            if (tempZip) await rm(tempZip, { force: true })
          }
        }
      )
    } finally {
      await rm(tempLog, { force: true })
    }
  }

  private recordExport(
    request: PackRequest,
    { pdf, zip }: { pdf: string | null; zip: string | null },
    output: BuildPackOutput,
    fingerprint: string
  ): void {
    const { pages, evidence } = output
    const pdfSha256 = pdf ? output.pdf.sha256 : null
    const zipSha256 = zip ? (output.zip?.sha256 ?? null) : null
    writeTransaction(this.db, () => {
      const result = this.db
        .prepare(
          `INSERT INTO pack_exports (pack_id, pack_name, exported_at, exported_by, pdf_path, zip_path, pdf_sha256,
             zip_sha256, pages, evidence_count, key_fingerprint)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
        )
        .run(
          request.id,
          request.name,
          this.sources.now().toISOString(),
          this.sources.actor(),
          pdf,
          zip,
          pdfSha256,
          zipSha256,
          pages,
          evidence,
          fingerprint
        )
      this.sources.audit.append({
        action: 'pack.export',
        entityType: 'pack',
        entityId: request.id ?? `export-${result.lastInsertRowid}`,
        summary: `Exported "${request.name}": ${[pdf && basename(pdf), zip && basename(zip)].filter(Boolean).join(' and ')} (${pages} pages, ${evidence} evidence files)`,
        after: {
          pdf,
          zip,
          pdfSha256,
          zipSha256,
          pages,
          evidence,
          keyFingerprint: fingerprint,
          frameworks: request.frameworks,
          periodStart: request.periodStart,
          periodEnd: request.periodEnd
        }
      })
    })
  }

  /** Whether a path is one of this register's exports (the only files the app offers to show in a folder). */
  isExportPath(path: string): boolean {
    return (
      this.db.prepare(`SELECT 1 FROM pack_exports WHERE pdf_path = ? OR zip_path = ?`).get(path, path) !== undefined
    )
  }

  // ---- verifying ----

  /**
   * Verifies a pack file (PDF or ZIP) in the worker (heap-limited): the signatures, every hash,
   * and its signer against the keys this register signs with or trusts.
   */
  async verify(path: string, policy: { allowUnknownSigner?: boolean } = {}): Promise<PackVerification> {
    let stats
    try {
      stats = statSync(path)
    } catch (error) {
      throw describeFsError(error, path, 'open the pack')
    }
    if (!stats.isFile()) throw new AppError('VALIDATION', `${path} is not a file. Choose the pack's PDF or ZIP.`)
    const result = await this.sources.tasks.run('verify-pack', { path })
    return applyTrust(result, { knownKeys: knownKeys(this.db), ...policy })
  }

  private assertFrameworksKnown(frameworks: FrameworkId[]): void {
    const known = new Set(this.db.prepare(`SELECT id FROM frameworks`).pluck().all() as string[])
    const unknown = frameworks.filter((framework) => !known.has(framework))
    if (unknown.length) {
      throw notFound(
        `There is no framework ${unknown.join(', ')} in this register. List the frameworks to see their ids.`
      )
    }
  }
}

/** A name for an export's files that no earlier export has (two exports within a second get " (2)"). */
function freeBase(base: string): string {
  const taken = (candidate: string): boolean => existsSync(`${candidate}.pdf`) || existsSync(`${candidate}.zip`)
  let candidate = base
  for (let count = 2; taken(candidate); count++) candidate = `${base} (${count})`
  return candidate
}

/** A year in a pack's name ("PCI DSS 2026", "FY2026"), moved on when the pack is copied for next year. */
const YEAR_IN_NAME = /(?<!\d)20\d\d(?!\d)/g

/** A period that ends on a month's last day ends on that month's last day next year (28 Feb 2027 -> 29 Feb 2028). */
function nextYearsEnd(day: string): string {
  const lastOfMonth = addDays(day, 1).endsWith('-01')
  return lastOfMonth ? addDays(addMonths(addDays(day, 1), 12), -1) : addMonths(day, 12)
}

/**
 * Makes sure a pack can be written at `target` before any work starts: its folder exists (created
 * when missing), the target is not a folder, and a file can be created beside it (a probe, removed
 * at once), so an unwritable place is named now rather than after the whole pack is built.
 */
function prepareTarget(target: string): void {
  const folder = dirname(target)
  try {
    if (!existsSync(folder)) mkdirSync(folder, { recursive: true })
    if (existsSync(target) && statSync(target).isDirectory()) {
      throw new AppError('VALIDATION', `${target} is a folder. Give a file name for the pack.`)
    }
    const probe = `${target}.${randomBytes(6).toString('hex')}.probe`
    try {
      closeSync(openSync(probe, 'wx', 0o600))
    } catch (error) {
      // The folder is there, yet no file can be made in it (a system folder, a special file system).
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new AppError('VALIDATION', `Files cannot be created in ${folder}. Choose another folder for the pack.`)
      }
      throw error
    }
    rmSync(probe, { force: true })
  } catch (error) {
    throw describeFsError(error, folder, 'write the pack there')
  }
}

/** The pack writer's heap beyond its content: code, fonts, remembered word layouts, the page being laid out. */
const BUILD_HEAP_BASE_MB = 256
/**
 * The heap per byte of the content's JSON: the parsed content and what the writer keeps of what
 * it has written (object numbers, destinations, link keys) grow with it, to under three times its
 * size in a 10,000-control pack (about 190 MB live of a 33 MB content, 100 MB of it fixed). Twice
 * that leaves the collector room to work: at four times, a 10,000-control pack took a fifth longer
 * for 30 MB less memory.
 */
const BUILD_HEAP_PER_CONTENT_BYTE = 6

/**
 * The ceiling on the heap of the worker that writes a pack of `contentBytes` of JSON: V8 collects
 * as the heap nears it rather than growing, which keeps a large pack's memory down. The writer
 * keeps pages, attachments and structure only until each is written, so what it holds grows with
 * the content alone, and the ceiling leaves room above that at every size (a small pack's fixed
 * part has the 256 MB to itself; a large pack's share grows faster than it needs).
 */
export function buildHeapLimitMb(contentBytes: number): number {
  return Math.ceil(BUILD_HEAP_BASE_MB + (BUILD_HEAP_PER_CONTENT_BYTE * contentBytes) / (1024 * 1024))
}

/** The export's error when the pack needs more memory than its worker's ceiling. */
export function packTooLarge(heapLimitMb: number): AppError {
  return new AppError(
    'VALIDATION',
    `The pack is too large to build within ${heapLimitMb} MB of memory, so the export was stopped and no file was written. ` +
      'Take controls or frameworks out of the pack, or split it into smaller packs, then export again.'
  )
}
