import { describe, expect, it } from 'vitest'
import { parseDate, readReportDetails } from './report-details'

describe('readReportDetails', () => {
  it('reads a SOC 2 report: type, period, issuer', () => {
    const text = `Amazon Web Services
      System and Organization Controls (SOC) 2 Type 2 Report
      Independent Service Auditor's Report ... for the period October 1, 2025 to March 31, 2026
      Ernst & Young LLP`
    expect(readReportDetails(text)).toMatchObject({
      reportType: 'SOC 2 Type 2 report',
      kind: 'artifact-report',
      periodStart: '2025-10-01',
      periodEnd: '2026-03-31',
      effectiveDate: '2026-03-31',
      issuer: 'Ernst & Young LLP'
    })
  })

  it('reads a PCI DSS Attestation of Compliance with day-first dates', () => {
    const details = readReportDetails(
      'PCI DSS v4.0.1 Attestation of Compliance for the period from 1 April 2025 through 31 March 2026. Coalfire Controls LLC'
    )
    expect(details).toMatchObject({
      reportType: 'PCI DSS Attestation of Compliance',
      periodStart: '2025-04-01',
      periodEnd: '2026-03-31',
      issuer: 'Coalfire Controls LLC'
    })
  })

  it('reads a certificate by its issue and expiry dates', () => {
    const details = readReportDetails(
      'Certificate ISO/IEC 27001:2022 ... Issue date: 2025-11-15 ... Expiration date: 2028-11-14 EY CertifyPoint'
    )
    expect(details).toMatchObject({
      reportType: 'ISO/IEC 27001 certificate',
      periodStart: '2025-11-15',
      periodEnd: '2028-11-14',
      expires: '2028-11-14',
      effectiveDate: '2025-11-15'
    })
  })

  it('recognises agreements as agreements', () => {
    expect(readReportDetails('AWS Business Associate Addendum')).toMatchObject({ kind: 'agreement' })
  })

  it('offers nothing it cannot read', () => {
    expect(readReportDetails('Quarterly access review minutes')).not.toHaveProperty('reportType')
    expect(readReportDetails('for the period March 31, 2026 to October 1, 2025')).not.toHaveProperty('periodStart')
  })
})

describe('parseDate', () => {
  it.each([
    ['October 1, 2025', '2025-10-01'],
    ['1 October 2025', '2025-10-01'],
    ['Sept. 30, 2025', '2025-09-30'],
    ['2025-02-28', '2025-02-28'],
    ['2025-02-30', undefined],
    ['Smarch 3, 2025', undefined]
  ])('%s', (text, expected) => {
    expect(parseDate(text)).toBe(expected)
  })
})

describe('issuers', () => {
  it('reads the issuer a report names, known or not', () => {
    expect(readReportDetails('SOC 2 Type 2 ... Service auditor: Example Assurance LLP').issuer).toBe(
      'Example Assurance LLP'
    )
    expect(readReportDetails('Certification body: Example Certification GmbH').issuer).toBe(
      'Example Certification GmbH'
    )
  })
})
