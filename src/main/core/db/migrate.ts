import type Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { basename, join } from 'node:path'
import { AppError } from '../errors'
import { describeFsError } from '../util/fs-errors'
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations'
import type { Migration } from './migrations/types'

export interface MigrateOptions {
  databasePath: string
  backupsDir: string
  now: () => Date
  migrations?: readonly Migration[]
}

export interface MigrationReport {
  from: number
  to: number
  backupPath?: string
}

/**
 * Brings the schema to the latest version: a copy of the file is taken first (when it holds
 * data), then every pending migration runs in one transaction stamped with PRAGMA user_version.
 * A register written by a newer version of the app is refused, never downgraded.
 */
export async function migrate(db: Database.Database, options: MigrateOptions): Promise<MigrationReport> {
  const migrations = options.migrations ?? MIGRATIONS
  const latest = migrations.at(-1)?.version ?? LATEST_SCHEMA_VERSION
  const current = db.pragma('user_version', { simple: true }) as number
  if (current > latest) {
    throw new AppError(
      'CONFLICT',
      `This register was written by a newer version of Evidence Desk (schema ${current}; this version knows up to ${latest}). ` +
        'Update Evidence Desk to open it. The register was left untouched.'
    )
  }
  if (current === latest) return { from: current, to: current }

  let backupPath: string | undefined
  if (current > 0) {
    const stamp = options.now().toISOString().replace(/[:.]/g, '-')
    backupPath = join(options.backupsDir, `${basename(options.databasePath)}.v${current}.${stamp}.bak`)
    try {
      mkdirSync(options.backupsDir, { recursive: true, mode: 0o700 })
      await db.backup(backupPath)
    } catch (error) {
      throw describeFsError(error, backupPath, 'copy the register before upgrading it')
    }
  }

  const pending = migrations.filter((migration) => migration.version > current)
  // PRAGMA foreign_keys cannot change inside a transaction: it is switched off before one that
  // rebuilds tables, and the references are checked before that transaction commits.
  const rebuilds = pending.some((migration) => migration.rebuildsTables)
  const enforced = db.pragma('foreign_keys', { simple: true }) === 1
  if (rebuilds && enforced) db.pragma('foreign_keys = OFF')
  try {
    db.transaction(() => {
      for (const migration of pending) {
        migration.up(db)
        db.pragma(`user_version = ${migration.version}`)
      }
      if (rebuilds) assertReferencesHold(db)
    })()
  } finally {
    if (rebuilds && enforced) db.pragma('foreign_keys = ON')
  }
  return backupPath === undefined ? { from: current, to: latest } : { from: current, to: latest, backupPath }
}

function assertReferencesHold(db: Database.Database): void {
  const broken = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[]
  if (broken.length === 0) return
  const first = broken[0]!
  throw new AppError(
    'INTEGRITY',
    `Upgrading the register would leave ${broken.length} broken reference(s) (first: ${first.table} row ${first.rowid} -> ${first.parent}). ` +
      'Nothing was changed; the register is as it was.'
  )
}
