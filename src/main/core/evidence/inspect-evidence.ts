import { readFile } from 'node:fs/promises'
import type { EvidenceKind } from '../../../shared/domain'
import type { EvidenceMetadata } from '../../../shared/types'
import { recogniseExport } from './exports/aws-exports'
import { isInspectable, MAX_INSPECTED_BYTES, tooLargeToInspect } from './inspectable'
import { detectMediaType } from './media-type'
import { inspectPdf } from './pdf/inspect-pdf'
import { pdfText } from './pdf/pdf-text'
import { readReportDetails } from './pdf/report-details'

export interface InspectedAttachment {
  name: string
  mediaType: string
  bytes: Uint8Array
  metadata: EvidenceMetadata
}

export interface EvidenceInspection {
  metadata: EvidenceMetadata
  /** A kind the content proves (an AWS export's shape); suggestions stay in metadata.detected. */
  kind?: EvidenceKind
  attachments: InspectedAttachment[]
}

/**
 * Reads what can be read offline from a stored file: an AWS Artifact wrapper's embedded reports
 * and what they say about themselves, or an AWS service export's summary. Runs in a worker thread.
 */
export async function inspectEvidence(input: {
  path: string
  mediaType: string
  size: number
}): Promise<EvidenceInspection> {
  if (!isInspectable(input.mediaType)) return { metadata: {}, attachments: [] }
  if (input.size > MAX_INSPECTED_BYTES) return tooLargeToInspect()
  const content = await readFile(input.path)
  if (input.mediaType === 'application/pdf') return inspectPdfEvidence(content)
  const recognised = await recogniseExport(content, input.mediaType)
  return recognised
    ? { metadata: { exportSummary: recognised.summary }, kind: recognised.kind, attachments: [] }
    : { metadata: {}, attachments: [] }
}

async function inspectPdfEvidence(content: Buffer): Promise<EvidenceInspection> {
  const { metadata, attachments } = await readPdf(content)
  const inspected: InspectedAttachment[] = []
  for (const attachment of attachments) {
    const mediaType = await detectMediaType(Buffer.from(attachment.bytes.subarray(0, 4100)), attachment.name)
    const nested = mediaType === 'application/pdf' ? (await readPdf(attachment.bytes)).metadata : {}
    inspected.push({ name: attachment.name, mediaType, bytes: attachment.bytes, metadata: nested })
  }
  // A wrapper speaks for the report it holds: what its own pages do not say is taken from the report.
  const inner = inspected.find((attachment) => attachment.metadata.detected?.reportType)?.metadata.detected
  if (inner) metadata.detected = { ...inner, ...metadata.detected }
  return { metadata, attachments: inspected }
}

async function readPdf(
  content: Uint8Array
): Promise<{ metadata: EvidenceMetadata; attachments: { name: string; bytes: Uint8Array }[] }> {
  const pdf = await inspectPdf(content)
  const metadata: EvidenceMetadata = {
    pdf: {
      ...(pdf.pages !== undefined ? { pages: pdf.pages } : {}),
      encrypted: pdf.encrypted,
      ...(pdf.info.title ? { title: pdf.info.title } : {}),
      ...(pdf.info.author ? { author: pdf.info.author } : {}),
      ...(pdf.info.producer ? { producer: pdf.info.producer } : {}),
      attachments: pdf.attachments.length
    }
  }
  if (pdf.problems.length) metadata.notes = pdf.problems
  if (pdf.readable && !pdf.encrypted) {
    const detected = readReportDetails(await pdfText(content), pdf.info.title)
    if (Object.keys(detected).length) metadata.detected = detected
  }
  return { metadata, attachments: pdf.attachments }
}
