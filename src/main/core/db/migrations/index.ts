import { registerMigration } from './001-register'
import { evidenceMigration } from './002-evidence'
import { packsMigration } from './003-packs'
import { awsExportsMigration } from './004-aws-exports'
import type { Migration } from './types'

/** Every schema change, in order. Append only: a released migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [
  registerMigration,
  evidenceMigration,
  packsMigration,
  awsExportsMigration
]

export const LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0
