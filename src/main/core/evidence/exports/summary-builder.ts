import type { ExportSummary } from '../../../../shared/types'

/** Collects what a summary says: counts by a label, the accounts seen, the dates covered. */
export class SummaryBuilder {
  private readonly counts = new Map<string, number>()
  private readonly accounts = new Set<string>()
  private from: string | undefined
  private to: string | undefined
  records = 0
  readonly highlights: string[] = []

  constructor(
    private readonly format: string,
    private readonly label: string,
    private readonly service: string
  ) {}

  count(label: string, by = 1): this {
    this.counts.set(label, (this.counts.get(label) ?? 0) + by)
    return this
  }

  account(value: unknown): this {
    if (typeof value === 'string' && /^\d{12}$/.test(value)) this.accounts.add(value)
    return this
  }

  /** The account inside an ARN (arn:aws:service:region:ACCOUNT:resource). */
  accountOfArn(arn: unknown): this {
    if (typeof arn === 'string') this.account(arn.split(':')[4])
    return this
  }

  date(value: unknown): this {
    if (typeof value !== 'string' && typeof value !== 'number') return this
    const parsed = new Date(typeof value === 'number' && value < 1e11 ? value * 1000 : value)
    if (Number.isNaN(parsed.getTime()) || parsed.getUTCFullYear() < 2000) return this
    const day = parsed.toISOString().slice(0, 10)
    if (!this.from || day < this.from) this.from = day
    if (!this.to || day > this.to) this.to = day
    return this
  }

  build(): ExportSummary {
    return {
      format: this.format,
      label: this.label,
      service: this.service,
      records: this.records,
      counts: Object.fromEntries(this.counts),
      accounts: [...this.accounts].sort(),
      dateRange: this.from && this.to ? { from: this.from, to: this.to } : null,
      highlights: this.highlights
    }
  }
}
