import { constants, inflateSync } from 'node:zlib'

const MiB = 1024 * 1024
const GiB = 1024 * MiB

/**
 * Ceilings on the work a file sent by someone else can cause. A small file can expand to
 * gigabytes (a ZIP or Flate "bomb"); each ceiling stops the work at once with a refusal that
 * names it, before memory or disk run out.
 */
export const LIMITS = {
  /** One decompressed stream of a PDF (an embedded file, an object stream, a page's content). */
  pdfStreamBytes: { value: 64 * MiB, label: '64 MB for one compressed stream of a PDF' },
  /** Every stream of one PDF, decompressed, added up. */
  pdfTotalBytes: { value: 256 * MiB, label: '256 MB for all the compressed streams of one PDF' },
  /** Streams in one PDF. */
  pdfStreams: { value: 200_000, label: '200,000 streams in one PDF' },
  /** A PDF read whole to say what differs when its structure cannot be followed. */
  pdfReadWhole: { value: 256 * MiB, label: '256 MB for a PDF whose structure has to be read whole' },
  /** Members of one ZIP. */
  zipEntries: { value: 50_000, label: '50,000 members in one ZIP' },
  /** One ZIP member that is not listed in the signed manifest, or is read into memory. */
  zipSmallMember: { value: 64 * MiB, label: '64 MB for a ZIP member that is not a listed evidence file' },
  /** The pack's own PDF inside a ZIP (copied out to be checked). */
  zipPackPdf: { value: 1 * GiB, label: '1 GB for the pack.pdf inside a ZIP' },
  /** One listed evidence member of a ZIP. */
  zipMemberBytes: { value: 8 * GiB, label: '8 GB for one member of a ZIP' },
  /** Every member of one ZIP, decompressed, added up. */
  zipTotalBytes: { value: 16 * GiB, label: '16 GB for all the members of one ZIP' },
  /** Depth of nested structures followed (page trees, name trees, attachments inside attachments). */
  depth: { value: 32, label: 'a depth of 32 nested levels' },
  /** The worker that reads files from others: its JavaScript heap. */
  workerHeapMb: { value: 512, label: '512 MB of memory for reading a file' }
} as const

export type LimitName = keyof typeof LIMITS

/** Work stopped at a ceiling: what was being read, and the limit it reached. */
export class LimitExceeded extends Error {
  constructor(
    readonly limit: LimitName,
    readonly what: string
  ) {
    super(`${what} goes beyond the limit of ${LIMITS[limit].label}`)
    this.name = 'LimitExceeded'
  }
}

/**
 * Inflates zlib data (a PDF's FlateDecode) with a ceiling on the bytes it expands to: zlib stops
 * as soon as the output passes it. Truncated data gives what could be inflated.
 */
export function inflateBounded(data: Uint8Array, ceiling: number, limit: LimitName, what: string): Buffer {
  try {
    return inflateSync(data, { maxOutputLength: Math.max(1, ceiling), finishFlush: constants.Z_SYNC_FLUSH })
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
      throw new LimitExceeded(limit, what)
    }
    throw error
  }
}
