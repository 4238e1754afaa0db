import type { Migration } from './types'

/**
 * Indexes for the columns a large register is read by: the evidence an assessment joins to each
 * control (its dates, read from the index alone), evidence by AWS account (the vault's account
 * filter and account-scoped packs). Indexes only, so the migration is safe to
 * repeat (IF NOT EXISTS).
 */
export const readIndexesMigration: Migration = {
  version: 8,
  name: 'read-indexes',
  up(db) {
    db.exec(`
      CREATE INDEX IF NOT EXISTS evidence_dates_by_id
        ON evidence(id, removed_at, effective_date, period_start, period_end, review_by, kind);
      CREATE INDEX IF NOT EXISTS evidence_accounts_by_account ON evidence_accounts(account_id, evidence_id);
    `)
  }
}
