import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { stringify } from 'csv-stringify/sync'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { verifyPackFile } from '../packs/verify/verify-pack'
import { inspectXlsx } from '../spreadsheets/testing/other-tools'
import { openSampleRegister } from '../testing/temp-register'
import type { Register } from '../register'

// Real files read by other programs (unzip, sha256sum, openpyxl, pdftotext) take their time on a busy machine.
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

const run = (command: string, args: string[], cwd?: string): string =>
  execFileSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...(cwd ? { cwd } : {}) })

/** Rewrites the ZIP with one member's bytes changed (by Python's zipfile, not the app's writer). */
function tamper(zip: string, out: string, member: string): void {
  run('/usr/bin/python3', [
    '-c',
    `import sys, zipfile
src = zipfile.ZipFile(sys.argv[1])
dst = zipfile.ZipFile(sys.argv[2], 'w', zipfile.ZIP_DEFLATED)
for info in src.infolist():
    data = src.read(info.filename)
    if info.filename == sys.argv[3]:
        data = data[:-1] + bytes([data[-1] ^ 1])
    dst.writestr(info, data)
dst.close()`,
    zip,
    out,
    member
  ])
}

describe('the responses to a request list', () => {
  it('export as a signed ZIP: a folder per request, evidence byte for byte, response PDFs, the list as XLSX; pack verify accepts it and finds a changed member', async () => {
    const person = register.organisation.people(false)[0]!.name
    const rows = [
      ['Request ID', 'Reference', 'Information requested', 'Assigned to', 'Due date', 'Auditor comment'],
      ['PBC-001', 'PCI DSS 8.3.6', 'Password policy and its settings', person, '2026-01-15', 'Sample of 25'],
      ['PBC/002', 'IAM-01', 'Access reviews for the period', '', '2027-03-01', ''],
      ['PBC:002', 'Provide the network diagram', 'Current network diagram', '', '', 'Walkthrough']
    ]
    const csv = join(dataDir, 'pbc.csv')
    writeFileSync(csv, stringify(rows))
    expect(await register.requests.import(packId, csv)).toMatchObject({ created: 3, errors: [] })
    const evidenceId = register.evidence.list({}, { limit: 1 }).items[0]!.id
    register.requests.set(packId, 'PBC-001', {
      status: 'provided',
      note: 'Policy attached; settings exported from IAM.',
      evidence: [evidenceId]
    })

    register.packs.signingKeys() // made (and audited) on first use
    const before = register.audit.count()
    const out = join(dataDir, 'answers', 'responses.zip')
    const result = await register.requestExport.export(packId, out)
    expect(result).toMatchObject({ path: out, requests: 3, evidenceFiles: 1 })
    expect(register.audit.count()).toBe(before + 1)
    expect(register.audit.list({ entityType: 'pack', entityId: packId, limit: 1 })[0]).toMatchObject({
      action: 'requests.export'
    })
    // Written under a temporary name and renamed: nothing else is left beside it.
    expect(readdirSync(join(dataDir, 'answers'))).toEqual(['responses.zip'])

    // Another ZIP reader finds every member intact; sha256sum agrees with SHA256SUMS.
    expect(run('unzip', ['-t', out])).toContain('No errors detected')
    const extracted = join(dataDir, 'extracted')
    mkdirSync(extracted)
    run('unzip', ['-q', out, '-d', extracted])
    expect(run('sha256sum', ['-c', 'SHA256SUMS'], extracted)).not.toMatch(/FAILED/)
    const folders = readdirSync(join(extracted, 'requests')).sort()
    expect(folders).toEqual(['PBC-001', 'PBC_002', 'PBC_002 (2)'])

    // The evidence file is the vault's, byte for byte.
    const files = readdirSync(join(extracted, 'requests', 'PBC-001'))
    const evidenceFile = files.find((name) => name.startsWith(`${evidenceId} `))!
    const item = register.evidence.get(evidenceId)
    expect(readFileSync(join(extracted, 'requests', 'PBC-001', evidenceFile))).toEqual(
      readFileSync(register.vault.pathOf(item.sha256))
    )

    // The response PDF says what was asked and answered, with the evidence's SHA-256.
    const text = run('pdftotext', ['-layout', join(extracted, 'requests', 'PBC-001', 'response PBC-001.pdf'), '-'])
    for (const expected of [
      'Request PBC-001',
      'PCI DSS 8.3.6',
      'Password policy and its settings',
      'Provided',
      person,
      '2026-01-15',
      'Policy attached; settings exported from IAM.',
      evidenceId,
      item.sha256
    ])
      expect(text).toContain(expected)
    expect(text).toMatch(/Linked controls \([1-9]/)

    // The list comes back in the auditor's columns, with the answers beside them.
    const [sheet] = inspectXlsx(join(extracted, 'request-list.xlsx'))
    expect(sheet!.rows[0]).toEqual([
      'Request ID',
      'Reference',
      'Information requested',
      'Assigned to',
      'Due date',
      'Auditor comment',
      'Status',
      'Assignee',
      'Overdue',
      'Response',
      'Evidence',
      'Evidence files',
      'Linked controls',
      'Linked requirements'
    ])
    const answered = sheet!.rows[1]!
    expect(answered.slice(0, 6)).toEqual(rows[1])
    // Provided on time or late, it is no longer overdue.
    expect(answered.slice(6, 10)).toEqual(['Provided', person, null, 'Policy attached; settings exported from IAM.'])
    expect(answered[10]).toContain(item.sha256)
    expect(answered[11]).toBe(`requests/PBC-001/${evidenceFile}`)
    expect(String(answered[12])).toMatch(/^[A-Z]+-\d+/)
    expect(answered[13]).toBe('pci:8.3.6')
    expect(sheet!.rows[2]!.slice(6, 7)).toEqual(['Open'])

    // pack verify accepts it, and finds a member changed after signing.
    const verified = await verifyPackFile(out)
    expect(verified.problems).toEqual([])
    expect(verified).toMatchObject({ ok: true, kind: 'zip' })
    for (const member of [`requests/PBC-001/${evidenceFile}`, 'request-list.xlsx']) {
      const changed = join(dataDir, `tampered-${member.length}.zip`)
      tamper(out, changed, member)
      const failed = await verifyPackFile(changed)
      expect(failed.ok).toBe(false)
      expect(failed.problems).toContainEqual(expect.objectContaining({ kind: 'changed', item: member }))
    }
  })

  it('refuses a pack with no request list, saying how to import one, and writes nothing', async () => {
    const other = register.packs.create({
      name: 'HIPAA',
      frameworks: ['hipaa'],
      scope: { accounts: [], organizationalUnits: [] },
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
      organisation: 'Harbor Bean Coffee',
      auditor: '',
      preparer: 'Maya Chen'
    }).id
    const out = join(dataDir, 'none.zip')
    await expect(register.requestExport.export(other, out)).rejects.toThrow(/Import the auditor's list first/)
    expect(existsSync(out)).toBe(false)
  })

  it('refuses to send evidence whose vault copy no longer matches its hash', async () => {
    const request = register.requests.list(packId).find((candidate) => candidate.id === 'PBC-001')!
    const item = register.evidence.get(request.evidence[0]!)
    const path = register.vault.pathOf(item.sha256)
    const original = readFileSync(path)
    try {
      writeFileSync(path, Buffer.concat([original, Buffer.from('x')]))
      const out = join(dataDir, 'corrupt.zip')
      await expect(register.requestExport.export(packId, out)).rejects.toThrow(/no longer matches its SHA-256/)
      expect(existsSync(out)).toBe(false)
    } finally {
      writeFileSync(path, original)
    }
    // A vault copy that cannot be read at all: a message, no crash, no file.
    renameSync(path, `${path}.away`)
    try {
      const out = join(dataDir, 'missing.zip')
      await expect(register.requestExport.export(packId, out)).rejects.toThrow(/vault/)
      expect(existsSync(out)).toBe(false)
      expect(readdirSync(dataDir).filter((name) => name.endsWith('.part'))).toEqual([])
    } finally {
      renameSync(`${path}.away`, path)
    }
  })

  it('a list of 200 requests imports, links by reference and exports a ZIP that pack verify accepts', async () => {
    const large = register.packs.create({
      name: 'PCI DSS 200',
      frameworks: ['pci'],
      scope: { accounts: [], organizationalUnits: [] },
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
      organisation: 'Harbor Bean Coffee',
      auditor: 'QSA',
      preparer: 'Maya Chen'
    }).id
    const refs = ['PCI DSS 8.3.6', 'Requirement 10.2.1', 'IAM-01', 'Provide the network diagram']
    const rows = [['Request ID', 'Reference', 'Information requested', 'Due date']]
    for (let index = 1; index <= 200; index++)
      rows.push([`R-${index}`, refs[index % refs.length]!, `Item ${index}`, '2027-01-31'])
    const csv = join(dataDir, 'pbc-200.csv')
    writeFileSync(csv, stringify(rows))
    expect(await register.requests.import(large, csv)).toMatchObject({ created: 200, errors: [], linked: 150 })
    const evidence = register.evidence.list({}, { limit: 2 }).items.map((item) => item.id)
    for (const id of ['R-1', 'R-2', 'R-3']) register.requests.set(large, id, { evidence, status: 'provided' })

    const out = join(dataDir, 'pbc-200.zip')
    const result = await register.requestExport.export(large, out)
    expect(result).toMatchObject({ requests: 200, evidenceFiles: 6 })
    const listing = run('unzip', ['-Z1', out]).split('\n')
    expect(listing.filter((name) => /^requests\/R-\d+\/response R-\d+\.pdf$/.test(name))).toHaveLength(200)
    const verified = await verifyPackFile(out)
    expect(verified.problems).toEqual([])
    expect(verified).toMatchObject({ ok: true, checked: 200 + 6 + 3 + 3 })
  })
})
