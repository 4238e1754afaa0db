import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { openSampleRegister } from '../testing/temp-register'
import { writeRawZip, zeroDeflate } from '../testing/hostile-files'
import type { Register } from '../register'
import { convertWithLibreOffice, editXlsx } from './testing/other-tools'

// Real files read and written by other programs (openpyxl, LibreOffice) take their time on a busy machine.
vi.setConfig({ testTimeout: 600_000, hookTimeout: 300_000 })

let register: Register
let dataDir: string
let cleanup: () => void

beforeEach(async () => {
  ;({ register, dataDir, cleanup } = await openSampleRegister())
})
afterEach(() => cleanup())

const out = (name: string): string => join(dataDir, name)
const auditCount = (): number => register.audit.count()

async function exportRegister(format: 'xlsx' | 'csv'): Promise<string> {
  const path = out(`register.${format}`)
  await register.spreadsheets.export({ kind: 'register', format, path })
  return path
}

/** The exported register's rows, as a CSV a person would write by hand. */
function registerRows(): string[][] {
  return parse(readFileSync(out('register.csv'), 'utf8').slice(1)) as string[][]
}

describe('importing controls', () => {
  it('an exported register imports unchanged; three cells edited with openpyxl import as exactly those edits, audited', async () => {
    const path = await exportRegister('xlsx')
    const total = register.controls.list().length
    expect(await register.controlImport.preview({ path })).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: total,
      errors: []
    })

    const edited = out('edited.xlsx')
    editXlsx(path, edited, [
      { sheet: 'Register', id: 'IAM-01', column: 'Owner', value: 'Dana Whitfield' },
      { sheet: 'Register', id: 'LOG-05', column: 'Status', value: 'In progress' },
      { sheet: 'Register', id: 'NET-01', column: 'PCI DSS', value: '1.2.1; 1.3.1' }
    ])
    const before = auditCount()
    const preview = await register.controlImport.preview({ path: edited })
    expect(preview).toMatchObject({ created: 0, updated: 3, unchanged: total - 3, errors: [] })
    expect(auditCount()).toBe(before) // a preview writes nothing
    expect(preview.changes).toEqual([
      {
        id: 'IAM-01',
        action: 'update',
        changes: [{ field: 'Owner', before: expect.any(String), after: 'Dana Whitfield' }]
      },
      {
        id: 'LOG-05',
        action: 'update',
        changes: [{ field: 'Status', before: expect.any(String), after: 'in-progress' }]
      },
      {
        id: 'NET-01',
        action: 'update',
        changes: [{ field: 'PCI DSS', before: expect.any(String), after: '1.2.1; 1.3.1' }]
      }
    ])

    const applied = await register.controlImport.apply({ path: edited })
    expect(applied).toMatchObject({ updated: 3, errors: [] })
    expect(auditCount()).toBe(before + 3)
    const entries = register.audit.list({ limit: 3 })
    expect(entries.map((entry) => entry.entityId).sort()).toEqual(['IAM-01', 'LOG-05', 'NET-01'])
    expect(entries.every((entry) => /from a spreadsheet/.test(entry.summary))).toBe(true)
    expect(register.controls.get('IAM-01').owner).toBe('Dana Whitfield')
    expect(register.controls.get('LOG-05').status).toBe('in-progress')
    expect(
      register.controls
        .get('NET-01')
        .mappings.filter((m) => m.framework === 'pci')
        .map((m) => m.ref)
    ).toEqual(['1.2.1', '1.3.1'])
    // The same file again changes nothing.
    expect(await register.controlImport.preview({ path: edited })).toMatchObject({ updated: 0, unchanged: total })
  })

  it('a register saved by LibreOffice, as XLSX and as a semicolon CSV, imports unchanged', async () => {
    const path = await exportRegister('xlsx')
    const total = register.controls.list().length
    const resaved = convertWithLibreOffice(path, 'xlsx', 'xlsx')
    expect(await register.controlImport.preview({ path: resaved })).toMatchObject({ unchanged: total, errors: [] })
    const csv = convertWithLibreOffice(path, 'csv:Text - txt - csv (StarCalc):59,34,76,1', 'csv')
    expect(readFileSync(csv, 'utf8').split('\n')[0]).toMatch(/^"?ID"?;"?Title"?;"?Statement/)
    expect(await register.controlImport.preview({ path: csv })).toMatchObject({ unchanged: total, errors: [] })
  })

  it('reads CSV as Excel writes it: BOM, CRLF and semicolons; UTF-16LE with tabs; plain commas', async () => {
    await exportRegister('csv')
    const rows = registerRows()
    const total = rows.length - 1
    const semicolons = out('semicolons.csv')
    writeFileSync(semicolons, `\ufeff${stringify(rows, { delimiter: ';', record_delimiter: 'windows' })}`)
    expect(await register.controlImport.preview({ path: semicolons })).toMatchObject({ unchanged: total, errors: [] })
    const utf16 = out('unicode.txt')
    writeFileSync(
      utf16,
      Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from(stringify(rows, { delimiter: '\t', record_delimiter: 'windows' }), 'utf16le')
      ])
    )
    expect(await register.controlImport.preview({ path: utf16 })).toMatchObject({ unchanged: total, errors: [] })
    const plain = out('plain.csv')
    writeFileSync(plain, stringify(rows))
    expect(await register.controlImport.preview({ path: plain })).toMatchObject({ unchanged: total, errors: [] })
  })

  it('a list from another tool: headings guessed, new controls created with their mappings in one go', async () => {
    const path = out('other.csv')
    writeFileSync(
      path,
      'Control ID;Control Name;Description;Control Owner;Implementation Status;Responsible Party;PCI DSS Requirements\r\n' +
        'ACME-01;Badge access to the office;Staff badge in;Facilities;Implemented;Customer;9.2.1\r\n' +
        'ACME-02;Quarterly access review;Managers review access;IT;Planned;Shared;"7.2.4; 7.2.5"\r\n'
    )
    const preview = await register.controlImport.preview({ path })
    expect(preview.mapping.map((column) => column.field)).toEqual([
      'id',
      'title',
      'statement',
      'owner',
      'status',
      'responsibility',
      'map:pci'
    ])
    expect(preview).toMatchObject({ created: 2, updated: 0, errors: [] })
    await register.controlImport.apply({ path })
    const created = register.controls.get('ACME-02')
    expect(created).toMatchObject({
      title: 'Quarterly access review',
      status: 'planned',
      responsibility: 'shared',
      owner: 'IT'
    })
    expect(created.mappings.map((m) => m.ref)).toEqual(['7.2.4', '7.2.5'])
  })

  it('--map names a column the guess missed; the mapping is remembered for that layout', async () => {
    const path = out('odd.csv')
    writeFileSync(path, 'Ctl,Who looks after it\nIAM-01,Robin Ames\n')
    const unmapped = await register.controlImport.preview({ path })
    expect(unmapped.errors).toEqual([
      { row: 1, column: '', message: expect.stringMatching(/No column holds the control id/) }
    ])
    await register.controlImport.apply({ path, map: { Ctl: 'id', 'Who looks after it': 'owner' } })
    expect(register.controls.get('IAM-01').owner).toBe('Robin Ames')
    writeFileSync(path, 'Ctl,Who looks after it\nIAM-01,Sam Ortiz\n')
    expect(await register.controlImport.preview({ path })).toMatchObject({ updated: 1, errors: [] })
  })

  it('rows with errors name their row and column, and nothing is written', async () => {
    await exportRegister('csv')
    const rows = registerRows()
    const header = rows[0]!
    const at = (id: string): string[] => rows.find((row) => row[0] === id)!
    at('IAM-01')[header.indexOf('Owner')] = 'Changed but not saved'
    at('IAM-02')[header.indexOf('Status')] = 'Sort of done'
    at('LOG-05')[header.indexOf('PCI DSS')] = '10.2.1; 99.9'
    at('NET-01')[header.indexOf('Title')] = 'Bad \u001b[31m title'
    rows.push(['IAM-01', 'Twice'])
    rows.push(['not an id'])
    const path = out('errors.csv')
    writeFileSync(path, stringify(rows))
    const before = auditCount()
    const result = await register.controlImport.apply({ path })
    const rowOf = (id: string): number => rows.findIndex((row) => row[0] === id) + 1
    expect(result.errors).toEqual(
      expect.arrayContaining([
        { row: rowOf('IAM-02'), column: 'Status', message: expect.stringMatching(/"Sort of done" is not a status/) },
        {
          row: rowOf('LOG-05'),
          column: 'PCI DSS',
          message: expect.stringMatching(/PCI DSS has no requirement "99.9"/)
        },
        { row: rowOf('NET-01'), column: 'Title', message: expect.stringMatching(/control characters/) },
        { row: rows.length - 1, column: 'ID', message: expect.stringMatching(/also on row/) },
        { row: rows.length, column: 'ID', message: expect.stringMatching(/is not a control id/) }
      ])
    )
    expect(auditCount()).toBe(before)
    expect(register.controls.get('IAM-01').owner).not.toBe('Changed but not saved')
  })
})

describe('hostile spreadsheets', () => {
  it('an XLSX that expands to gigabytes is refused naming the limit, whether it declares its size or lies', async () => {
    const { data, crc } = zeroDeflate(1024 * 1024 * 1024)
    const honest = out('bomb.xlsx')
    await writeRawZip(honest, [
      { name: '[Content_Types].xml', stored: Buffer.from('<Types/>'), deflated: false, crc: 0, size: 8 },
      { name: 'xl/worksheets/sheet1.xml', stored: data, deflated: true, crc, size: 1024 * 1024 * 1024 }
    ])
    await expect(register.controlImport.preview({ path: honest })).rejects.toThrow(
      /512 MB for the contents of an XLSX file, uncompressed/
    )
    const lying = out('lying-bomb.xlsx')
    await writeRawZip(lying, [{ name: 'xl/worksheets/sheet1.xml', stored: data, deflated: true, crc, size: 1024 }])
    await expect(register.controlImport.preview({ path: lying })).rejects.toThrow(/The workbook is damaged/)
  })

  it('too many rows, too long a cell, too large a file, a damaged workbook: each refused with what to do', async () => {
    const rows = out('rows.csv')
    writeFileSync(rows, `ID,Title\n${'IAM-01,x\n'.repeat(100_001)}`)
    await expect(register.controlImport.preview({ path: rows })).rejects.toThrow(/100,000 rows.*Split the file/)
    const cell = out('cell.csv')
    writeFileSync(cell, `ID,Notes\nIAM-01,"${'a'.repeat(40_000)}"\n`)
    await expect(register.controlImport.preview({ path: cell })).rejects.toThrow(/32,767 characters in one cell/)
    const large = out('large.csv')
    writeFileSync(large, Buffer.alloc(65 * 1024 * 1024, 0x61))
    await expect(register.controlImport.preview({ path: large })).rejects.toThrow(/64 MB for a spreadsheet file/)
    const damaged = out('damaged.xlsx')
    writeFileSync(damaged, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200, 7)]))
    await expect(register.controlImport.preview({ path: damaged })).rejects.toThrow(/not a complete XLSX file/)
    const quotes = out('quotes.csv')
    writeFileSync(quotes, 'ID,Title\nIAM-01,"never closed\n')
    await expect(register.controlImport.preview({ path: quotes })).rejects.toThrow(/cannot be read at line/)
  })
})
