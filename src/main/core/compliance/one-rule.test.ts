import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RESULT_RULE } from '../../../shared/compliance/method'
import { runCli } from '../../../cli/testing/run-cli'
import type { RequirementResult } from '../../../shared/compliance/results'
import type { Register } from '../register'
import { openSampleRegister, openTempRegister } from '../testing/temp-register'

// A period that has ended both by the test's clock and by the real one the command line uses.
const PERIOD = { start: '2025-11-28', end: '2026-11-27' }
const ALL = { accounts: [], organizationalUnits: [] }

describe('one result rule, the same answer on every face', () => {
  let register: Register
  let dataDir: string
  let cleanup: () => void
  beforeAll(async () => {
    ;({ register, dataDir, cleanup } = await openSampleRegister())
    register.settings.setAuditPeriod(PERIOD)
  })
  afterAll(() => cleanup())

  it.each(['hipaa', 'gdpr', 'pci'])(
    '%s: the frameworks, the dashboard, the pack and the command line agree',
    (framework) => {
      const tree = register.frameworks.tree(framework).filter((node) => node.assessable)
      const results = new Map(tree.map((node) => [node.ref, node.result]))
      const count = (result: RequirementResult) => tree.filter((node) => node.result === result).length

      // The dashboard counts what the tree says, and its gaps carry the tree's results.
      const dashboard = register.dashboard.summary(10_000)
      const card = dashboard.frameworks.find((item) => item.id === framework)!
      expect(card.results).toEqual({
        'in-place': count('in-place'),
        'not-in-place': count('not-in-place'),
        'not-tested': count('not-tested'),
        'not-applicable': count('not-applicable')
      })
      const gaps = dashboard.gaps.filter((gap) => gap.framework === framework)
      expect(gaps).toHaveLength(count('not-in-place') + count('not-tested'))
      for (const gap of gaps) expect(gap.result).toBe(results.get(gap.ref))

      // A pack of every account for the register's period says the same of every requirement.
      const content = register.packs.assemble({
        name: 'Agreement',
        frameworks: [framework],
        scope: ALL,
        periodStart: PERIOD.start,
        periodEnd: PERIOD.end,
        organisation: 'Harbor Bean Coffee Co.',
        auditor: '',
        preparer: '',
        id: null,
        controls: []
      })
      const packed = content.frameworks[0]!.requirements.filter((requirement) => requirement.assessable)
      expect(new Map(packed.map((requirement) => [requirement.ref, requirement.result]))).toEqual(results)
      const readiness = register.packs.readiness({
        ...content.pack,
        frameworks: [framework],
        scope: ALL,
        id: null,
        controls: []
      })
      expect(
        readiness.openItems
          .filter((item) => item.kind.startsWith('requirement-'))
          .map((item) => item.ref)
          .sort()
      ).toEqual(gaps.map((gap) => gap.ref).sort())

      // And so does the command line, from its own process.
      const cli = runCli(['--data-dir', dataDir, 'requirements', '--framework', framework, '--json'])
      expect(cli.stderr).toBe('')
      const printed = cli.json<{ ref: string; result: RequirementResult; reasons: string[] }[]>()
      expect(new Map(printed.map((item) => [item.ref, item.result]))).toEqual(results)
      for (const item of printed) expect(item.reasons).toEqual(tree.find((node) => node.ref === item.ref)!.reasons)
    }
  )
})

describe('automated tests read from exports', () => {
  const fixture = join(__dirname, '../evidence/exports/fixtures/securityhub-findings.json')

  it('make a requirement not in place while the newest export in force fails it, and no longer once a later one passes', async () => {
    const { register, cleanup } = await openSampleRegister()
    try {
      const before = register.frameworks.tree('pci').find((node) => node.ref === '10.3.2')!
      expect(before.checks).toEqual([])
      // AWS's own example cites PCI DSS v4.0.1/10.3.2 as failed (and v3.2.1 references, which are not v4.0.1's),
      // exported this autumn: in force for the register's period.
      const exportAt = (updatedAt: string, status?: string): string => {
        const findings = JSON.parse(readFileSync(fixture, 'utf8')) as {
          Findings: { UpdatedAt: string; Compliance?: Record<string, unknown> }[]
        }
        for (const finding of findings.Findings) {
          finding.UpdatedAt = updatedAt
          if (status) finding.Compliance = { ...finding.Compliance, Status: status }
        }
        const path = join(register.paths.dataDir, `securityhub-${updatedAt.slice(0, 10)}.json`)
        writeFileSync(path, JSON.stringify(findings))
        return path
      }
      const failing = await register.evidence.importFiles([exportAt('2026-10-01T10:00:00.000Z')])
      expect(failing.failed).toEqual([])
      const failed = register.frameworks.tree('pci').find((node) => node.ref === '10.3.2')!
      expect(failed.checks).toMatchObject([{ source: expect.stringMatching(/Security Hub/), failed: 1, passed: 0 }])
      expect(failed.result).toBe('not-in-place')
      expect(failed.reasons).toContainEqual(expect.stringMatching(/^Automated test failed: .*1 failed, 0 passed\.$/))
      // PCI DSS 3.4 of v3.2.1 is a different requirement from 3.4 of v4.0.1: nothing is recorded against it.
      expect(register.frameworks.tree('pci').find((node) => node.ref === '3.4')!.checks).toEqual([])

      const later = exportAt('2026-11-01T10:00:00.000Z', 'PASSED')
      expect((await register.evidence.importFiles([later])).failed).toEqual([])
      const now = register.frameworks.tree('pci').find((node) => node.ref === '10.3.2')!
      expect(now.checks).toMatchObject([{ failed: 0, passed: 1 }])
      expect(now.reasons.some((reason) => reason.startsWith('Automated test failed'))).toBe(false)
    } finally {
      cleanup()
    }
  })
})

describe('the rule in words', () => {
  it('is written in the README exactly as every pack prints it', () => {
    const readme = readFileSync(join(__dirname, '../../../../README.md'), 'utf8').replace(/\s+/g, ' ')
    for (const { term, text } of RESULT_RULE) expect(readme).toContain(`**${term}.** ${text}`)
  })
})

describe('a register with no evidence', () => {
  it('has no requirement in place, whatever the controls say', async () => {
    const { register, cleanup } = await openTempRegister()
    try {
      for (const control of register.controls.list()) register.controls.update(control.id, { status: 'implemented' })
      for (const summary of register.frameworks.list()) {
        expect(summary.results['in-place'], summary.id).toBe(0)
        expect(summary.coverage).toBe(0)
        expect(summary.results['not-tested']).toBeGreaterThan(0)
      }
    } finally {
      cleanup()
    }
  })
})
