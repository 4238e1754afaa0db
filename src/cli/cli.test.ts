import Database from 'better-sqlite3'
import { spawnSync } from 'node:child_process'
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tempDir } from '../main/core/testing/temp-dir'
import { runCli } from './testing/run-cli'

let dir: ReturnType<typeof tempDir>
let dataDir: string
const cli = (...args: string[]) => runCli(['--data-dir', dataDir, ...args])

beforeAll(() => {
  dir = tempDir()
  dataDir = join(dir.path, 'register')
})
afterAll(() => dir.cleanup())

function expectOneLineError(run: ReturnType<typeof runCli>, code: number, pattern: RegExp): void {
  expect(run.code).toBe(code)
  expect(run.stdout).toBe('')
  expect(run.stderr.trim().split('\n')).toHaveLength(1)
  expect(run.stderr).toMatch(pattern)
  expect(run.stderr).not.toMatch(/\bat .+:\d+:\d+/) // no stack trace
}

describe('evidence-desk', () => {
  it('says there is no register yet, with exit 2', () => {
    expectOneLineError(cli('frameworks'), 2, /no register .* Run "evidence-desk init"/i)
  })

  it('init --sample creates the register and reports it as JSON', () => {
    const run = cli('init', '--sample', '--json')
    expect(run.code).toBe(0)
    expect(run.json()).toMatchObject({
      register: join(dataDir, 'register.sqlite'),
      sample: true,
      organisation: expect.stringMatching(/Coffee/),
      controls: expect.any(Number)
    })
  })

  it('frameworks --json lists the three frameworks with their requirement counts', () => {
    const run = cli('frameworks', '--json')
    expect(run.code).toBe(0)
    const frameworks = run.json<Record<string, unknown>[]>()
    expect(frameworks).toEqual([
      expect.objectContaining({
        id: 'hipaa',
        name: 'HIPAA Security Rule',
        version: expect.any(String),
        requirements: 68
      }),
      expect.objectContaining({ id: 'gdpr', name: 'GDPR', version: expect.any(String), requirements: 45 }),
      expect.objectContaining({ id: 'pci', name: 'PCI DSS', version: '4.0.1', requirements: 351 })
    ])
    // Each also states its results for the register's audit period, from the one result rule.
    for (const framework of frameworks) {
      const results = framework.results as Record<string, number>
      expect(Object.values(results).reduce((sum, count) => sum + count, 0)).toBe(framework.requirements)
      const applicable = results['in-place']! + results['not-in-place']! + results['not-tested']!
      expect(framework.coverage).toBeCloseTo(applicable === 0 ? 0 : results['in-place']! / applicable)
    }
  })

  it('requirements --json lists refs, titles and mapped control ids', () => {
    const pci = cli('requirements', '--framework', 'pci', '--json').json<
      { ref: string; title: string; controls: string[] }[]
    >()
    expect(pci.find((r) => r.ref === '8.4')).toEqual({
      ref: '8.4',
      title: expect.any(String),
      controls: expect.arrayContaining([expect.stringMatching(/^[A-Z]+-\d+$/)]),
      result: expect.stringMatching(/^(in-place|not-in-place|not-tested|not-applicable)$/),
      reasons: expect.arrayContaining([expect.any(String)])
    })
    const hipaa = cli('requirements', '--framework', 'hipaa', '--json').json<{ ref: string }[]>()
    expect(hipaa.map((r) => r.ref)).toContain('164.308(a)(1)(ii)(A)')
    expect(hipaa).toHaveLength(68)
  })

  it('controls list filters and prints the documented JSON shape', () => {
    const list = cli('controls', 'list', '--framework', 'hipaa', '--responsibility', 'aws', '--json').json<
      Record<string, unknown>[]
    >()
    expect(list.length).toBeGreaterThan(0)
    for (const control of list) {
      expect(Object.keys(control).sort()).toEqual(['id', 'mappings', 'owner', 'responsibility', 'status', 'title'])
      expect(control.responsibility).toBe('aws')
      expect(control.mappings).toContainEqual(expect.objectContaining({ framework: 'hipaa' }))
    }
    const searched = cli('controls', 'list', '--search', 'GuardDuty', '--json').json<{ id: string }[]>()
    expect(searched.length).toBeGreaterThan(0)
  })

  it('controls set changes a control, and the audit log shows who did it', () => {
    const set = cli(
      'controls',
      'set',
      'IAM-01',
      '--status',
      'planned',
      '--owner',
      'Jo Park',
      '--note',
      'Moving to passkeys'
    )
    expect(set.code).toBe(0)
    const shown = cli('controls', 'show', 'IAM-01', '--json').json<Record<string, unknown>>()
    expect(shown).toMatchObject({ id: 'IAM-01', status: 'planned', owner: 'Jo Park', notes: 'Moving to passkeys' })
    const log = cli('audit', 'log', '--json', '--limit', '1').json<Record<string, unknown>[]>()
    expect(log[0]).toMatchObject({ actor: 'cli.tester', action: 'control.update', entityId: 'IAM-01' })
  })

  it('rejects bad input with exit 1 and a one-line message, changing nothing', () => {
    const before = cli('audit', 'log', '--json').json<unknown[]>().length
    expectOneLineError(cli('controls', 'set', 'IAM-01', '--status', 'finished'), 1, /Unknown status/)
    expectOneLineError(cli('controls', 'set', 'IAM-01', '--owner', 'x'.repeat(500)), 1, /too long/)
    expectOneLineError(cli('controls', 'set', 'IAM-01'), 1, /Nothing to change/)
    expectOneLineError(cli('requirements', '--framework', 'sox'), 1, /Unknown framework/)
    expectOneLineError(cli('controls', 'frobnicate'), 1, /unknown command/)
    expect(cli('audit', 'log', '--json').json<unknown[]>().length).toBe(before)
  })

  it('answers unknown control ids with exit 2', () => {
    expectOneLineError(cli('controls', 'show', 'NOPE-01'), 2, /no control NOPE-01/)
  })

  it('verifies the audit log, and exits 3 naming the first broken entry after tampering', () => {
    expect(cli('audit', 'verify').stdout).toMatch(/intact/)
    const db = new Database(join(dataDir, 'register.sqlite'))
    db.prepare(`UPDATE audit_log SET actor = 'someone else' WHERE seq = 5`).run()
    db.close()
    const run = cli('audit', 'verify')
    expectOneLineError(run, 3, /broken at entry 5/)
    const json = cli('audit', 'verify', '--json')
    expect(json.code).toBe(3)
    expect(json.json()).toMatchObject({ ok: false, firstBroken: { seq: 5 } })
  })

  it('takes the data folder from EVIDENCE_DESK_DATA_DIR when --data-dir is absent', () => {
    const run = runCli(['frameworks', '--json'], { env: { EVIDENCE_DESK_DATA_DIR: dataDir } })
    expect(run.code).toBe(0)
    expect(run.json<unknown[]>()).toHaveLength(3)
  })

  it('refuses a file that is not a register with exit 3 and leaves it untouched', () => {
    const other = join(dir.path, 'other')
    mkdirSync(other)
    writeFileSync(join(other, 'register.sqlite'), 'not a database')
    expectOneLineError(runCli(['--data-dir', other, 'frameworks']), 3, /not an Evidence Desk register/)
    expect(readFileSync(join(other, 'register.sqlite'), 'utf8')).toBe('not a database')
  })

  it('explains a read-only data folder and changes nothing', () => {
    const readOnly = join(dir.path, 'read-only')
    mkdirSync(readOnly)
    chmodSync(readOnly, 0o555)
    // Permission bits do not bind the superuser: run inside a read-only bind mount instead.
    const asRoot = process.getuid?.() === 0
    const command = asRoot ? readOnlyMountCommand(readOnly) : undefined
    const run = runCli(['--data-dir', readOnly, 'init'], command ? { command } : {})
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/read-only|permission denied|cannot be opened for writing/i)
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(spawnSync('ls', ['-A', readOnly], { encoding: 'utf8' }).stdout).toBe('')
  })
})

/** `unshare` gives the test its own mount namespace, where the folder is remounted read-only. */
function readOnlyMountCommand(folder: string): string[] {
  const script = `mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && shift && exec "$@"`
  return ['unshare', '-rm', 'sh', '-c', script, 'sh', folder, process.execPath]
}
