import type { EvidenceInspection } from './inspect-evidence'

/** Files above this size are stored but not opened for inspection, keeping memory use bounded. */
export const MAX_INSPECTED_BYTES = 64 * 1024 * 1024

const TEXT_EXPORTS = new Set(['application/json', 'text/csv', 'text/plain'])

export function isTextExport(mediaType: string): boolean {
  return TEXT_EXPORTS.has(mediaType)
}

/** Only PDFs and text exports have anything to read; everything else is stored as it is. */
export function isInspectable(mediaType: string): boolean {
  return mediaType === 'application/pdf' || isTextExport(mediaType)
}

export function tooLargeToInspect(): EvidenceInspection {
  return {
    metadata: { notes: ['The file is too large to inspect (over 64 MB); it was stored as it is.'] },
    attachments: []
  }
}
