import type { ExportSummary, FindingCounts, PostureCheck } from '../../../../shared/types'

export type Severity = keyof FindingCounts['bySeverity']
/** Where a finding stands: only open findings count by severity. */
export type FindingState = 'open' | 'passed' | 'suppressed' | 'resolved' | 'other'

const SEVERITY_LABELS: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  informational: 'Informational'
}

/** A severity as the services write it (CRITICAL, High, moderate, info...); undefined when unrated. */
export function severityOf(value: unknown): Severity | undefined {
  if (typeof value !== 'string') return undefined
  const word = value.trim().toLowerCase()
  if (word === 'critical') return 'critical'
  if (word === 'high') return 'high'
  if (word === 'medium' || word === 'moderate') return 'medium'
  if (word === 'low') return 'low'
  if (word === 'informational' || word === 'info') return 'informational'
  return undefined
}

/** Results per requirement reference, as the export cites them. */
export type RequirementTallies = Map<string, { passed: number; failed: number }>

/** Collects what a summary says: counts by a label, the accounts seen, the dates covered. */
export class SummaryBuilder {
  private readonly counts = new Map<string, number>()
  private readonly accounts = new Set<string>()
  private readonly regions = new Set<string>()
  private readonly requirements = new Set<string>()
  private from: string | undefined
  private to: string | undefined
  private findingCounts: FindingCounts | undefined
  private checkList: PostureCheck[] | undefined
  readonly requirementTallies: RequirementTallies = new Map()
  records = 0
  readonly highlights: string[] = []
  generatedAt: string | null | undefined
  partial = false

  constructor(
    readonly format: string,
    private readonly label: string,
    readonly service: string
  ) {}

  count(label: string, by = 1): this {
    this.counts.set(label, (this.counts.get(label) ?? 0) + by)
    return this
  }

  account(value: unknown): this {
    if (typeof value === 'string' && /^\d{12}$/.test(value)) this.accounts.add(value)
    return this
  }

  region(value: unknown): this {
    if (typeof value === 'string' && /^[a-z]{2}(-[a-z]+)+-\d$/.test(value)) this.regions.add(value)
    return this
  }

  /** The account and region inside an ARN (arn:aws:service:region:ACCOUNT:resource). */
  accountOfArn(arn: unknown): this {
    if (typeof arn !== 'string') return this
    const parts = arn.split(':')
    return this.account(parts[4]).region(parts[3])
  }

  date(value: unknown): this {
    const day = dayOf(value)
    if (!day) return this
    if (!this.from || day < this.from) this.from = day
    if (!this.to || day > this.to) this.to = day
    return this
  }

  /** A finding in its state; severity counts only when it is open. */
  finding(state: FindingState, severity: Severity | undefined): this {
    const counts = (this.findingCounts ??= {
      total: 0,
      open: 0,
      bySeverity: { critical: 0, high: 0, medium: 0, low: 0, informational: 0 },
      unrated: 0,
      passed: 0,
      suppressed: 0,
      resolved: 0
    })
    counts.total++
    if (state === 'open') {
      counts.open++
      if (severity) counts.bySeverity[severity]++
      else counts.unrated++
    } else if (state !== 'other') counts[state]++
    return this
  }

  /** The requirement references a finding cites, and whether it passed or failed them. */
  cites(references: Iterable<string>, result?: 'passed' | 'failed'): this {
    for (const reference of references) {
      this.requirements.add(reference)
      if (!result) continue
      const tally = this.requirementTallies.get(reference) ?? { passed: 0, failed: 0 }
      tally[result]++
      this.requirementTallies.set(reference, tally)
    }
    return this
  }

  check(id: string, title: string, passed: boolean, detail: string): this {
    ;(this.checkList ??= []).push({ id, title, result: passed ? 'pass' : 'fail', detail })
    return this
  }

  build(): ExportSummary {
    const counts = new Map(this.counts)
    const findings = this.findingCounts
    if (findings) {
      // The counts older records and the renderer read: open findings by severity, the rest apart.
      for (const [severity, label] of Object.entries(SEVERITY_LABELS)) {
        const open = findings.bySeverity[severity as Severity]
        if (open) counts.set(label, open)
      }
      if (findings.unrated) counts.set('Open', findings.unrated)
      for (const [key, label] of [
        ['passed', 'Passed'],
        ['suppressed', 'Suppressed'],
        ['resolved', 'Resolved']
      ] as const) {
        if (findings[key]) counts.set(label, findings[key])
      }
    }
    if (this.checkList) {
      const failed = this.checkList.filter((check) => check.result === 'fail').length
      counts.set('Checks failed', failed)
      counts.set('Checks passed', this.checkList.length - failed)
    }
    return {
      format: this.format,
      label: this.label,
      service: this.service,
      records: this.records,
      counts: Object.fromEntries(counts),
      accounts: [...this.accounts].sort(),
      dateRange: this.from && this.to ? { from: this.from, to: this.to } : null,
      highlights: this.highlights.slice(0, 20),
      ...(findings ? { findings } : {}),
      ...(this.checkList ? { checks: this.checkList } : {}),
      ...(this.requirements.size ? { requirements: [...this.requirements].sort(compareReferences).slice(0, 500) } : {}),
      regions: [...this.regions].sort(),
      generatedAt: this.generatedAt ?? null,
      ...(this.partial ? { partial: true } : {})
    }
  }
}

/** A date written as ISO 8601 text or as seconds (or milliseconds) since 1970, as the day it falls on. */
export function dayOf(value: unknown): string | undefined {
  return isoOf(value)?.slice(0, 10)
}

export function isoOf(value: unknown): string | undefined {
  let parsed: Date
  if (typeof value === 'number') parsed = new Date(value < 1e11 ? value * 1000 : value)
  else if (typeof value === 'string' && /^\d+(\.\d+)?(E\d+)?$/i.test(value.trim())) {
    const number = Number(value)
    parsed = new Date(number < 1e11 ? number * 1000 : number)
  } else if (typeof value === 'string' && /^\d{4}-\d\d-\d\d/.test(value.trim())) {
    parsed = new Date(value.trim().replace(' ', 'T'))
  } else return undefined
  if (Number.isNaN(parsed.getTime()) || parsed.getUTCFullYear() < 2000 || parsed.getUTCFullYear() > 2200)
    return undefined
  return parsed.toISOString()
}

/** Orders "PCI DSS v4.0.1/10.3.2" after "PCI DSS v4.0.1/2.2.1": numbers compare as numbers. */
function compareReferences(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true })
}
