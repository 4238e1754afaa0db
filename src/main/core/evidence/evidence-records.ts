import type { EvidenceKind, EvidenceSource } from '../../../shared/domain'
import type { EvidenceImportOptions } from '../../../shared/schemas'
import type { DetectedDetails, EvidenceMetadata } from '../../../shared/types'
import { defaultReviewBy } from './freshness'

/** The stored fields of one evidence record. */
export interface EvidenceFields {
  title: string
  kind: EvidenceKind
  source: EvidenceSource
  sourceDetail: string
  effectiveDate: string | null
  periodStart: string | null
  periodEnd: string | null
  reviewBy: string | null
  notes: string
  accounts: string[]
}

interface Facts {
  name: string
  mediaType: string
  metadata: EvidenceMetadata
  /** A kind the content proves (an AWS export), as opposed to a suggestion read from text. */
  provenKind?: EvidenceKind
  /** The file is an AWS Artifact download (a PDF that carries the report as an attachment). */
  isWrapper: boolean
  today: string
}

/**
 * Works out a new record's fields: what the user said wins; then facts the content proves (an
 * export's own date range, an attachment-carrying PDF); details read from a report's text only
 * when the user asked for them to be applied. Unknown dates default to the import day.
 */
export function recordFields(options: EvidenceImportOptions, facts: Facts): EvidenceFields {
  const detected: DetectedDetails = options.acceptDetected ? (facts.metadata.detected ?? {}) : {}
  const summary = facts.metadata.exportSummary
  const kind: EvidenceKind =
    options.kind ??
    detected.kind ??
    facts.provenKind ??
    (facts.isWrapper ? 'artifact-report' : facts.mediaType.startsWith('image/') ? 'screenshot' : 'other')
  const source: EvidenceSource =
    // What the user did not say and the content does not prove stays unknown, never "internal".
    options.source ?? (summary ? 'aws-service' : kind === 'artifact-report' ? 'aws-artifact' : 'unknown')

  let periodStart = options.periodStart ?? detected.periodStart ?? summary?.dateRange?.from ?? null
  let periodEnd = options.periodEnd ?? detected.periodEnd ?? summary?.dateRange?.to ?? null
  if (periodStart && periodEnd && periodStart > periodEnd) {
    // A date the user gave and one read from the file disagree: keep only what the user said.
    periodStart = options.periodStart ?? null
    periodEnd = options.periodEnd ?? null
  }
  const effectiveDate = options.effectiveDate ?? detected.effectiveDate ?? periodEnd ?? facts.today
  return {
    title:
      options.title ??
      detected.title ??
      (summary ? summaryTitle(summary.label, summary.dateRange) : withoutExtension(facts.name)),
    kind,
    source,
    sourceDetail: options.sourceDetail ?? summary?.service ?? detected.issuer ?? '',
    effectiveDate,
    periodStart,
    periodEnd,
    reviewBy:
      options.reviewBy === undefined
        ? (detected.expires ?? defaultReviewBy(kind, periodEnd ?? effectiveDate))
        : options.reviewBy,
    notes: options.notes ?? '',
    accounts: options.accounts ?? summary?.accounts ?? []
  }
}

function summaryTitle(label: string, range: { from: string; to: string } | null | undefined): string {
  if (!range) return label
  return range.from === range.to ? `${label}, ${range.to}` : `${label}, ${range.from} to ${range.to}`
}

function withoutExtension(name: string): string {
  const dot = name.lastIndexOf('.')
  return (dot > 0 ? name.slice(0, dot) : name).slice(0, 200) || name.slice(0, 200)
}
