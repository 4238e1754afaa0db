import { readFile } from 'node:fs/promises'
import type { EvidenceKind } from '../../../shared/domain'
import type { EvidenceMetadata } from '../../../shared/types'
import type { RequirementResult } from './exports/export-parser'
import { exceedsInspectionLimit, isInspectable, tooLargeToInspect } from './inspectable'
import { detectMediaType } from './media-type'
import { inspectPdf } from './pdf/inspect-pdf'
import { pdfText } from './pdf/pdf-text'
import { readReportDetails } from './pdf/report-details'
import { assertPdfStreamsWithinLimits } from './pdf/stream-limits'
import { LimitExceeded } from '../util/limits'

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
  /** Automated results per requirement reference an export's findings cite (stored per requirement on import). */
  requirementResults?: RequirementResult[]
}

/**
 * Reads what can be read offline from a stored file: an AWS Artifact wrapper's embedded reports
 * and what they say about themselves, or an AWS service export's summary. Runs in a worker thread.
 */
export async function inspectEvidence(input: {
  path: string
  name?: string
  mediaType: string
  size: number
}): Promise<EvidenceInspection> {
  if (!isInspectable(input.mediaType)) return { metadata: {}, attachments: [] }
  if (exceedsInspectionLimit(input.mediaType, input.size)) return tooLargeToInspect()
  if (input.mediaType === 'application/pdf') {
    try {
      return await inspectPdfEvidence(await readFile(input.path))
    } catch (error) {
      if (!(error instanceof LimitExceeded)) throw error
      return {
        metadata: {
          notes: [`The file was stored as it is and nothing was extracted from it: ${error.message}.`],
          inspectionRefused: error.limit
        },
        attachments: []
      }
    }
  }
  return inspectExport(input.path, input.name ?? '', input.mediaType)
}

/** An AWS export, read streaming (gzip and UTF-16 included); JSON or CSV that no parser claims gets a note. */
async function inspectExport(path: string, name: string, mediaType: string): Promise<EvidenceInspection> {
  // Loaded when first needed, so that inspecting a PDF never loads the export parsers.
  const { summariseExport } = await import('./exports/summarise-export')
  const reading = await summariseExport(path, name)
  const recognised = reading.recognised
  // Plain text that merely has a comma is not an export someone expected us to read.
  const noteUnrecognised = mediaType !== 'text/plain' && reading.structured
  const notes = recognised || noteUnrecognised ? reading.notes : []
  const metadata: EvidenceMetadata = {
    ...(recognised ? { exportSummary: recognised.summary } : {}),
    ...(notes.length ? { notes } : {})
  }
  return recognised
    ? {
        metadata,
        kind: recognised.kind,
        attachments: [],
        ...(recognised.requirementResults ? { requirementResults: recognised.requirementResults } : {})
      }
    : { metadata, attachments: [] }
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
  // Every stream is checked against the ceilings before pdf-lib or pdf.js decodes any of them.
  assertPdfStreamsWithinLimits(Buffer.from(content.buffer, content.byteOffset, content.byteLength))
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
