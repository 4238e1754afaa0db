import Database from 'better-sqlite3'
import { readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { bundledCatalogs } from './catalog/bundled-data'
import { loadCatalogs } from './catalog/catalog-loader'
import { Register } from './register'
import { openTempRegister, steppingClock, tempDir } from './testing/temp-register'

const cleanups: (() => void)[] = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()!()
})

async function fresh() {
  const opened = await openTempRegister()
  cleanups.push(opened.cleanup)
  return opened
}

describe('Register.open', () => {
  it('creates a register with the three catalogs and the starter library, all audited', async () => {
    const { register } = await fresh()
    const frameworks = register.frameworks.list()
    expect(frameworks.map((f) => [f.id, f.requirements])).toEqual([
      ['hipaa', 68],
      ['gdpr', 45],
      ['pci', 351]
    ])
    const info = register.info()
    expect(info.counts.controls).toBeGreaterThanOrEqual(60)
    expect(register.audit.verify()).toEqual({ ok: true, entries: info.counts.auditEntries })
    expect(register.audit.list({ entityType: 'framework' }).map((e) => e.action)).toEqual([
      'catalog.load',
      'catalog.load',
      'catalog.load'
    ])
  })

  it('opens an existing register without loading anything twice and keeps edits', async () => {
    const { register, dataDir } = await fresh()
    register.controls.update('IAM-01', { owner: 'Morgan' })
    const entries = register.audit.count()
    register.close()
    const again = await Register.open({ dataDir, actor: 'test.user', now: steppingClock('2026-12-01T00:00:00Z') })
    cleanups.push(() => again.close())
    expect(again.audit.count()).toBe(entries)
    expect(again.controls.get('IAM-01').owner).toBe('Morgan')
    expect(again.audit.verify().ok).toBe(true)
  })

  it('keeps mappings when a catalog is updated, and withdraws references the new catalog drops', async () => {
    const { register } = await fresh()
    const pci = bundledCatalogs().find((catalog) => catalog.id === 'pci')!
    const mappedBefore = register.controls.get('IAM-01').requirements.length
    const updated = {
      ...pci,
      requirements: pci.requirements
        .filter((requirement) => requirement.ref !== '1.2.3')
        .map((requirement) =>
          requirement.ref === '8.4' ? { ...requirement, title: 'MFA everywhere it counts' } : requirement
        )
    }
    expect(loadCatalogs(register.db, register.audit, [updated])).toEqual(['pci'])
    const tree = register.frameworks.tree('pci')
    expect(tree.find((node) => node.ref === '8.4')?.title).toBe('MFA everywhere it counts')
    expect(tree.some((node) => node.ref === '1.2.3')).toBe(false)
    expect(register.controls.get('IAM-01').requirements.length).toBe(mappedBefore)
    expect(register.audit.list({ limit: 1 })[0]).toMatchObject({ action: 'catalog.update', entityId: 'pci' })
  })

  it('refuses a file that is not a SQLite database and leaves it untouched', async () => {
    const dir = tempDir()
    cleanups.push(dir.cleanup)
    const path = join(dir.path, 'register.sqlite')
    writeFileSync(path, 'These are my notes, not a database.\n'.repeat(50))
    const before = readFileSync(path)
    await expect(Register.open({ dataDir: dir.path })).rejects.toMatchObject({
      code: 'INTEGRITY',
      message: expect.stringContaining('is not an Evidence Desk register')
    })
    expect(readFileSync(path).equals(before)).toBe(true)
  })

  it('refuses a SQLite database of another application and leaves it untouched', async () => {
    const dir = tempDir()
    cleanups.push(dir.cleanup)
    const path = join(dir.path, 'register.sqlite')
    const other = new Database(path)
    other.exec(`CREATE TABLE invoices (id INTEGER PRIMARY KEY); INSERT INTO invoices VALUES (1)`)
    other.close()
    const before = readFileSync(path)
    await expect(Register.open({ dataDir: dir.path })).rejects.toMatchObject({
      code: 'INTEGRITY',
      message: expect.stringContaining('not an Evidence Desk register')
    })
    expect(readFileSync(path).equals(before)).toBe(true)
  })

  it('reports a damaged register clearly and leaves it as it was', async () => {
    const { register, dataDir } = await fresh()
    register.db.pragma('wal_checkpoint(TRUNCATE)')
    register.close()
    const path = join(dataDir, 'register.sqlite')
    truncateSync(path, Math.floor(statSync(path).size / 3))
    const before = readFileSync(path)
    await expect(Register.open({ dataDir })).rejects.toMatchObject({ code: 'INTEGRITY' })
    expect(readFileSync(path).equals(before)).toBe(true)
  })

  it('says so when the data folder is a file', async () => {
    const dir = tempDir()
    cleanups.push(dir.cleanup)
    const path = join(dir.path, 'not-a-folder')
    writeFileSync(path, 'x')
    await expect(Register.open({ dataDir: path })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('is a file, not a folder')
    })
  })

  it('does not create a register when one must exist', async () => {
    const dir = tempDir()
    cleanups.push(dir.cleanup)
    await expect(Register.open({ dataDir: join(dir.path, 'nothing-here'), mustExist: true })).rejects.toMatchObject({
      code: 'NOT_FOUND'
    })
  })
})

describe('the sample organisation', () => {
  it('sets the organisation, three AWS accounts and an owner and status for every control, once', async () => {
    const { register } = await fresh()
    await register.loadSampleOrganisation()
    const info = register.info()
    expect(info.organisationName).toMatch(/Coffee/i)
    expect(info.hasSampleOrganisation).toBe(true)
    expect(
      register
        .accounts()
        .map((account) => account.name)
        .sort()
    ).toEqual(['Accounting', 'Development', 'Production'])
    const controls = register.controls.list()
    expect(controls.every((control) => control.owner !== '')).toBe(true)
    expect(new Set(controls.map((control) => control.status)).size).toBeGreaterThanOrEqual(4)
    const entries = register.audit.count()
    await register.loadSampleOrganisation()
    expect(register.audit.count()).toBe(entries)
    expect(register.audit.verify().ok).toBe(true)
  })
})

describe('Register.search (the command palette)', () => {
  it('finds requirements by exact reference, and evidence and packs by id or words', async () => {
    const { register } = await fresh()
    const dir = tempDir()
    cleanups.push(dir.cleanup)
    const file = join(dir.path, 'access-review-q3.txt')
    writeFileSync(file, 'Quarterly access review, signed off.')
    const imported = await register.evidence.importFiles([file], { title: 'Access review Q3' })
    const evidenceId = imported.imported[0]!.id
    const pack = register.packs.create({
      name: 'PCI DSS assessment 2026',
      frameworks: ['pci'],
      scope: { accounts: [], organizationalUnits: [] },
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
      organisation: 'Example Co.',
      auditor: '',
      preparer: ''
    })

    const requirements = register.search('3.3.3').filter((hit) => hit.kind === 'requirement')
    expect(requirements[0]).toMatchObject({ id: '3.3.3', framework: 'pci' })
    expect(register.search(evidenceId.toLowerCase())).toContainEqual(
      expect.objectContaining({ kind: 'evidence', id: evidenceId, title: 'Access review Q3' })
    )
    expect(register.search('access review')).toContainEqual(
      expect.objectContaining({ kind: 'evidence', id: evidenceId })
    )
    expect(register.search(pack.id)).toContainEqual({ kind: 'pack', id: pack.id, title: pack.name, detail: '' })
    expect(register.search('assessment 2026')).toContainEqual(expect.objectContaining({ kind: 'pack', id: pack.id }))
    register.evidence.remove(evidenceId, 'filed twice')
    expect(register.search(evidenceId).some((hit) => hit.kind === 'evidence')).toBe(false)
  })
})
