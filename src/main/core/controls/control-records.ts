import { renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { ControlRecordExport } from '../../../shared/types'
import type { AuditLog } from '../audit/audit-log'
import type { EvidenceService } from '../evidence/evidence-service'
import type { FrameworkService } from '../frameworks/framework-service'
import type { OrganisationService } from '../organisation/organisation-service'
import { ensurePrivateDir } from '../util/private-files'
import { describeFsError } from '../util/fs-errors'
import type { ControlService } from './control-service'
import { writeControlRecordPdf } from './control-record-pdf'

export interface ControlRecordSources {
  controls: ControlService
  evidence: EvidenceService
  audit: AuditLog
  organisation: OrganisationService
  frameworks: FrameworkService
  exportsDir: string
  fontsDir: string
  now: () => Date
  actor: () => string
}

/** One control's full record (statement, responsibility, mappings, evidence with hashes, history) as a PDF. */
export class ControlRecords {
  constructor(private readonly sources: ControlRecordSources) {}

  /** Writes the record to `out`, or into the data folder's exports/control-records/; replaces a file only when complete. */
  async export(id: string, out?: string): Promise<ControlRecordExport> {
    const { controls, evidence, audit, organisation, frameworks } = this.sources
    const control = controls.get(id)
    const now = this.sources.now()
    const path = out ?? this.defaultPath(control.id, now)
    const part = `${path}.${process.pid}.part`
    const content = {
      organisation: organisation.get().name ?? 'The organisation',
      control,
      frameworks: frameworks.names(),
      evidence: evidence.list({ control: control.id }, { limit: 10_000 }).items,
      history: audit.list({ entityType: 'control', entityId: control.id, order: 'asc', limit: 100_000 }),
      accountNames: Object.fromEntries(organisation.accounts().map((account) => [account.accountId, account.name])),
      generatedAt: now.toISOString(),
      generatedBy: this.sources.actor()
    }
    try {
      rmSync(part, { force: true })
      const written = await writeControlRecordPdf(content, { fontsDir: this.sources.fontsDir, path: part })
      renameSync(part, path)
      return { path, sha256: written.sha256, pages: written.pages }
    } catch (error) {
      rmSync(part, { force: true })
      if (error instanceof Error && 'code' in error) throw describeFsError(error, path, 'write the control record')
      throw error
    }
  }

  private defaultPath(id: string, now: Date): string {
    const folder = join(this.sources.exportsDir, 'control-records')
    ensurePrivateDir(folder)
    const stamp = now.toISOString().slice(0, 19).replace(/[:T]/g, '-')
    return join(folder, `${id} control record ${stamp}.pdf`)
  }
}
