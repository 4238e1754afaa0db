import { afterEach, describe, expect, it } from 'vitest'
import type { Register } from '../register'
import { openTempRegister } from '../testing/temp-register'

let cleanup: (() => void) | undefined
afterEach(() => cleanup?.())

/** Evidence written straight into the register: only its dates and links matter here. */
function evidence(register: Register, id: string, reviewBy: string | null, controls: string[]): void {
  const sha = id.padStart(64, '0').replace(/[^0-9a-f]/g, 'a')
  register.db.prepare(`INSERT OR IGNORE INTO blobs VALUES (?, 10, 'application/pdf', '2026-01-01')`).run(sha)
  register.db
    .prepare(
      `INSERT INTO evidence (id, title, kind, source, original_name, sha256, imported_at, imported_by, effective_date, review_by)
       VALUES (?, ?, 'policy', 'internal', 'file.pdf', ?, '2026-01-01T00:00:00Z', 'test', '2026-01-01', ?)`
    )
    .run(id, `Evidence ${id}`, sha, reviewBy)
  for (const control of controls) {
    register.db.prepare(`INSERT INTO evidence_controls VALUES (?, ?, '2026-01-01')`).run(id, control)
  }
}

describe('evidence due soon on the dashboard', () => {
  it('lists an item when it is the latest of some control it supports, or supports none, most overdue first', async () => {
    const opened = await openTempRegister({ now: () => new Date('2026-12-01T12:00:00Z') })
    cleanup = opened.cleanup
    const { register } = opened
    for (const id of ['C-1', 'C-2', 'C-3']) {
      register.controls.create({ id, title: `Control ${id}`, responsibility: 'customer' })
    }
    evidence(register, 'EV-1', '2026-12-10', ['C-1']) // replaced by EV-2, reviewed later
    evidence(register, 'EV-2', '2027-06-01', ['C-1'])
    evidence(register, 'EV-3', '2026-12-05', ['C-2']) // replaced by EV-4, which never goes stale
    evidence(register, 'EV-4', null, ['C-2'])
    evidence(register, 'EV-5', '2026-11-01', ['C-3']) // the latest of C-3: expired
    evidence(register, 'EV-6', '2026-12-15', []) // supports no control
    evidence(register, 'EV-7', '2026-11-01', ['C-1', 'C-3']) // replaced for C-1, but as late as any of C-3's
    const due = register.dashboard.dueSoon(10)
    expect(due.map((item) => item.id)).toEqual(['EV-5', 'EV-7', 'EV-6'])
    expect(due[0]).toMatchObject({ daysLeft: -30, freshness: 'expired', controls: ['C-3'] })
    expect(due[1]).toMatchObject({ controls: ['C-1', 'C-3'] })
    expect(due[2]).toMatchObject({ daysLeft: 14, freshness: 'expiring', controls: [] })
    expect(register.dashboard.dueSoon(1).map((item) => item.id)).toEqual(['EV-5'])
  })
})
