import type Database from 'better-sqlite3'
import type { AuditLog } from '../audit/audit-log'
import type { ComplianceService } from '../compliance/compliance-service'
import type { JobRegistry } from '../jobs/job-registry'
import type { TaskRunner } from '../jobs/task-runner'
import type { OrganisationService } from '../organisation/organisation-service'
import type { KeyRegister } from './key-register'

/**
 * What the pack feature reads and uses of the register, and nothing more: its own tables through
 * the connection, the assessment that decides results, the organisation, the audit log, where
 * stored files and keys are, and the workers that write packs.
 */
export interface PackSources {
  db: Database.Database
  audit: AuditLog
  compliance: ComplianceService
  organisation: OrganisationService
  /** The installation's signing keys: the manifest's Ed25519 key and the PDF signature's ECDSA key. */
  keys: KeyRegister
  jobs: JobRegistry
  tasks: TaskRunner
  now: () => Date
  actor: () => string
  /** The stored file of an evidence item's content. */
  vaultPath: (sha256: string) => string
  paths: { keys: string; exports: string }
  fontsDir: string
  /** "Evidence Desk 1.2.0", written into every pack. */
  generator: string
}
