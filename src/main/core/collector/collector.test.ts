import { execFileSync, spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Register } from '../register'
import { openTempRegister } from '../testing/temp-register'
import { automatedResults } from '../evidence/requirement-checks'
import { COLLECTOR_PLAN, isLoop, READ_ONLY_CALLS } from './collector-plan'
import { collectorScope, collectorScript, importCollection, writeCollectorScript } from './collector-service'

const PRODUCTION = '605183429774'
const ACCOUNTING = '472915036288'
const FAKE_AWS = join(__dirname, 'testing', 'fake-aws.mjs')

let register: Register
let dataDir: string
let cleanup: () => void
let work: string

beforeEach(async () => {
  ;({ register, dataDir, cleanup } = await openTempRegister())
  work = join(dataDir, 'collector-work')
  mkdirSync(work, { recursive: true })
  register.organisation.addAccount({
    accountId: PRODUCTION,
    name: 'Production',
    organizationalUnit: 'Production',
    purpose: 'Card payments'
  })
  register.organisation.addAccount({
    accountId: ACCOUNTING,
    name: 'Accounting',
    organizationalUnit: 'Corporate',
    purpose: 'Health plan'
  })
})
afterEach(() => cleanup())

function pack(name = 'PCI DSS 2026', accounts = [PRODUCTION, ACCOUNTING]) {
  return register.packs.create({
    name,
    frameworks: ['pci'],
    scope: { accounts, organizationalUnits: [] },
    periodStart: '2026-01-01',
    periodEnd: '2026-12-31',
    organisation: 'Harbor Bean Coffee Co.',
    auditor: '',
    preparer: ''
  })
}

/** Every "service verb" an AWS CLI call in the script text names. */
function callsIn(script: string): string[] {
  return [...script.matchAll(/\baws ([a-z0-9-]+) ([a-z0-9-]+)/g)].map((match) => `${match[1]} ${match[2]}`)
}

const planned = [...COLLECTOR_PLAN.account, ...COLLECTOR_PLAN.regional].flatMap((step) =>
  isLoop(step)
    ? [
        `${step.list.service} ${step.list.verb}`,
        `${step.each.service} ${step.each.verb}`,
        ...(step.nested ? [`${step.nested.service} ${step.nested.verb}`] : [])
      ]
    : [`${step.service} ${step.verb}`]
)

describe('the collector script', () => {
  it('passes bash -n and shellcheck, says SecurityAudit suffices, and makes only read-only calls', () => {
    const scope = collectorScope(register, pack().id, ['us-east-1', 'eu-west-1'], new Date('2026-11-28T09:00:00Z'))
    const bash = collectorScript(scope, 'bash')
    const path = join(work, 'collect.sh')
    writeFileSync(path, bash)
    execFileSync('bash', ['-n', path])
    const shellcheck = spawnSync('shellcheck', ['--shell=bash', path], { encoding: 'utf8' })
    expect(shellcheck.stdout + shellcheck.stderr).toBe('')
    expect(shellcheck.status).toBe(0)

    for (const script of [bash, collectorScript(scope, 'powershell')]) {
      expect(script).toMatch(/SecurityAudit is enough, and nothing in your accounts is changed/)
      expect(script).toContain(`${PRODUCTION} (Production)`)
      const calls = callsIn(script)
      expect(calls.filter((call) => !READ_ONLY_CALLS.includes(call))).toEqual([])
      expect(new Set(calls)).toEqual(new Set([...planned, 'iam generate-credential-report', 'sts assume-role']))
    }
    // Only describe, get and list calls, and the two the allow-list explains.
    expect(READ_ONLY_CALLS.filter((call) => !/ (describe|get|list)-/.test(call))).toEqual([
      'sts assume-role',
      'iam generate-credential-report'
    ])
  })

  it('refuses Region names that are not Regions', () => {
    expect(() => collectorScope(register, pack().id, ['us-east-1; rm -rf ~'], new Date())).toThrow(/not an AWS Region/)
  })

  it('runs against a stand-in aws that replays real outputs, and its ZIP imports in one step', async () => {
    const hostile = `PCI'; touch PWNED; echo '$(touch PWNED2)`
    const scope = collectorScope(register, pack(hostile).id, ['us-east-1'], new Date('2026-11-28T09:00:00Z'))
    const script = writeCollectorScript(scope, 'bash', join(work, 'collect.sh')).path
    const bin = join(work, 'bin')
    mkdirSync(bin)
    writeFileSync(join(bin, 'aws'), `#!/bin/sh\nexec "${process.execPath}" "${FAKE_AWS}" "$@"\n`)
    chmodSync(join(bin, 'aws'), 0o755)
    const log = join(work, 'aws-calls.log')
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PATH: `${bin}:${process.env.PATH}`,
      FAKE_AWS_LOG: log,
      FAKE_AWS_ACCOUNT: PRODUCTION
    }
    delete env.COLLECTOR_ROLE
    const run = spawnSync('bash', [script], { cwd: work, env, encoding: 'utf8' })
    expect(run.status, run.stderr).toBe(0)
    expect(existsSync(join(work, 'PWNED')) || existsSync(join(work, 'PWNED2'))).toBe(false)

    const called = readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((line) =>
        (JSON.parse(line) as string[])
          .filter((arg) => !arg.startsWith('-'))
          .slice(0, 2)
          .join(' ')
      )
    expect(called.filter((call) => !READ_ONLY_CALLS.includes(call))).toEqual([])
    expect(called).not.toContain('sts assume-role')

    const zipName = readdirSync(work).find((name) => /^evidence-desk-collection-.*\.zip$/.test(name))!
    const members = execFileSync('unzip', ['-Z1', join(work, zipName)], { encoding: 'utf8' })
      .trim()
      .split('\n')
    expect(members).toEqual(
      expect.arrayContaining([
        'manifest.json',
        `${PRODUCTION}/global/iam-credential-report.json`,
        `${PRODUCTION}/us-east-1/securityhub-findings.json`,
        `${PRODUCTION}/us-east-1/kms-key-rotation-1.json`
      ])
    )
    expect(members.some((member) => member.includes('organizations-scps'))).toBe(false)
    const manifest = JSON.parse(
      execFileSync('unzip', ['-p', join(work, zipName), 'manifest.json'], { encoding: 'utf8' })
    )
    expect(manifest).toMatchObject({ format: 'evidence-desk-collection', pack: hostile, signedInAccount: PRODUCTION })
    const failed = (manifest.runs as { command: string; exitCode: number; account: string; error: string }[]).filter(
      (entry) => entry.exitCode !== 0
    )
    expect(failed.map((entry) => entry.command.split(' ').slice(1, 3).join(' ') || entry.error)).toEqual(
      expect.arrayContaining(['organizations list-policies', 'macie2 describe-buckets'])
    )
    expect(failed.find((entry) => entry.account === ACCOUNTING)?.error).toMatch(/COLLECTOR_ROLE is not set/)

    const result = await importCollection(register, join(work, zipName))
    expect(result.files.filter((file) => file.error)).toEqual([])
    const collected = members.filter((member) => member !== 'manifest.json' && !member.endsWith('/'))
    expect(result.files.map((file) => file.path).sort()).toEqual(collected.sort())
    expect(register.evidence.get(result.collection.id)).toMatchObject({
      kind: 'config-export',
      mediaType: 'application/zip'
    })
    for (const file of result.files) {
      const item = register.evidence.get(file.item!.id)
      expect(item.accounts, file.path).toEqual([PRODUCTION])
      expect(item.effectiveDate).toBe(manifest.startedAt.slice(0, 10))
    }
    const byPath = Object.fromEntries(result.files.map((file) => [file.path.split('/').slice(1).join('/'), file]))
    expect(byPath['global/iam-credential-report.json']!.controls).toEqual(['IAM-01', 'IAM-05', 'IAM-06'])
    expect(register.evidence.get(byPath['global/iam-credential-report.json']!.item!.id).controls).toEqual([
      'IAM-01',
      'IAM-05',
      'IAM-06'
    ])
    expect(byPath['us-east-1/guardduty-findings-6-12abc34d567e8fa901bc2d34e56789f0-1.json']).toBeUndefined()
    expect(result.files.some((file) => /guardduty-findings/.test(file.path) && file.controls.includes('LOG-05'))).toBe(
      true
    )
    expect(result.failedCalls.length).toBe(failed.length)
    expect(automatedResults(register.db, 'pci').map((entry) => [entry.ref, entry.failed])).toEqual([['10.3.2', 1]])
    expect(register.audit.verify().ok).toBe(true)
  })

  it('refuses a ZIP that is not a collection, importing nothing', async () => {
    const path = join(work, 'other.zip')
    execFileSync('zip', ['-q', path, join(__dirname, 'collector-plan.ts')])
    await expect(importCollection(register, path)).rejects.toMatchObject({ code: 'VALIDATION' })
    writeFileSync(join(work, 'not.zip'), 'plain text')
    await expect(importCollection(register, join(work, 'not.zip'))).rejects.toMatchObject({ code: 'VALIDATION' })
    expect(register.evidence.list().total).toBe(0)
  })
})
