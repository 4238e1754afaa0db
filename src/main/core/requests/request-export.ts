import { randomBytes } from 'node:crypto'
import { createReadStream, createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs'
import { mkdtemp, rename, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, dirname, join, resolve } from 'node:path'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import yazl from 'yazl'
import type Database from 'better-sqlite3'
import { REQUEST_STATUS_LABELS, type AuditRequest, type RequestExportResult } from '../../../shared/spreadsheets'
import type { PackDefinition } from '../../../shared/types'
import type { AuditLog } from '../audit/audit-log'
import { AppError } from '../errors'
import type { FrameworkService } from '../frameworks/framework-service'
import { CancelledError, type JobRegistry } from '../jobs/job-registry'
import type { TaskRunner } from '../jobs/task-runner'
import type { PackService } from '../packs/pack-service'
import { safeFileName } from '../packs/safe-file-name'
import {
  manifestBytes,
  sha256,
  signManifest,
  ZIP_MANIFEST_FORMAT,
  type ManifestPack,
  type ZipManifest
} from '../packs/signature/manifest'
import { ZIP_CHECKSUMS, ZIP_MANIFEST, ZIP_PUBLIC_KEY, ZIP_README, ZIP_SIGNATURE } from '../packs/zip/write-pack-zip'
import { hashFile, worthCompressing } from '../packs/zip/zip-members'
import type { SheetColumn, SpreadsheetDocument } from '../spreadsheets/sheet-model'
import { writeXlsx } from '../spreadsheets/write-xlsx'
import { describeFsError } from '../util/fs-errors'
import { hashingTap, type HashingTap } from '../util/hashing-tap'
import type { RequestService } from './request-service'

export const REQUESTS_FOLDER = 'requests'
export const REQUEST_LIST_XLSX = 'request-list.xlsx'

export interface RequestExportSources {
  db: Database.Database
  audit: AuditLog
  requests: RequestService
  packs: PackService
  frameworks: FrameworkService
  jobs: JobRegistry
  tasks: TaskRunner
  vaultPath: (sha256: string) => string
  fontsDir: string
  now: () => Date
  actor: () => string
  generator: string
}

export interface EvidenceFile {
  id: string
  title: string
  originalName: string
  sha256: string
  size: number
  mediaType: string
  removed: boolean
}

interface Member {
  /** Where it is read from: a file (streamed) or bytes. */
  source: { path: string } | { bytes: Buffer }
  path: string
  size: number
  sha256: string
  evidenceId?: string
  compress: boolean
}

/**
 * The responses to a pack's request list, as the auditor gets them back: a ZIP with a folder per
 * request (its evidence files, copied from the vault byte for byte, and a response PDF), the list
 * back as XLSX in the auditor's columns with the status, response and evidence added, and the same
 * signed manifest, public key and SHA256SUMS as a pack's ZIP, so `pack verify` checks it.
 */
export class RequestExporter {
  /** The ZIPs written in this session (the only ones the app offers to show in their folder). */
  private readonly written = new Set<string>()

  constructor(private readonly sources: RequestExportSources) {}

  isExportPath(path: string): boolean {
    return this.written.has(path)
  }

  /** The default place for a pack's responses: the data folder's exports/. */
  defaultPath(packId: string, exportsDir: string): string {
    const pack = this.sources.packs.get(packId)
    const stamp = this.sources.now().toISOString().slice(0, 19).replace(/[:T]/g, '-')
    let candidate = join(exportsDir, `${safeFileName(pack.name, 80)} responses ${stamp}.zip`)
    for (let count = 2; existsSync(candidate); count++)
      candidate = join(exportsDir, `${safeFileName(pack.name, 80)} responses ${stamp} (${count}).zip`)
    return candidate
  }

  async export(packId: string, out: string, jobId?: string): Promise<RequestExportResult> {
    const { packs, requests } = this.sources
    const pack = packs.get(packId)
    const list = requests.list(packId)
    if (list.length === 0) {
      throw new AppError(
        'VALIDATION',
        `Pack ${packId} has no request list to answer. Import the auditor's list first ("requests import FILE --pack ${packId}").`
      )
    }
    const target = resolve(out)
    prepareTarget(target)
    const keys = packs.signingKeys()
    const layout = requests.layout(packId)
    const evidence = this.evidenceOf(list)
    const controlTitles = this.controlTitles(list)
    const generatedAt = this.sources.now().toISOString()
    const generatedBy = this.sources.actor()

    return this.sources.jobs.run(
      {
        ...(jobId ? { id: jobId } : {}),
        label: `Exporting the responses of ${pack.name}`,
        total: list.length + 1,
        unit: 'steps'
      },
      async (job) => {
        const work = await mkdtemp(join(tmpdir(), 'evidence-desk-requests-'))
        const part = `${target}.${randomBytes(6).toString('hex')}.part`
        try {
          const folders = folderNames(list.map((request) => request.id))
          const pathsOf = new Map<string, string[]>()
          const evidenceMembers = new Map<string, Member[]>()
          for (const [index, request] of list.entries()) {
            job.throwIfCancelled('The export')
            const folder = `${REQUESTS_FOLDER}/${folders[index]!}`
            const mine: Member[] = []
            for (const id of request.evidence) {
              const item = evidence.get(id)
              if (!item) continue
              mine.push({
                source: { path: this.sources.vaultPath(item.sha256) },
                path: `${folder}/${safeFileName(`${item.id} ${item.originalName}`)}`,
                size: item.size,
                sha256: item.sha256,
                evidenceId: item.id,
                compress: worthCompressing(item.mediaType)
              })
            }
            evidenceMembers.set(request.id, mine)
            pathsOf.set(
              request.id,
              mine.map((member) => member.path)
            )
          }

          // The response PDFs are typeset in a worker of their own: the window stays responsive.
          const pdfs = await this.sources.tasks
            .runDedicated(
              'write-response-pdfs',
              {
                fontsDir: this.sources.fontsDir,
                dir: work,
                generatedAt,
                generatedBy,
                pack: {
                  name: pack.name,
                  organisation: pack.organisation,
                  periodStart: pack.periodStart,
                  periodEnd: pack.periodEnd
                },
                responses: list.map((request) => ({
                  request,
                  evidence: request.evidence.flatMap((id) => {
                    const item = evidence.get(id)
                    return item ? [item] : []
                  }),
                  controls: request.controls.map((id) => ({ id, title: controlTitles.get(id) ?? '' })),
                  paths: pathsOf.get(request.id) ?? []
                }))
              },
              { signal: job.signal, onProgress: (done) => job.report(done) }
            )
            .catch((error: unknown) => {
              throw error instanceof CancelledError ? new CancelledError('The export') : error
            })
          job.throwIfCancelled('The export')
          const members: Member[] = list.flatMap((request, index) => [
            ...(evidenceMembers.get(request.id) ?? []),
            {
              source: { path: pdfs[index]!.path },
              path: `${REQUESTS_FOLDER}/${folders[index]!}/${safeFileName(`response ${request.id}`)}.pdf`,
              size: pdfs[index]!.size,
              sha256: pdfs[index]!.sha256,
              compress: false
            }
          ])

          const xlsxPath = join(work, REQUEST_LIST_XLSX)
          await writeXlsx(
            responseSheet(pack, list, layout, evidence, pathsOf, generatedAt, generatedBy, this.sources.generator),
            xlsxPath,
            generatedBy
          )
          const xlsx = await hashFile(xlsxPath)
          members.push({ source: { path: xlsxPath }, path: REQUEST_LIST_XLSX, ...xlsx, compress: false })
          const readmeBytes = readme(pack, list.length, layout.fileName)
          members.push({
            source: { bytes: readmeBytes },
            path: ZIP_README,
            size: readmeBytes.length,
            sha256: sha256(readmeBytes),
            compress: true
          })
          const publicKey = Buffer.from(keys.publicKeyPem)
          members.push({
            source: { bytes: publicKey },
            path: ZIP_PUBLIC_KEY,
            size: publicKey.length,
            sha256: sha256(publicKey),
            compress: true
          })

          const manifest: ZipManifest = {
            format: ZIP_MANIFEST_FORMAT,
            pack: this.manifestPack(pack, generatedAt),
            files: members.map(({ path, size, sha256: hash, evidenceId }) => ({
              path,
              size,
              sha256: hash,
              ...(evidenceId ? { evidenceId } : {})
            })),
            signing: { algorithm: 'Ed25519', publicKeyFingerprint: keys.fingerprint }
          }
          const manifestData = manifestBytes(manifest)
          const signature = Buffer.from(`${signManifest(manifestData, keys.privateKeyPem)}\n`)
          const sums = [
            ...members.map((member) => `${member.sha256}  ${member.path}`),
            `${sha256(manifestData)}  ${ZIP_MANIFEST}`,
            `${sha256(signature)}  ${ZIP_SIGNATURE}`
          ]

          const zip = new yazl.ZipFile()
          const mtime = new Date(generatedAt)
          // Each file is streamed in as it is read, and hashed on the way: what the ZIP holds is what was signed.
          const streamed = new Map<Member, HashingTap>()
          for (const member of members) {
            const { source } = member
            if ('bytes' in source) {
              zip.addBuffer(source.bytes, member.path, { mtime, compress: member.compress })
              continue
            }
            zip.addReadStreamLazy(member.path, { mtime, compress: member.compress }, (give) => {
              const tap = hashingTap()
              streamed.set(member, tap)
              const file = createReadStream(source.path, { highWaterMark: 1024 * 1024 })
              file.on('error', (error) =>
                (zip.outputStream as Readable).destroy(
                  describeFsError(error, source.path, `read ${member.path} from the vault`)
                )
              )
              give(null, file.pipe(tap.stream))
            })
          }
          zip.on('error', (error: Error) => (zip.outputStream as Readable).destroy(error))
          zip.addBuffer(manifestData, ZIP_MANIFEST, { mtime })
          zip.addBuffer(signature, ZIP_SIGNATURE, { mtime })
          zip.addBuffer(Buffer.from(`${sums.join('\n')}\n`), ZIP_CHECKSUMS, { mtime })
          zip.end()
          const tap = hashingTap()
          await pipeline(
            zip.outputStream,
            tap.stream,
            createWriteStream(part, { flags: 'wx', mode: 0o600, flush: true })
          )
          job.throwIfCancelled('The export')
          for (const [member, tap] of streamed) {
            if (tap.size() === member.size && tap.hash.digest('hex') === member.sha256) continue
            throw new AppError(
              'INTEGRITY',
              member.evidenceId
                ? `The vault's copy of ${member.evidenceId} no longer matches its SHA-256: nothing was exported. Check the vault ("evidence verify") and restore the file from a backup.`
                : `${member.path} changed while it was exported: nothing was exported. Export again.`
            )
          }
          await rename(part, target)
          this.written.add(target)
          job.report(list.length + 1)
          const result: RequestExportResult = {
            path: target,
            sha256: tap.hash.digest('hex'),
            size: tap.size(),
            requests: list.length,
            evidenceFiles: members.filter((member) => member.evidenceId).length,
            keyFingerprint: keys.fingerprint
          }
          this.sources.audit.append({
            action: 'requests.export',
            entityType: 'pack',
            entityId: packId,
            summary: `Exported the responses to the request list of ${packId}: ${basename(target)} (${result.requests} requests, ${result.evidenceFiles} evidence files)`,
            after: { ...result }
          })
          return result
        } catch (error) {
          if (error instanceof Error && 'code' in error && typeof (error as NodeJS.ErrnoException).errno === 'number')
            throw describeFsError(error, target, 'write the responses')
          throw error
        } finally {
          await rm(part, { force: true })
          await rm(work, { recursive: true, force: true })
        }
      }
    )
  }

  private manifestPack(pack: PackDefinition, generatedAt: string): ManifestPack {
    const names = this.sources.frameworks.names()
    return {
      id: pack.id,
      name: `${pack.name}: responses to the request list`,
      organisation: pack.organisation,
      auditor: pack.auditor,
      preparer: pack.preparer,
      frameworks: pack.frameworks.map((id) => {
        const found = names.find((framework) => framework.id === id)
        return { id, name: found?.name ?? id, version: found?.version ?? '' }
      }),
      scope: {
        label: pack.scope.accounts?.length ? `Accounts ${pack.scope.accounts.join(', ')}` : 'The whole organisation',
        accounts: pack.scope.accounts ?? []
      },
      periodStart: pack.periodStart,
      periodEnd: pack.periodEnd,
      generatedAt,
      generator: this.sources.generator
    }
  }

  private evidenceOf(list: AuditRequest[]): Map<string, EvidenceFile> {
    const ids = [...new Set(list.flatMap((request) => request.evidence))]
    const rows = this.sources.db
      .prepare(
        `SELECT e.id, e.title, e.original_name AS originalName, e.sha256, b.size, b.media_type AS mediaType,
           e.removed_at IS NOT NULL AS removed
         FROM evidence e JOIN blobs b ON b.sha256 = e.sha256 WHERE e.id IN (SELECT value FROM json_each(?))`
      )
      .all(JSON.stringify(ids)) as (Omit<EvidenceFile, 'removed'> & { removed: number })[]
    return new Map(rows.map((row) => [row.id, { ...row, removed: row.removed === 1 }]))
  }

  private controlTitles(list: AuditRequest[]): Map<string, string> {
    const ids = [...new Set(list.flatMap((request) => request.controls))]
    const rows = this.sources.db
      .prepare(`SELECT id, title FROM controls WHERE id IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(ids)) as { id: string; title: string }[]
    return new Map(rows.map((row) => [row.id, row.title]))
  }
}

/** One folder name per request id, safe on every system and distinct even where ids differ only in unsafe characters. */
function folderNames(ids: string[]): string[] {
  const used = new Set<string>()
  return ids.map((id) => {
    const base = safeFileName(id, 60)
    let name = base
    for (let count = 2; used.has(name.toLowerCase()); count++) name = `${base} (${count})`
    used.add(name.toLowerCase())
    return name
  })
}

function prepareTarget(target: string): void {
  const folder = dirname(target)
  try {
    if (!existsSync(folder)) mkdirSync(folder, { recursive: true })
    if (existsSync(target) && statSync(target).isDirectory())
      throw new AppError('VALIDATION', `${target} is a folder. Give a file name for the ZIP.`)
  } catch (error) {
    if (error instanceof AppError) throw error
    throw describeFsError(error, folder, 'write the responses there')
  }
}

/** The list back in the auditor's own columns, then what Evidence Desk adds: status, response, evidence, links. */
function responseSheet(
  pack: PackDefinition,
  list: AuditRequest[],
  layout: ReturnType<RequestService['layout']>,
  evidence: Map<string, EvidenceFile>,
  pathsOf: Map<string, string[]>,
  generatedAt: string,
  generatedBy: string,
  generator: string
): SpreadsheetDocument {
  const original = layout.headings.length
    ? layout.headings.map((header, index) => ({ header: header || `Column ${index + 1}`, index }))
    : null
  const columns: SheetColumn[] = [
    ...(original
      ? original.map(({ header }): SheetColumn => ({ header, kind: 'text' }))
      : ([
          { header: 'Request ID', kind: 'text' },
          { header: 'Reference', kind: 'text' },
          { header: 'Details', kind: 'long-text' },
          { header: 'Assigned to', kind: 'text' },
          { header: 'Due date', kind: 'date' }
        ] as SheetColumn[])),
    { header: 'Status', kind: 'text' },
    { header: 'Assignee', kind: 'text' },
    { header: 'Overdue', kind: 'text' },
    { header: 'Response', kind: 'long-text' },
    { header: 'Evidence', kind: 'list' },
    { header: 'Evidence files', kind: 'list' },
    { header: 'Linked controls', kind: 'list' },
    { header: 'Linked requirements', kind: 'list' }
  ]
  const rows = list.map((request) => [
    ...(original
      ? original.map(({ index }) => layout.cells.get(request.id)?.[index] ?? '')
      : [request.id, request.reference, request.details, request.assignee, request.dueDate]),
    REQUEST_STATUS_LABELS[request.status],
    request.assignee,
    request.overdue ? 'Overdue' : '',
    request.note,
    request.evidence.map((id) => {
      const item = evidence.get(id)
      return item ? `${id} ${item.title} (SHA-256 ${item.sha256})` : id
    }),
    pathsOf.get(request.id) ?? [],
    request.controls,
    request.requirements
  ])
  return {
    title: `Responses to the request list of ${pack.name}`,
    sheets: [{ name: 'Requests', columns, rows }],
    about: [
      ['Pack', `${pack.id} ${pack.name}`],
      ['Organisation', pack.organisation],
      ['Auditor', pack.auditor],
      ['Audit period', `${pack.periodStart} to ${pack.periodEnd}`],
      ...(layout.fileName ? ([['Request list imported from', layout.fileName]] as [string, string][]) : []),
      ['Exported', generatedAt],
      ['Exported by', generatedBy],
      ['Application', generator]
    ]
  }
}

function readme(pack: PackDefinition, count: number, fileName: string): Buffer {
  const lines = [
    `Responses to the request list of ${pack.name}`,
    `${pack.organisation}; auditor ${pack.auditor || '-'}; audit period ${pack.periodStart} to ${pack.periodEnd}`,
    `${count} requests${fileName ? `, imported from ${fileName}` : ''}`,
    '',
    'What is where',
    `  ${REQUESTS_FOLDER}/<request id>/   one folder per request: its response PDF (status, assignee, due date,`,
    '                          response, linked controls and evidence with SHA-256) and its evidence files',
    `  ${REQUEST_LIST_XLSX}       the request list in its own columns, with status, response, evidence`,
    '                          and linked controls added',
    `  ${ZIP_MANIFEST}           every file above with its size and SHA-256, signed: ${ZIP_SIGNATURE} (Ed25519)`,
    `  ${ZIP_PUBLIC_KEY}         the public key that signed it`,
    `  ${ZIP_CHECKSUMS}              the same hashes for sha256sum -c`,
    '',
    'How to verify',
    '  evidence-desk pack verify <this zip>  (or Verify a pack in Evidence Desk) checks the signature and',
    '  every file. Compare the key fingerprint it prints with the one the preparer sent you separately.',
    ''
  ]
  return Buffer.from(lines.join('\r\n'))
}
