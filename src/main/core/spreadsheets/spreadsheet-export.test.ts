import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { RESULT_LABELS } from '../../../shared/compliance/results'
import { openSampleRegister } from '../testing/temp-register'
import type { Register } from '../register'
import { inspectXlsx } from './testing/other-tools'

// Real files read and written by other programs (openpyxl, LibreOffice) take their time on a busy machine.
vi.setConfig({ testTimeout: 600_000, hookTimeout: 300_000 })

let register: Register
let dataDir: string
let cleanup: () => void

beforeAll(async () => {
  ;({ register, dataDir, cleanup } = await openSampleRegister())
})
afterAll(() => cleanup())

const out = (name: string): string => join(dataDir, name)

describe('spreadsheet exports, read back by openpyxl', () => {
  it('the register: every control, all its fields, one mapping column per framework, a frozen filtered header and an About sheet', async () => {
    const result = await register.spreadsheets.export({ kind: 'register', format: 'xlsx', path: out('register.xlsx') })
    const controls = register.controls.list()
    expect(result).toMatchObject({ kind: 'register', rows: controls.length, sheets: ['Register'] })
    const [sheet, about] = inspectXlsx(out('register.xlsx'))
    expect(sheet!.name).toBe('Register')
    expect(sheet!.freeze).toBe('A2')
    expect(sheet!.filter).toBe(`A1:Q${controls.length + 1}`)
    expect(sheet!.rows[0]).toEqual([
      'ID',
      'Title',
      'Statement',
      'Domain',
      'Owner',
      'Status',
      'Responsibility',
      'Responsibility rationale',
      'Why not applicable',
      'AWS services',
      'Notes',
      'HIPAA',
      'GDPR',
      'PCI DSS',
      'Evidence',
      'Evidence state',
      'Last changed'
    ])
    // Widths fit: the id column is narrow, the statement wide (up to its ceiling).
    expect(sheet!.widths.A).toBeLessThan(12)
    expect(sheet!.widths.C).toBe(80)
    const iam = register.controls.get('IAM-01')
    const row = sheet!.rows.find((cells) => cells[0] === 'IAM-01')!
    expect(row[1]).toBe(iam.title)
    expect(row[2]).toBe(iam.statement)
    expect(row[13]).toBe(
      iam.mappings
        .filter((m) => m.framework === 'pci')
        .map((m) => m.ref)
        .join('; ')
    )
    // Dates are real dates, not text.
    expect(row[16]).toEqual({ date: iam.updatedAt.slice(0, 19) })
    expect(about!.name).toBe('About')
    const lines = Object.fromEntries(about!.rows.slice(1).map(([label, value]) => [label, value]))
    expect(lines).toMatchObject({
      Contents: 'Register of controls',
      Register: expect.any(String),
      Organisation: expect.stringMatching(/Coffee/),
      'Exported by': 'test.user',
      Application: expect.stringMatching(/^Evidence Desk /)
    })
  })

  it('the Statement of Applicability: one sheet per framework, results and reasons from the one result rule', async () => {
    await register.spreadsheets.export({ kind: 'soa', format: 'xlsx', path: out('soa.xlsx') })
    const sheets = inspectXlsx(out('soa.xlsx'))
    expect(sheets.map((sheet) => sheet.name)).toEqual(['HIPAA', 'GDPR', 'PCI DSS', 'About'])
    for (const [index, framework] of ['hipaa', 'gdpr', 'pci'].entries()) {
      const sheet = sheets[index]!
      expect(sheet.freeze).toBe('A2')
      const header = sheet.rows[0] as string[]
      const tree = register.frameworks.tree(framework).filter((node) => node.assessable)
      expect(sheet.rows).toHaveLength(tree.length + 1)
      for (const [position, node] of tree.entries()) {
        const cells = sheet.rows[position + 1]!
        expect(cells[header.indexOf('Requirement')]).toBe(node.ref)
        expect(cells[header.indexOf('Result')]).toBe(RESULT_LABELS[node.result!])
        expect(cells[header.indexOf('Applicable')]).toBe(node.result === 'not-applicable' ? 'No' : 'Yes')
        expect(cells[header.indexOf('Controls')] ?? '').toBe(node.controls.map((c) => c.id).join('; '))
        if (node.result !== 'in-place') expect(cells[header.indexOf('Why')] ?? '').toBe(node.reasons.join(' '))
      }
    }
  })

  it('the matrix, the evidence index and the audit log of a period', async () => {
    await register.spreadsheets.export({
      kind: 'matrix',
      format: 'xlsx',
      path: out('matrix.xlsx'),
      frameworks: ['pci']
    })
    const [matrix] = inspectXlsx(out('matrix.xlsx'))
    expect(matrix!.name).toBe('PCI DSS')
    expect(matrix!.rows[0]).toEqual([
      'Framework',
      'Requirement',
      'Title',
      'Secured by',
      'Result',
      'Controls',
      'AWS-inherited',
      'Shared',
      'Customer',
      'Evidence'
    ])

    await register.spreadsheets.export({ kind: 'evidence', format: 'xlsx', path: out('evidence.xlsx') })
    const [evidence] = inspectXlsx(out('evidence.xlsx'))
    const items = register.evidence.listAll()
    expect(evidence!.rows).toHaveLength(items.length + 1)
    const header = evidence!.rows[0] as string[]
    const first = evidence!.rows.find((cells) => cells[0] === items[0]!.id)!
    expect(first[header.indexOf('SHA-256')]).toBe(items[0]!.sha256)
    expect(first[header.indexOf('Size (bytes)')]).toBe(items[0]!.size)
    if (items[0]!.reviewBy)
      expect(first[header.indexOf('Review by')]).toEqual({ date: `${items[0]!.reviewBy}T00:00:00` })

    const period = { start: '2026-01-01', end: '2026-12-31' }
    const csv = await register.spreadsheets.export({ kind: 'audit', format: 'csv', path: out('audit.csv'), period })
    const text = readFileSync(out('audit.csv'), 'utf8')
    expect(text.startsWith('\ufeffSeq,When,Who,Action')).toBe(true)
    const records = parse(text.slice(1), { columns: true }) as Record<string, string>[]
    expect(records).toHaveLength(csv.rows)
    expect(records.length).toBe(register.audit.list({ from: period.start, to: '2027-01-01', limit: 1e9 }).length)
    expect(records.every((record) => record.When! >= period.start)).toBe(true)
  })

  it('a cell that would run as a formula is written as text', async () => {
    register.controls.update('IAM-01', { notes: '=HYPERLINK("http://example.test","click")' })
    await register.spreadsheets.export({ kind: 'register', format: 'xlsx', path: out('formula.xlsx') })
    const [sheet] = inspectXlsx(out('formula.xlsx'))
    expect(sheet!.rows.find((cells) => cells[0] === 'IAM-01')![10]).toBe('=HYPERLINK("http://example.test","click")')
    await register.spreadsheets.export({ kind: 'register', format: 'csv', path: out('formula.csv') })
    expect(readFileSync(out('formula.csv'), 'utf8')).toContain(`"'=HYPERLINK(""http://example.test"",""click"")"`)
  })
})
