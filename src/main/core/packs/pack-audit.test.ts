import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AuditLog } from '../audit/audit-log'
import { registerMigration } from '../db/migrations/001-register'
import { steppingClock } from '../testing/temp-dir'
import { runToEnd } from '../util/time-slices'
import { packAuditEntrySteps, type PackAuditOptions } from './pack-audit'

describe("a pack's audit-log appendix", () => {
  let db: Database.Database
  let audit: AuditLog

  const record = (entityType: string, entityId: string): void => {
    audit.append({ action: `${entityType}.update`, entityType, entityId, summary: `Changed ${entityId}` })
  }
  const options = (overrides: Partial<PackAuditOptions> = {}): PackAuditOptions => ({
    from: '2026-01-01',
    to: '2027-01-01',
    controls: ['IAM-01'],
    evidence: ['EV-0001'],
    frameworks: ['pci'],
    packId: 'PK-0001',
    limit: 100,
    ...overrides
  })
  const ids = (entries: { entityId: string }[]) => entries.map((entry) => entry.entityId)

  beforeEach(() => {
    db = new Database(':memory:')
    registerMigration.up(db)
    audit = new AuditLog(db, steppingClock('2026-01-01T12:00:00.000Z', 86_400_000), () => 'dana')
    // One a day: the pack's own objects, and others it has nothing to do with.
    for (const [type, id] of [
      ['control', 'IAM-01'],
      ['control', 'IAM-02'],
      ['evidence', 'EV-0001'],
      ['evidence', 'EV-0002'],
      ['requirement', 'pci:1.2.1'],
      ['requirement', 'hipaa:164.308(a)(1)'],
      ['requirement', 'pcix'],
      ['framework', 'pci'],
      ['framework', 'gdpr'],
      ['pack', 'PK-0001'],
      ['pack', 'PK-0002'],
      ['settings', 'pci']
    ] as const) {
      record(type, id)
    }
  })
  afterEach(() => db.close())

  it('takes the entries about its controls, evidence, frameworks, their requirements and itself, oldest first', () => {
    const appendix = runToEnd(packAuditEntrySteps(db, options()))
    expect(ids(appendix.entries)).toEqual(['IAM-01', 'EV-0001', 'pci:1.2.1', 'pci', 'PK-0001'])
    expect(appendix.entries[0]).toEqual({
      seq: 1,
      at: '2026-01-01T12:00:00.000Z',
      actor: 'dana',
      action: 'control.update',
      entityId: 'IAM-01',
      summary: 'Changed IAM-01',
      hash: expect.stringMatching(/^[0-9a-f]{64}$/)
    })
    expect(appendix.periodEntries).toBe(12)
    expect(appendix.head).toEqual({ seq: 12, hash: audit.list({ limit: 1 })[0]!.hash })
  })

  it('counts and prints up to the entry given, the last of the log attached beside it', () => {
    const appendix = runToEnd(packAuditEntrySteps(db, options({ upTo: 5 })))
    expect(ids(appendix.entries)).toEqual(['IAM-01', 'EV-0001', 'pci:1.2.1'])
    expect(appendix.periodEntries).toBe(5)
    expect(appendix.head!.seq).toBe(5)
  })

  it('keeps to the period, prints at most its limit, and still counts every entry of the period', () => {
    // 2 January to 9 January: entries 2 to 9.
    const appendix = runToEnd(packAuditEntrySteps(db, options({ from: '2026-01-02', to: '2026-01-10', limit: 2 })))
    expect(ids(appendix.entries)).toEqual(['EV-0001', 'pci:1.2.1'])
    expect(appendix.periodEntries).toBe(8)
  })

  it('reads a long log a window at a time', () => {
    db.transaction(() => {
      for (let index = 0; index < 4500; index++) record('control', index % 2 ? 'IAM-01' : 'IAM-09')
    })()
    let steps = 0
    // A day an entry: 4,512 days from 1 January 2026.
    const work = packAuditEntrySteps(db, options({ to: '2040-01-01', limit: 10_000 }))
    let step = work.next()
    while (!step.done) {
      steps++
      step = work.next()
    }
    expect(steps).toBe(3)
    expect(step.value.periodEntries).toBe(4512)
    expect(step.value.entries).toHaveLength(5 + 2250)
  })

  it('has no head for a register with no entries', () => {
    db.prepare('DELETE FROM audit_log').run()
    expect(runToEnd(packAuditEntrySteps(db, options()))).toEqual({ entries: [], periodEntries: 0, head: null })
  })
})
