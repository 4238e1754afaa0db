import Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { createReadStream, existsSync, readdirSync, readFileSync } from 'node:fs'
import { chmod, copyFile, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import type { BackupInfo, BackupVerification } from '../../../shared/types'
import { AuditLog } from '../audit/audit-log'
import { APPLICATION_ID } from '../db/open-database'
import { AppError, conflict, notFound } from '../errors'
import type { Register } from '../register'
import { dataPaths } from '../paths'
import { describeFsError } from '../util/fs-errors'
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../util/private-files'

export const BACKUP_FORMAT = 'evidence-desk-backup/1'
const BACKUP_FILE = 'backup.json'
const REGISTER_FILE = 'register.sqlite'
/** Where each backup root keeps the vault's files, shared by every backup in it (so backups are incremental). */
const OBJECTS = 'objects'
const LAST_BACKUP = 'last-backup.json'
/** Automatic backups go here in the data folder; the newest few are kept. */
export const AUTOMATIC_FOLDER = 'automatic'
export const AUTOMATIC_KEEP = 7

interface BackupManifest {
  format: typeof BACKUP_FORMAT
  createdAt: string
  createdBy: string
  appVersion: string
  schemaVersion: number
  register: { sha256: string; size: number }
  /** Every file of the vault the register refers to, by SHA-256 (stored in the root's objects/). */
  objects: { sha256: string; size: number }[]
  keys: string[]
}

const stampOf = (date: Date): string => date.toISOString().slice(0, 19).replace(/[:T]/g, '-')

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

const objectPath = (root: string, sha256: string): string => join(root, OBJECTS, sha256.slice(0, 2), sha256)

/**
 * Backups of a register: the database copied with SQLite's online backup (consistent while the
 * app runs), the signing keys, and the vault's files. Files are named by their SHA-256, so the
 * backups in one folder share them and each new backup copies only files the folder lacks.
 */
export class BackupService {
  constructor(
    private readonly register: Register,
    private readonly appVersion: string
  ) {}

  /** Creates a backup in `root` (default: the data folder's backups/) and returns where. */
  async create(root?: string, options: { automatic?: boolean } = {}): Promise<BackupInfo> {
    const { paths, now } = this.register
    const base = resolve(root ?? join(paths.backups, options.automatic ? AUTOMATIC_FOLDER : ''))
    const createdAt = now()
    let folder = join(base, `evidence-desk-${stampOf(createdAt)}`)
    for (let count = 2; existsSync(folder); count++) folder = join(base, `evidence-desk-${stampOf(createdAt)}-${count}`)
    const partial = `${folder}.part`
    try {
      await mkdir(base, { recursive: true, mode: PRIVATE_DIR_MODE })
      await mkdir(join(partial, 'keys'), { recursive: true, mode: PRIVATE_DIR_MODE })
      const registerCopy = join(partial, REGISTER_FILE)
      await this.register.db.backup(registerCopy)
      await chmod(registerCopy, PRIVATE_FILE_MODE)
      const objects: BackupManifest['objects'] = []
      const copy = new Database(registerCopy, { readonly: true })
      try {
        for (const blob of copy.prepare(`SELECT sha256, size FROM blobs ORDER BY sha256`).iterate() as Iterable<{
          sha256: string
          size: number
        }>) {
          objects.push(blob)
          const target = objectPath(base, blob.sha256)
          if (existsSync(target)) continue
          await mkdir(dirname(target), { recursive: true, mode: PRIVATE_DIR_MODE })
          await copyFile(this.register.vault.pathOf(blob.sha256), `${target}.part`)
          await chmod(`${target}.part`, 0o400)
          await rename(`${target}.part`, target)
        }
      } finally {
        copy.close()
      }
      const keys = existsSync(paths.keys) ? readdirSync(paths.keys).filter((name) => !name.endsWith('.part')) : []
      for (const key of keys) {
        await copyFile(join(paths.keys, key), join(partial, 'keys', key))
        await chmod(join(partial, 'keys', key), PRIVATE_FILE_MODE)
      }
      const manifest: BackupManifest = {
        format: BACKUP_FORMAT,
        createdAt: createdAt.toISOString(),
        createdBy: this.register.actor,
        appVersion: this.appVersion,
        schemaVersion: this.register.db.pragma('user_version', { simple: true }) as number,
        register: { sha256: await sha256File(registerCopy), size: (await stat(registerCopy)).size },
        objects,
        keys
      }
      await writeFile(join(partial, BACKUP_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { mode: PRIVATE_FILE_MODE })
      await rename(partial, folder)
    } catch (error) {
      await rm(partial, { recursive: true, force: true })
      throw describeFsError(error, base, 'write the backup')
    }
    const info: BackupInfo = {
      path: folder,
      createdAt: createdAt.toISOString(),
      automatic: options.automatic === true,
      objects: (JSON.parse(readFileSync(join(folder, BACKUP_FILE), 'utf8')) as BackupManifest).objects.length
    }
    await mkdir(paths.backups, { recursive: true, mode: PRIVATE_DIR_MODE })
    await writeFile(join(paths.backups, LAST_BACKUP), `${JSON.stringify(info)}\n`, { mode: PRIVATE_FILE_MODE })
    if (options.automatic) await pruneAutomatic(base, AUTOMATIC_KEEP)
    return info
  }

  /** The newest backup made of this register (by hand or automatically), or null. */
  last(): BackupInfo | null {
    const path = join(this.register.paths.backups, LAST_BACKUP)
    try {
      return JSON.parse(readFileSync(path, 'utf8')) as BackupInfo
    } catch {
      return null
    }
  }

  /** Makes the daily automatic backup when the newest one is a day old or more. */
  async backUpIfDue(): Promise<BackupInfo | null> {
    const folder = join(this.register.paths.backups, AUTOMATIC_FOLDER)
    const names = existsSync(folder)
      ? readdirSync(folder).filter((name) => name.startsWith('evidence-desk-') && !name.endsWith('.part'))
      : []
    const newest = names.map((name) => Date.parse(readManifest(join(folder, name)).createdAt)).sort((a, b) => b - a)[0]
    if (newest !== undefined && this.register.now().getTime() - newest < 24 * 60 * 60 * 1000) return null
    return this.create(undefined, { automatic: true })
  }
}

/** Keeps the newest `keep` automatic backups, and only the vault files they still refer to. */
async function pruneAutomatic(root: string, keep: number): Promise<void> {
  const backups = (await readdir(root))
    .filter((name) => name.startsWith('evidence-desk-') && !name.endsWith('.part'))
    .sort()
  for (const name of backups.slice(0, Math.max(0, backups.length - keep))) {
    await rm(join(root, name), { recursive: true, force: true })
  }
  const referenced = new Set<string>()
  for (const name of backups.slice(-keep)) {
    const manifest = JSON.parse(readFileSync(join(root, name, BACKUP_FILE), 'utf8')) as BackupManifest
    for (const object of manifest.objects) referenced.add(object.sha256)
  }
  const objects = join(root, OBJECTS)
  if (!existsSync(objects)) return
  for (const prefix of await readdir(objects)) {
    for (const file of await readdir(join(objects, prefix))) {
      if (!referenced.has(file)) await rm(join(objects, prefix, file), { force: true })
    }
  }
}

function readManifest(folder: string): BackupManifest {
  const path = join(folder, BACKUP_FILE)
  if (!existsSync(path)) throw notFound(`${folder} is not an Evidence Desk backup (it has no ${BACKUP_FILE}).`)
  try {
    const manifest = JSON.parse(readFileSync(path, 'utf8')) as BackupManifest
    if (manifest.format !== BACKUP_FORMAT) throw new Error('format')
    return manifest
  } catch {
    throw new AppError('INTEGRITY', `${path} cannot be read as an Evidence Desk backup.`)
  }
}

/**
 * Checks a backup without changing it: the register copy's hash, SQLite's integrity check, that
 * it is an Evidence Desk register with its audit chain intact, and every vault file re-hashed.
 */
export async function verifyBackup(folder: string): Promise<BackupVerification> {
  const root = dirname(resolve(folder))
  const manifest = readManifest(folder)
  const problems: string[] = []
  const registerPath = join(folder, REGISTER_FILE)
  if (!existsSync(registerPath)) problems.push('The register copy is missing.')
  else if ((await sha256File(registerPath)) !== manifest.register.sha256)
    problems.push('The register copy was changed since the backup was made.')
  else {
    const db = new Database(registerPath, { readonly: true })
    try {
      const integrity = db.pragma('integrity_check', { simple: true })
      if (integrity !== 'ok') problems.push(`SQLite finds the register copy damaged (${String(integrity)}).`)
      if (db.pragma('application_id', { simple: true }) !== APPLICATION_ID)
        problems.push('The register copy is not an Evidence Desk register.')
      const chain = new AuditLog(
        db,
        () => new Date(),
        () => 'backup'
      ).verify()
      if (!chain.ok) problems.push(`The audit log in the copy is broken: ${chain.firstBroken.reason}.`)
    } finally {
      db.close()
    }
  }
  let checked = 0
  for (const object of manifest.objects) {
    const path = objectPath(root, object.sha256)
    if (!existsSync(path)) problems.push(`The vault file ${object.sha256} is missing from the backup.`)
    else if ((await sha256File(path)) !== object.sha256)
      problems.push(`The vault file ${object.sha256} was changed in the backup.`)
    else checked++
  }
  return { ok: problems.length === 0, path: resolve(folder), createdAt: manifest.createdAt, objects: checked, problems }
}

/**
 * Restores a backup into a new data folder: refuses a folder that already holds a register,
 * checks the backup first, and writes the register, its keys and its vault with owner-only modes.
 */
export async function restoreBackup(folder: string, dataDir: string): Promise<{ dataDir: string; objects: number }> {
  const paths = dataPaths(dataDir)
  if (existsSync(paths.database)) {
    throw conflict(
      `${paths.dataDir} already holds a register; a backup is only restored into a new data folder. Nothing was changed.`
    )
  }
  const verification = await verifyBackup(folder)
  if (!verification.ok) {
    throw new AppError('INTEGRITY', `The backup does not verify (${verification.problems[0]}); nothing was restored.`)
  }
  const manifest = readManifest(folder)
  const root = dirname(resolve(folder))
  try {
    await mkdir(paths.dataDir, { recursive: true, mode: PRIVATE_DIR_MODE })
    await mkdir(join(paths.vault, 'objects'), { recursive: true, mode: PRIVATE_DIR_MODE })
    for (const object of manifest.objects) {
      const target = join(paths.vault, 'objects', object.sha256.slice(0, 2), object.sha256)
      await mkdir(dirname(target), { recursive: true, mode: PRIVATE_DIR_MODE })
      await copyFile(objectPath(root, object.sha256), target)
      await chmod(target, 0o444)
    }
    if (manifest.keys.length) await mkdir(paths.keys, { recursive: true, mode: PRIVATE_DIR_MODE })
    for (const key of manifest.keys) {
      await copyFile(join(folder, 'keys', key), join(paths.keys, basename(key)))
      await chmod(join(paths.keys, basename(key)), key.endsWith('.key') ? PRIVATE_FILE_MODE : 0o644)
    }
    // The register last: a data folder with a register in it is a complete one.
    await copyFile(join(folder, REGISTER_FILE), `${paths.database}.part`)
    await chmod(`${paths.database}.part`, PRIVATE_FILE_MODE)
    await rename(`${paths.database}.part`, paths.database)
  } catch (error) {
    throw describeFsError(error, paths.dataDir, 'restore the backup')
  }
  return { dataDir: paths.dataDir, objects: manifest.objects.length }
}
