/**
 * Which series of AWS assurance report an item belongs to, when it attests to a period: SOC 1, 2
 * and 3 reports cover the months examined (what falls outside them needs a bridge letter), a PCI
 * DSS Attestation of Compliance the year it was issued for. Certificates, responsibility
 * summaries and agreements state a validity, not a period examined: they cover no stretch (null).
 */
export function reportSeries(reportType: string | null, title: string): string | null {
  const name = `${reportType ?? ''} ${title}`
  const soc = /\bSOC\s*([123])\b/i.exec(name)
  if (soc) return `SOC ${soc[1]}`
  if (/attestation of compliance|\bAOC\b/i.test(name)) return 'PCI DSS Attestation of Compliance'
  if (/certificate|certification|responsibility summary|addendum|agreement|\bNDA\b/i.test(name)) return null
  return reportType?.trim() || 'AWS report'
}
