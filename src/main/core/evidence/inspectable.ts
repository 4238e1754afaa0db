import type { EvidenceInspection } from './inspect-evidence'

/**
 * PDFs above this size are stored but not opened for inspection (a PDF is read whole). Exports are
 * read streaming whatever their size; their limit is on the work done (exports/summarise-export.ts).
 */
export const MAX_INSPECTED_BYTES = 64 * 1024 * 1024

const TEXT_EXPORTS = new Set(['application/json', 'text/csv', 'text/plain', 'application/gzip'])

export function isTextExport(mediaType: string): boolean {
  return TEXT_EXPORTS.has(mediaType)
}

/** Only PDFs and text exports have anything to read; everything else is stored as it is. */
export function isInspectable(mediaType: string): boolean {
  return mediaType === 'application/pdf' || isTextExport(mediaType)
}

/** Only a PDF is too large to open: exports are streamed. */
export function exceedsInspectionLimit(mediaType: string, size: number): boolean {
  return mediaType === 'application/pdf' && size > MAX_INSPECTED_BYTES
}

export function tooLargeToInspect(): EvidenceInspection {
  return {
    metadata: { notes: ['The file is too large to inspect (over 64 MB); it was stored as it is.'] },
    attachments: []
  }
}
