import Database from 'better-sqlite3'
import { chmodSync, closeSync, existsSync, openSync, readSync, statSync } from 'node:fs'
import { AppError, integrityError, notFound } from '../errors'
import { describeFsError } from '../util/fs-errors'
import { migrate } from './migrate'
import { PRIVATE_FILE_MODE } from '../util/private-files'

/** 'EVDS': marks a SQLite file as an Evidence Desk register. */
export const APPLICATION_ID = 0x45564453
/** How long a statement waits for another process's write to finish before it fails as busy. */
const BUSY_TIMEOUT_MS = 10_000
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1')

export interface OpenDatabaseOptions {
  path: string
  backupsDir: string
  now: () => Date
  /** Refuse to create a new register (the CLI's commands other than `init`). */
  mustExist?: boolean
}

/**
 * Opens (or creates) the register file and brings its schema up to date. Anything that is not
 * an Evidence Desk register is refused before SQLite writes a byte to it.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database.Database> {
  const { path } = options
  const exists = existsSync(path) && statSync(path).size > 0
  if (!exists && options.mustExist) {
    throw notFound(`There is no register at ${path}. Run "evidence-desk init" to create one.`)
  }
  if (exists) assertSqliteHeader(path)

  let db: Database.Database
  try {
    // The busy timeout from the first statement: another process may be writing at this moment.
    db = new Database(path, { timeout: BUSY_TIMEOUT_MS })
    // A new register is readable by its owner only; SQLite gives its journal files the same mode.
    if (!exists && process.platform !== 'win32') chmodSync(path, PRIVATE_FILE_MODE)
  } catch (error) {
    throw describeOpenError(error, path)
  }
  try {
    // Identify the file before changing anything in it (switching to WAL rewrites its header).
    assertEvidenceDeskRegister(db, path)
    configure(db, path)
    await migrate(db, { databasePath: path, backupsDir: options.backupsDir, now: options.now })
    return db
  } catch (error) {
    db.close()
    throw error instanceof AppError ? error : describeOpenError(error, path)
  }
}

function assertSqliteHeader(path: string): void {
  const header = Buffer.alloc(SQLITE_HEADER.length)
  let fd: number | undefined
  try {
    fd = openSync(path, 'r')
    readSync(fd, header, 0, header.length, 0)
  } catch (error) {
    throw describeFsError(error, path, 'read the register')
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
  if (!header.equals(SQLITE_HEADER)) {
    throw integrityError(
      `The file ${path} is not an Evidence Desk register (it is not a SQLite database). ` +
        'It was left untouched. Choose another data folder with --data-dir, or restore the register from a backup.'
    )
  }
}

function configure(db: Database.Database, path: string): void {
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
  const mode = db.pragma('journal_mode = WAL', { simple: true })
  if (mode !== 'wal') {
    throw new AppError(
      'VALIDATION',
      `The register at ${path} cannot be opened for writing (journal mode ${String(mode)}). ` +
        'Check that its folder is writable.'
    )
  }
  db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
}

function assertEvidenceDeskRegister(db: Database.Database, path: string): void {
  const applicationId = db.pragma('application_id', { simple: true }) as number
  const tables = db.prepare(`SELECT count(*) AS n FROM sqlite_schema`).get() as { n: number }
  if (applicationId === APPLICATION_ID) return
  if (applicationId === 0 && tables.n === 0) {
    db.pragma(`application_id = ${APPLICATION_ID}`)
    return
  }
  throw integrityError(
    `The file ${path} is a SQLite database but not an Evidence Desk register. It was left untouched. ` +
      'Choose another data folder with --data-dir.'
  )
}

function describeOpenError(error: unknown, path: string): AppError {
  const code = (error as { code?: string }).code ?? ''
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return integrityError(
      `The register at ${path} is damaged and cannot be read (${code}). It was left untouched. ` +
        'Restore it from the backups folder next to it, or choose another data folder with --data-dir.'
    )
  }
  if (code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN' || code.startsWith('SQLITE_IOERR')) {
    return new AppError(
      'VALIDATION',
      `The register at ${path} cannot be opened for writing (${code}). ` +
        'The data folder may be read-only: check its permissions, or choose another folder with --data-dir.',
      { cause: error }
    )
  }
  return describeFsError(error, path, 'open the register')
}
