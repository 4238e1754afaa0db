import { registerMigration } from './001-register'
import { evidenceMigration } from './002-evidence'
import { packsMigration } from './003-packs'
import { organisationMigration } from './004-organisation-and-results'
import { awsExportsMigration } from './005-aws-exports'
import { signingKeysMigration } from './006-signing-keys'
import { requestListsMigration } from './007-request-lists'
import { readIndexesMigration } from './008-read-indexes'
import { requestListColumnsMigration } from './009-request-list-columns'
import type { Migration } from './types'

/** Every schema change, in order. Append only: a released migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [
  registerMigration,
  evidenceMigration,
  packsMigration,
  organisationMigration,
  awsExportsMigration,
  signingKeysMigration,
  requestListsMigration,
  readIndexesMigration,
  requestListColumnsMigration
]

export const LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0
