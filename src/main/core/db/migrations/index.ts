import { registerMigration } from './001-register'
import { evidenceMigration } from './002-evidence'
import type { Migration } from './types'

/** Every schema change, in order. Append only: a released migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [registerMigration, evidenceMigration]

export const LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0
