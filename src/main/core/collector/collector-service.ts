import { randomUUID } from 'node:crypto'
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { type Readable } from 'node:stream'
import yauzl from 'yauzl'
import { toDay } from '../../../shared/dates'
import { scopeAccounts } from '../../../shared/pack-definition'
import type { CollectorImportResult, CollectorScriptResult, PackScope } from '../../../shared/types'
import { AppError } from '../errors'
import type { Register } from '../register'
import { describeFsError } from '../util/fs-errors'
import { bashCollector } from './bash-script'
import { CONTROLS_BY_EXPORT } from './control-links'
import { powershellCollector } from './powershell-script'
import type { CollectorScope } from './script-header'

export type CollectorShell = CollectorScriptResult['shell']

/** Bounds on a collection ZIP: it is read entry by entry, and never expands past these. */
const MAX_ENTRIES = 5000
const MAX_TOTAL_BYTES = 16 * 1024 * 1024 * 1024
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/

/** The collector's scope for a saved pack: its accounts (all of the register's when it names none). */
export function collectorScope(register: Register, packId: string, regions: string[], today: Date): CollectorScope {
  const pack = register.packs.get(packId)
  return collectorScopeOf(register, { id: pack.id, name: pack.name, scope: pack.scope }, regions, today)
}

/** The collector's scope for any scope of accounts and organizational units (a pack not saved yet). */
export function collectorScopeOf(
  register: Register,
  pack: { id: string; name: string; scope: PackScope },
  regions: string[],
  today: Date
): CollectorScope {
  const invalid = regions.filter((region) => !REGION.test(region))
  if (invalid.length) {
    throw new AppError('VALIDATION', `${invalid.join(', ')} is not an AWS Region name (such as eu-west-1).`)
  }
  return {
    packId: pack.id,
    packName: pack.name,
    accounts: scopeAccounts(pack.scope, register.accounts()).map(({ accountId, name }) => ({ accountId, name })),
    regions: [...new Set(regions)],
    writtenOn: toDay(today)
  }
}

export function collectorScript(scope: CollectorScope, shell: CollectorShell): string {
  return shell === 'bash' ? bashCollector(scope) : powershellCollector(scope)
}

/** Writes the script under a temporary name beside the target and renames it into place. */
export function writeCollectorScript(
  scope: CollectorScope,
  shell: CollectorShell,
  path: string
): CollectorScriptResult {
  const temporary = join(dirname(path), `.${randomUUID()}.tmp`)
  try {
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(temporary, collectorScript(scope, shell), { mode: 0o755 })
    renameSync(temporary, path)
  } catch (error) {
    rmSync(temporary, { force: true })
    throw describeFsError(error, path, 'write the collector script')
  }
  return { path, shell, accounts: scope.accounts.map((account) => account.accountId), regions: scope.regions }
}

/** The default place for a pack's script: the data folder's exports/. */
export function defaultScriptPath(register: Register, scope: CollectorScope, shell: CollectorShell): string {
  const name = `collector ${scope.packId} ${scope.writtenOn}.${shell === 'bash' ? 'sh' : 'ps1'}`
  return join(register.paths.exports, name)
}

interface ZipEntry {
  name: string
  size: number
  open(): Promise<Readable>
}

async function readZipEntries(path: string): Promise<{ entries: ZipEntry[]; close(): void }> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(
      path,
      { lazyEntries: true, autoClose: false, strictFileNames: false, validateEntrySizes: true },
      (error, file) => (error || !file ? reject(error ?? new Error('no ZIP')) : resolve(file))
    )
  ).catch(() => {
    throw new AppError(
      'VALIDATION',
      `${path} is not a ZIP archive the collector wrote. Choose the evidence-desk-collection ZIP.`
    )
  })
  const entries: ZipEntry[] = []
  let total = 0
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      if (!entry.fileName.endsWith('/')) {
        total += entry.uncompressedSize
        if (entries.length >= MAX_ENTRIES || total > MAX_TOTAL_BYTES) {
          reject(
            new AppError('VALIDATION', 'The ZIP holds more files or data than a collection can; nothing was imported.')
          )
          return
        }
        entries.push({
          name: entry.fileName.replace(/\\/g, '/').replace(/^(\.\/)+/, ''),
          size: entry.uncompressedSize,
          open: () =>
            new Promise<Readable>((resolveStream, rejectStream) =>
              zip.openReadStream(entry, (error, stream) =>
                error || !stream ? rejectStream(error) : resolveStream(stream)
              )
            )
        })
      }
      zip.readEntry()
    })
    zip.on('end', () => resolve())
    zip.on('error', reject)
    zip.readEntry()
  })
  return { entries, close: () => zip.close() }
}

async function readText(entry: ZipEntry, limit: number): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of await entry.open()) {
    size += (chunk as Buffer).length
    if (size > limit)
      throw new AppError('VALIDATION', `${entry.name} in the collection is too large to be its manifest.`)
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

interface ManifestRun {
  account?: string
  region?: string
  file?: string
  command?: string
  startedAt?: string
  exitCode?: number
  error?: string
}

/**
 * Imports a collection in one step: the ZIP itself is kept as evidence (with its manifest), then
 * every file in it is attached, tagged with the account it was collected from, dated on the day it
 * was collected, and linked to the controls its kind of export speaks for (control-links.ts).
 */
export async function importCollection(
  register: Register,
  path: string,
  jobId?: string
): Promise<CollectorImportResult> {
  const { entries, close } = await readZipEntries(path)
  try {
    const manifestEntry = entries.find((entry) => entry.name === 'manifest.json')
    if (!manifestEntry) {
      throw new AppError(
        'VALIDATION',
        `${path} has no manifest.json: it is not a ZIP the Evidence Desk collector wrote.`
      )
    }
    let manifest: { format?: string; startedAt?: string; runs?: ManifestRun[]; pack?: string }
    try {
      manifest = JSON.parse(await readText(manifestEntry, 64 * 1024 * 1024)) as typeof manifest
    } catch (error) {
      if (error instanceof AppError) throw error
      throw new AppError('VALIDATION', `The manifest in ${path} is not valid JSON; the collection was not imported.`)
    }
    if (manifest.format !== 'evidence-desk-collection') {
      throw new AppError(
        'VALIDATION',
        `${path} is not an Evidence Desk collection (its manifest names no such format).`
      )
    }
    const runs = new Map((manifest.runs ?? []).filter((run) => run.file).map((run) => [run.file!, run]))
    const collectedOn = manifest.startedAt?.slice(0, 10)
    const batch = await register.evidence.importFiles(
      [path],
      {
        kind: 'config-export',
        source: 'aws-service',
        title: `AWS collection${manifest.pack ? ` for ${manifest.pack}` : ''}${collectedOn ? `, ${collectedOn}` : ''}`,
        ...(collectedOn && /^\d{4}-\d\d-\d\d$/.test(collectedOn) ? { effectiveDate: collectedOn } : {})
      },
      jobId
    )
    if (batch.failed[0]) throw new AppError(batch.failed[0].code, batch.failed[0].message)
    const collection = batch.imported[0]!
    const existing = new Set(register.controls.list().map((control) => control.id))
    const files: CollectorImportResult['files'] = []
    for (const entry of entries) {
      if (entry === manifestEntry || entry.size === 0) continue
      const [account, region] = entry.name.split('/')
      const accountId = account && /^\d{12}$/.test(account) ? account : null
      const run = runs.get(entry.name)
      const day = run?.startedAt?.slice(0, 10) ?? collectedOn
      try {
        const item = await register.evidence.importStream(
          await entry.open(),
          entry.name.split('/').at(-1) ?? entry.name,
          entry.size,
          {
            source: 'aws-service',
            ...(accountId ? { accounts: [accountId] } : {}),
            ...(day && /^\d{4}-\d\d-\d\d$/.test(day) ? { effectiveDate: day } : {}),
            notes: `Collected ${run?.startedAt ?? 'by the Evidence Desk collector'}${region ? ` in ${region}` : ''} (${entry.name} in ${collection.id})${run?.command ? `: aws ${run.command.replace(/^aws /, '')}` : ''}`
          }
        )
        const format = register.evidence.get(item.id).metadata.exportSummary?.format
        const controls = (format ? (CONTROLS_BY_EXPORT[format] ?? []) : []).filter((control) => existing.has(control))
        for (const control of controls) register.evidence.link(item.id, control)
        files.push({ path: entry.name, account: accountId, region: region ?? null, item, controls })
      } catch (error) {
        files.push({
          path: entry.name,
          account: accountId,
          region: region ?? null,
          controls: [],
          error: error instanceof Error ? error.message : String(error)
        })
      }
    }
    const failedCalls = (manifest.runs ?? [])
      .filter((run) => run.exitCode !== 0)
      .map((run) => ({
        account: run.account ?? '',
        region: run.region ?? '',
        command: run.command ?? '',
        error: run.error ?? ''
      }))
    return { collection, files, failedCalls }
  } finally {
    close()
  }
}
