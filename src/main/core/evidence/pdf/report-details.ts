import type { DetectedDetails } from '../../../../shared/types'

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december'
]
const MONTH = `(?:${MONTHS.join('|')}|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\\.?`
const DATE = `(?:${MONTH}\\s+\\d{1,2},?\\s+\\d{4}|\\d{1,2}\\s+${MONTH},?\\s+\\d{4}|\\d{4}-\\d{2}-\\d{2})`

/** Report types an AWS Artifact download may hold, most specific first. */
const REPORT_TYPES: { pattern: RegExp; type: string; kind: DetectedDetails['kind'] }[] = [
  { pattern: /\bSOC\)?\s*1\b[\s\S]{0,80}?Type\s*(2|II)\b/i, type: 'SOC 1 Type 2 report', kind: 'artifact-report' },
  { pattern: /\bSOC\)?\s*2\b[\s\S]{0,80}?Type\s*(2|II)\b/i, type: 'SOC 2 Type 2 report', kind: 'artifact-report' },
  { pattern: /\bSOC\)?\s*2\b[\s\S]{0,80}?Type\s*(1|I)\b/i, type: 'SOC 2 Type 1 report', kind: 'artifact-report' },
  { pattern: /\bSOC\)?\s*3\b/i, type: 'SOC 3 report', kind: 'artifact-report' },
  { pattern: /\bSOC\)?\s*2\b/i, type: 'SOC 2 report', kind: 'artifact-report' },
  { pattern: /\bSOC\)?\s*1\b/i, type: 'SOC 1 report', kind: 'artifact-report' },
  { pattern: /Responsibility Summary/i, type: 'PCI DSS Responsibility Summary', kind: 'artifact-report' },
  { pattern: /Attestation of Compliance/i, type: 'PCI DSS Attestation of Compliance', kind: 'artifact-report' },
  { pattern: /ISO\/IEC\s*27018/i, type: 'ISO/IEC 27018 certificate', kind: 'artifact-report' },
  { pattern: /ISO\/IEC\s*27017/i, type: 'ISO/IEC 27017 certificate', kind: 'artifact-report' },
  { pattern: /ISO\/IEC\s*27001/i, type: 'ISO/IEC 27001 certificate', kind: 'artifact-report' },
  { pattern: /Business Associate (Addendum|Agreement)/i, type: 'HIPAA Business Associate Addendum', kind: 'agreement' },
  { pattern: /Data Processing (Addendum|Agreement)/i, type: 'GDPR Data Processing Addendum', kind: 'agreement' },
  { pattern: /Non-?Disclosure Agreement/i, type: 'Non-disclosure agreement', kind: 'agreement' }
]

/** Audit firms that commonly sign AWS's reports, matched as written. */
const ISSUERS = [
  'Ernst & Young LLP',
  'Coalfire Controls LLC',
  'Coalfire',
  'Schellman & Company, LLC',
  'Schellman',
  'EY CertifyPoint',
  'BSI Group',
  'Deloitte & Touche LLP',
  'KPMG LLP',
  'PricewaterhouseCoopers LLP',
  'A-LIGN'
]

/**
 * Reads what a report says about itself: its type, the period it covers, who issued it and the
 * date it speaks for. Heuristic by nature, so the result is offered to the user, never applied silently.
 */
export function readReportDetails(text: string, infoTitle?: string): DetectedDetails {
  const flat = text.replace(/\s+/g, ' ')
  const details: DetectedDetails = {}
  const match =
    REPORT_TYPES.find((candidate) => candidate.pattern.test(flat)) ??
    (infoTitle ? REPORT_TYPES.find((candidate) => candidate.pattern.test(infoTitle)) : undefined)
  if (match) {
    details.reportType = match.type
    details.kind = match.kind
  }
  const title = infoTitle?.trim() || flat.split(/(?<=[a-z])\s{2,}|\n/)[0]?.trim()
  if (title && title.length <= 200) details.title = title

  const period = new RegExp(
    `(?:period|from)\\s+(?:of\\s+)?(?<start>${DATE})\\s*(?:to|through|until|–|-)\\s*(?<end>${DATE})`,
    'i'
  ).exec(flat)
  const start = period?.groups?.start ? parseDate(period.groups.start) : undefined
  const end = period?.groups?.end ? parseDate(period.groups.end) : undefined
  if (start && end && start <= end) {
    details.periodStart = start
    details.periodEnd = end
  }
  if (!details.periodEnd) {
    const validUntil = new RegExp(`(?:valid until|expiration date|expires on|expiry date)[:\\s]+(${DATE})`, 'i').exec(
      flat
    )
    const issued = new RegExp(
      `(?:date of issue|issue date|issued on|effective date|certificate date)[:\\s]+(${DATE})`,
      'i'
    ).exec(flat)
    if (issued && validUntil) {
      const start = parseDate(issued[1]!)
      const end = parseDate(validUntil[1]!)
      if (start && end && start <= end) {
        details.periodStart = start
        details.periodEnd = end
        details.expires = end
      }
    }
  }
  const reportDate = new RegExp(`(?:report date|date of report|dated)[:\\s]+(${DATE})`, 'i').exec(flat)
  // A certificate speaks for the day it was issued; a report for the end of the period it covers.
  details.effectiveDate = details.expires
    ? details.periodStart
    : (details.periodEnd ?? (reportDate ? parseDate(reportDate[1]!) : undefined))
  if (!details.effectiveDate) delete details.effectiveDate

  const named =
    /(?:service auditor|independent auditor|qualified security assessor(?: company)?|certification body|assessor|issued by)[:\s]+([A-Z][\w&,.' -]{2,60}?(?:LLP|LLC|Inc\.|Ltd\.?|GmbH|B\.V\.))/i.exec(
      flat
    )
  const issuer = ISSUERS.find((name) => flat.includes(name)) ?? named?.[1]?.trim()
  if (issuer) details.issuer = issuer
  return details
}

/** A date as written in a report ("October 1, 2025", "1 October 2025", "2025-10-01") as YYYY-MM-DD. */
export function parseDate(text: string): string | undefined {
  const value = text.trim().replace(/,/g, '').toLowerCase()
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (iso) return validDate(Number(iso[1]), Number(iso[2]), Number(iso[3]))
  const monthFirst = /^([a-z]+)\.?\s+(\d{1,2})\s+(\d{4})$/.exec(value)
  const dayFirst = /^(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})$/.exec(value)
  const [monthName, day, year] = monthFirst
    ? [monthFirst[1]!, monthFirst[2]!, monthFirst[3]!]
    : dayFirst
      ? [dayFirst[2]!, dayFirst[1]!, dayFirst[3]!]
      : []
  if (!monthName) return undefined
  const month = MONTHS.findIndex((name) => name.startsWith(monthName.slice(0, 3))) + 1
  return month > 0 ? validDate(Number(year), month, Number(day)) : undefined
}

function validDate(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined
  return date.toISOString().slice(0, 10)
}
