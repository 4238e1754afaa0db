import { firstOf, isObject, type ExportParser, type Json } from '../export-parser'
import { summaryRun, SummaryBuilder } from './simple-run'

const isBackupJob = (value: unknown): value is Json =>
  isObject(value) && typeof value.BackupJobId === 'string' && typeof value.State === 'string'

const FAILED_STATES = new Set(['FAILED', 'ABORTED', 'EXPIRED'])

/** aws backup list-backup-jobs: jobs by state, and whether any failed. */
export const backupJobs: ExportParser = {
  id: 'backup-jobs',
  input: 'json',
  matches: (probe) => isBackupJob(firstOf(probe, ['BackupJobs'])),
  start() {
    const summary = new SummaryBuilder('backup-jobs', 'AWS Backup jobs', 'Backup')
    let failed = 0
    return summaryRun(summary, 'config-export', {
      record(key, value) {
        if (key !== 'BackupJobs' || !isBackupJob(value)) return
        summary.records++
        const state = String(value.State)
        summary.count(state.charAt(0) + state.slice(1).toLowerCase())
        if (FAILED_STATES.has(state)) failed++
        summary
          .account(value.AccountId)
          .accountOfArn(value.BackupVaultArn)
          .date(value.CreationDate)
          .date(value.CompletionDate)
      },
      finish() {
        summary.check(
          'backup-jobs-succeeded',
          'No backup job failed, was aborted or expired',
          failed === 0,
          failed ? `${failed} of ${summary.records} jobs did not complete` : `${summary.records} jobs, none failed`
        )
      }
    })
  }
}
