import { describe, expect, it } from 'vitest'
import { reportSeries } from './reports'
import { uncoveredStretches } from './period'
import {
  coverageOf,
  describeCoverage,
  requirementResponsibility,
  requirementResult,
  type ControlFacts,
  type RequirementFacts
} from './results'
import { datedIn, freshnessOf, inForce } from './evidence-rules'

const period = { start: '2026-01-01', end: '2026-12-31' }
const applicable: RequirementFacts = {
  assessable: true,
  applicable: true,
  scopingReason: null,
  specification: null,
  decision: null
}
const control = (overrides: Partial<ControlFacts> = {}): ControlFacts => ({
  id: 'IAM-03',
  status: 'implemented',
  responsibility: 'customer',
  notApplicableReason: '',
  evidenceInForce: 1,
  reports: [],
  ...overrides
})
const result = (controls: ControlFacts[], requirement: Partial<RequirementFacts> = {}, checks = []) =>
  requirementResult({ requirement: { ...applicable, ...requirement }, controls, checks, period })

describe('the result rule', () => {
  it('is in place only when every applicable control is implemented and has evidence in force', () => {
    expect(result([control(), control({ id: 'IAM-04' })])).toEqual({
      result: 'in-place',
      reasons: ['All 2 controls are implemented and have evidence in force for the audit period.']
    })
  })

  it('is not in place when any control is not implemented, whichever the others are, naming each', () => {
    const outcome = result([
      control(),
      control({ id: 'PHY-04', status: 'in-progress' }),
      control({ id: 'RSK-03', status: 'not-started' })
    ])
    expect(outcome).toEqual({ result: 'not-in-place', reasons: ['PHY-04 is in progress.', 'RSK-03 is not started.'] })
  })

  it('names the controls sharing a cause in one reason, so a large requirement reads in a line per cause', () => {
    const planned = ['IAM-01', 'IAM-02', 'IAM-03'].map((id) => control({ id, status: 'planned' }))
    expect(result([control(), ...planned, control({ id: 'LOG-01', status: 'in-progress' })]).reasons).toEqual([
      '3 controls are planned: IAM-01, IAM-02 and IAM-03.',
      'LOG-01 is in progress.'
    ])
    const untested = [
      control({ id: 'LOG-01', evidenceInForce: 0 }),
      control({ id: 'PHY-01', responsibility: 'aws', evidenceInForce: 0 }),
      control({ id: 'LOG-02', evidenceInForce: 0 })
    ]
    expect(result(untested).reasons).toEqual([
      'LOG-01 and LOG-02 have no evidence in force for the audit period.',
      'PHY-01 has no AWS report covering the audit period.'
    ])
  })

  it('is not in place when no control meets it', () => {
    expect(result([])).toEqual({ result: 'not-in-place', reasons: ['No control meets this requirement.'] })
  })

  it('is not tested when every control is implemented but one has no evidence in force', () => {
    expect(result([control(), control({ id: 'LOG-01', evidenceInForce: 0 })])).toEqual({
      result: 'not-tested',
      reasons: ['LOG-01 has no evidence in force for the audit period.']
    })
    expect(result([control({ id: 'PHY-01', responsibility: 'aws', evidenceInForce: 0 })]).reasons).toEqual([
      'PHY-01 has no AWS report covering the audit period.'
    ])
  })

  it('is not applicable when scoped out, or when every control mapped to it does not apply (with their reasons)', () => {
    expect(result([control()], { applicable: false, scopingReason: 'No wireless networks.' })).toEqual({
      result: 'not-applicable',
      reasons: ['No wireless networks.']
    })
    expect(
      result([control({ id: 'DAT-08', status: 'not-applicable', notApplicableReason: 'No card data on paper.' })])
    ).toEqual({
      result: 'not-applicable',
      reasons: ['DAT-08 is not applicable: No card data on paper.']
    })
    // A control that does not apply beside one that does: the one that does decides.
    expect(
      result([control({ id: 'DAT-08', status: 'not-applicable' }), control({ id: 'DAT-09', status: 'planned' })]).result
    ).toBe('not-in-place')
  })

  it('follows HIPAA addressable decisions', () => {
    const addressable = { specification: 'Addressable' as const }
    expect(
      result([control({ status: 'planned' })], {
        ...addressable,
        decision: { decision: 'not-reasonable', rationale: 'No ePHI at rest.' }
      })
    ).toEqual({
      result: 'not-applicable',
      reasons: ['Addressable specification documented as not reasonable and appropriate: No ePHI at rest.']
    })
    const alternative = result([control()], {
      ...addressable,
      decision: { decision: 'alternative', rationale: 'Tokenisation.' }
    })
    expect(alternative.result).toBe('in-place')
    expect(alternative.reasons).toContain(
      'Addressable specification met by an equivalent alternative measure: Tokenisation.'
    )
  })

  it('makes a failed automated test of a customer control not in place, and names a passed one', () => {
    const check = {
      source: 'Security Hub',
      checkedAt: '2026-11-20T10:00:00Z',
      passed: 40,
      failed: 12,
      evidenceId: 'EV-0101'
    }
    expect(requirementResult({ requirement: applicable, controls: [control()], checks: [check], period })).toEqual({
      result: 'not-in-place',
      reasons: ['Automated test failed: Security Hub, 2026-11-20: 12 failed, 40 passed.']
    })
    const passed = requirementResult({
      requirement: applicable,
      controls: [control()],
      checks: [{ ...check, failed: 0 }],
      period
    })
    expect(passed.result).toBe('in-place')
    // AWS's own controls are not failed by the customer's findings.
    const inherited = requirementResult({
      requirement: applicable,
      controls: [control({ responsibility: 'aws', reports: [{ series: 'SOC 2', ...period }] })],
      checks: [check],
      period
    })
    expect(inherited.result).toBe('in-place')
  })

  it('names the stretches AWS reports leave uncovered without changing the result', () => {
    const inherited = control({
      id: 'PHY-01',
      responsibility: 'aws',
      reports: [
        { series: 'SOC 2', start: '2026-05-01', end: '2026-10-31' },
        { series: 'PCI DSS Attestation of Compliance', start: '2025-09-01', end: '2026-12-31' }
      ]
    })
    const outcome = result([inherited])
    expect(outcome.result).toBe('in-place')
    expect(outcome.reasons).toContain(
      'AWS SOC 2 reports for PHY-01 leave 2026-01-01 to 2026-04-30 and 2026-11-01 to 2026-12-31 uncovered: a bridge letter is needed.'
    )
    expect(outcome.reasons.some((reason) => reason.includes('Attestation of Compliance'))).toBe(false)
  })
})

describe('the facts the rule is made of', () => {
  it('finds what no span covers, including between spans', () => {
    expect(
      uncoveredStretches(period, [
        { start: '2025-06-01', end: '2026-02-28' },
        { start: '2026-04-01', end: '2026-06-30' },
        { start: '2026-06-15', end: '2026-07-31' }
      ])
    ).toEqual([
      { start: '2026-03-01', end: '2026-03-31' },
      { start: '2026-08-01', end: '2026-12-31' }
    ])
    expect(uncoveredStretches(period, [{ start: '2025-01-01', end: '2027-01-01' }])).toEqual([])
    expect(uncoveredStretches(period, [])).toEqual([period])
  })

  it('judges evidence in force: dated in the period and not expired on the day it is judged', () => {
    const item = { effectiveDate: '2026-03-01', periodStart: null, periodEnd: null, reviewBy: '2026-09-30' }
    expect(datedIn(item, period)).toBe(true)
    expect(inForce(item, period, '2026-09-30')).toBe(true)
    expect(inForce(item, period, '2026-10-01')).toBe(false)
    expect(datedIn({ ...item, effectiveDate: '2025-12-31' }, period)).toBe(false)
    expect(
      datedIn(
        { effectiveDate: '2025-06-01', periodStart: '2025-06-01', periodEnd: '2026-01-01', reviewBy: null },
        period
      )
    ).toBe(true)
    expect(freshnessOf('2026-10-15', '2026-10-01', 30)).toBe('expiring')
    expect(freshnessOf('2026-09-30', '2026-10-01', 30)).toBe('expired')
    expect(freshnessOf(null, '2026-10-01', 30)).toBe('fresh')
  })

  it('tells report series apart: SOC reports and attestations cover a period, certificates do not', () => {
    expect(reportSeries('SOC 2 Type 2 report', 'AWS SOC 2')).toBe('SOC 2')
    expect(reportSeries(null, 'Amazon Web Services SOC 1 Type 2 Report')).toBe('SOC 1')
    expect(reportSeries('PCI DSS Attestation of Compliance', 'AOC')).toBe('PCI DSS Attestation of Compliance')
    expect(reportSeries('ISO/IEC 27001 certificate', 'Certificate of Registration')).toBeNull()
    expect(reportSeries('PCI DSS Responsibility Summary', 'AWS PCI DSS Responsibility Summary')).toBeNull()
    expect(reportSeries(null, 'C5 attestation report')).toBe('AWS report')
  })

  it('states coverage as in place out of applicable, and who secures a requirement', () => {
    const counts = { 'in-place': 3, 'not-in-place': 2, 'not-tested': 1, 'not-applicable': 4 }
    expect(coverageOf(counts)).toBe(0.5)
    expect(describeCoverage(counts)).toBe('3 of 6 applicable requirements in place')
    expect(coverageOf({ 'in-place': 0, 'not-in-place': 0, 'not-tested': 0, 'not-applicable': 2 })).toBe(0)
    expect(requirementResponsibility([control({ responsibility: 'aws' })])).toBe('aws')
    expect(requirementResponsibility([control({ responsibility: 'aws' }), control()])).toBe('shared')
    expect(requirementResponsibility([control({ status: 'not-applicable' })])).toBeNull()
  })
})
