import Database from 'better-sqlite3'
import { beforeEach, describe, expect, it } from 'vitest'
import { registerMigration } from '../db/migrations/001-register'
import { steppingClock } from '../testing/temp-dir'
import { AuditLog } from './audit-log'

describe('AuditLog', () => {
  let db: Database.Database
  let audit: AuditLog

  beforeEach(() => {
    db = new Database(':memory:')
    registerMigration.up(db)
    audit = new AuditLog(db, steppingClock(), () => 'dana')
    for (let index = 1; index <= 5; index++) {
      audit.append({
        action: 'control.update',
        entityType: 'control',
        entityId: `IAM-0${index}`,
        summary: `Updated IAM-0${index}`,
        before: { status: 'planned' },
        after: { status: 'implemented' }
      })
    }
  })

  it('records who, when, what, before and after, chained by hash', () => {
    const [newest, previous] = audit.list({ limit: 2 })
    expect(newest).toMatchObject({
      seq: 5,
      actor: 'dana',
      action: 'control.update',
      entityId: 'IAM-05',
      before: { status: 'planned' },
      after: { status: 'implemented' }
    })
    expect(newest!.hash).toMatch(/^[0-9a-f]{64}$/)
    expect(newest!.prevHash).toBe(previous!.hash)
    expect(audit.list({ order: 'asc', limit: 1 })[0]!.prevHash).toBe('0'.repeat(64))
  })

  it('verifies an untouched chain', () => {
    expect(audit.verify()).toEqual({ ok: true, entries: 5 })
  })

  it('detects an edited entry and names it', () => {
    db.prepare(`UPDATE audit_log SET summary = 'nothing to see' WHERE seq = 3`).run()
    expect(audit.verify()).toEqual({
      ok: false,
      entries: 2,
      firstBroken: { seq: 3, reason: 'entry 3 was altered after it was written' }
    })
  })

  it('detects an edited entry even when its own hash was recomputed', () => {
    const row = db.prepare(`SELECT * FROM audit_log WHERE seq = 2`).get() as Record<string, unknown>
    db.prepare(`UPDATE audit_log SET after = '{"status":"not-started"}', hash = ? WHERE seq = 2`).run('f'.repeat(64))
    const result = audit.verify()
    expect(result.ok).toBe(false)
    expect(result.ok === false && result.firstBroken.seq).toBe(2)
    expect(row.hash).not.toBe('f'.repeat(64))
  })

  it('detects a deleted entry in the middle', () => {
    db.prepare(`DELETE FROM audit_log WHERE seq = 4`).run()
    expect(audit.verify()).toMatchObject({
      ok: false,
      firstBroken: { seq: 4, reason: expect.stringMatching(/missing/) }
    })
  })

  it('detects entries deleted from the end', () => {
    db.prepare(`DELETE FROM audit_log WHERE seq >= 4`).run()
    expect(audit.verify()).toMatchObject({
      ok: false,
      firstBroken: { seq: 4, reason: expect.stringMatching(/removed/) }
    })
  })

  it('filters by object and person', () => {
    audit.append({ action: 'control.map', entityType: 'control', entityId: 'IAM-01', summary: 'Mapped' })
    expect(audit.list({ entityType: 'control', entityId: 'IAM-01' }).map((entry) => entry.seq)).toEqual([6, 1])
    expect(audit.list({ actor: 'someone else' })).toEqual([])
    expect(audit.actors()).toEqual(['dana'])
  })
})
