import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { stringify } from 'csv-stringify/sync'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { openSampleRegister } from '../testing/temp-register'
import type { Register } from '../register'

// Real files read and written by other programs (openpyxl, LibreOffice) take their time on a busy machine.
vi.setConfig({ testTimeout: 600_000, hookTimeout: 300_000 })

let register: Register
let dataDir: string
let cleanup: () => void
let packId: string

beforeAll(async () => {
  ;({ register, dataDir, cleanup } = await openSampleRegister())
  packId = register.packs.create({
    name: 'PCI DSS assessment',
    frameworks: ['pci'],
    scope: { accounts: [], organizationalUnits: [] },
    periodStart: '2026-01-01',
    periodEnd: '2026-12-31',
    organisation: 'Harbor Bean Coffee',
    auditor: 'QSA',
    preparer: 'Maya Chen'
  }).id
})
afterAll(() => cleanup())

describe("an auditor's request list", () => {
  it('imports 200 requests, links those citing a requirement or control, and answers one, audited', async () => {
    const person = register.organisation.people(false)[0]!.name
    const refs = ['PCI DSS 8.3.6', 'Requirement 10.2.1', 'IAM-01', 'Provide the network diagram', '3.5.1']
    const rows = [['Request ID', 'Reference', 'Information requested', 'Assigned to', 'Due date']]
    for (let index = 1; index <= 200; index++) {
      rows.push([
        `PBC-${String(index).padStart(3, '0')}`,
        refs[index % refs.length]!,
        `Evidence for item ${index}`,
        index % 2 ? person : '',
        index <= 10 ? '2026-01-15' : '2027-03-01'
      ])
    }
    const path = join(dataDir, 'pbc.csv')
    writeFileSync(path, `\ufeff${stringify(rows, { delimiter: ';', record_delimiter: 'windows' })}`)
    const result = await register.requests.import(packId, path)
    expect(result).toMatchObject({ created: 200, updated: 0, errors: [], linked: 160 })
    const list = register.requests.list(packId)
    expect(list).toHaveLength(200)
    const cited = list.find((request) => request.reference === 'PCI DSS 8.3.6')!
    expect(cited.requirements).toEqual(['pci:8.3.6'])
    expect(cited.controls.length).toBeGreaterThan(0)
    expect(list.find((request) => request.reference === 'IAM-01')!.controls).toEqual(['IAM-01'])
    expect(list.find((request) => request.id === 'PBC-001')!.overdue).toBe(true)
    expect(list.find((request) => request.id === 'PBC-100')!.overdue).toBe(false)

    const withSuggestion = list.find((request) => request.suggestedEvidence.length > 0)!
    const before = register.audit.count()
    const answered = register.requests.set(packId, withSuggestion.id, {
      status: 'provided',
      note: 'Attached the latest export.',
      evidence: [withSuggestion.suggestedEvidence[0]!]
    })
    expect(answered).toMatchObject({ status: 'provided', note: 'Attached the latest export.' })
    expect(answered.evidence).toEqual([withSuggestion.suggestedEvidence[0]])
    expect(register.audit.count()).toBe(before + 1)

    // The same list again changes nothing; answers are kept.
    expect(await register.requests.import(packId, path)).toMatchObject({ created: 0, updated: 0, unchanged: 200 })
    expect(register.requests.list(packId).find((request) => request.id === withSuggestion.id)!.status).toBe('provided')
  })

  it('an unknown assignee or a bad date is an error with its row and column, and nothing is imported', async () => {
    const path = join(dataDir, 'bad.csv')
    writeFileSync(path, 'Request ID,Assigned to,Due date\nX-1,Nobody Known,2026-02-01\nX-2,,next week\n')
    const result = await register.requests.import(packId, path)
    expect(result.errors).toEqual([
      { row: 2, column: 'Assigned to', message: expect.stringMatching(/not a person of the register/) },
      { row: 3, column: 'Due date', message: expect.stringMatching(/is not a date/) }
    ])
    expect(register.requests.list(packId).some((request) => request.id === 'X-1')).toBe(false)
    expect(() => register.requests.set(packId, 'PBC-001', { status: 'done' })).toThrow(/Unknown status "done"/)
  })

  it("previews an import (counts, how each column is read) without writing, and keeps the list's own columns", async () => {
    const path = join(dataDir, 'preview.csv')
    writeFileSync(path, 'No.,Area,Information requested,Auditor comment\nQ-1,IAM-01,Access reviews,Sample of 10\n')
    const before = register.audit.count()
    const preview = await register.requests.import(packId, path, { apply: false, map: { 'No.': 'id' } })
    expect(preview).toMatchObject({ created: 1, updated: 0, errors: [] })
    expect(preview.columns).toEqual([
      { heading: 'No.', field: 'id' },
      { heading: 'Area', field: 'ignore' },
      { heading: 'Information requested', field: 'details' },
      { heading: 'Auditor comment', field: 'ignore' }
    ])
    expect(register.audit.count()).toBe(before)
    expect(register.requests.list(packId).some((request) => request.id === 'Q-1')).toBe(false)

    await register.requests.import(packId, path, { map: { 'No.': 'id', Area: 'reference' }, fileName: 'From QSA.csv' })
    const layout = register.requests.layout(packId)
    expect(layout).toMatchObject({
      headings: ['No.', 'Area', 'Information requested', 'Auditor comment'],
      fileName: 'From QSA.csv'
    })
    expect(layout.cells.get('Q-1')).toEqual(['Q-1', 'IAM-01', 'Access reviews', 'Sample of 10'])
  })

  it('links and unlinks controls and evidence by hand, each change audited', () => {
    const evidence = register.evidence.list({}, { limit: 1 }).items[0]!.id
    const before = register.audit.count()
    const linked = register.requests.set(packId, 'Q-1', { controls: ['LOG-01'], evidence: [evidence] })
    expect(linked.controls).toEqual(expect.arrayContaining(['IAM-01', 'LOG-01']))
    expect(linked.evidence).toEqual([evidence])
    const unlinked = register.requests.set(packId, 'Q-1', { unlinkControls: ['IAM-01'], unlinkEvidence: [evidence] })
    expect(unlinked.controls).toEqual(['LOG-01'])
    expect(unlinked.evidence).toEqual([])
    expect(register.audit.count()).toBe(before + 2)
    expect(register.audit.list({ entityType: 'pack', entityId: packId, limit: 1 })[0]!.summary).toMatch(
      /unlinked EV-\d+, IAM-01/
    )
    expect(() => register.requests.set(packId, 'Q-1', { controls: ['ZZZ-99'] })).toThrow(/no control ZZZ-99/)
  })
})
