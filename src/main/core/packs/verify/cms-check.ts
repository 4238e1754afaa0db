import { createHash } from 'node:crypto'
import type { PackVerification } from '../../../../shared/types'
import { checkDetachedCms } from '../signature/cms'
import { cmsSignatureUpdate } from '../signature/pdf-cms-update'
import { truncatedSource, type ByteSource } from '../signature/xref-reader'
import type { PdfManifestRead } from './manifest-check'
import { readRange } from './pdf-structure'

/** Rebuilds the standard signature's update, compares it but for /Contents, and checks the CMS signature. */
export async function checkCmsRevision(
  source: ByteSource,
  start: number,
  end: number,
  manifest: PdfManifestRead
): Promise<{ summary: PackVerification['pdfSignature']; problem?: string }> {
  const rebuilt = await cmsSignatureUpdate(truncatedSource(source, start), {
    date: new Date(manifest.pack.generatedAt),
    signerName: manifest.pack.organisation
  }).catch(() => null)
  if (!rebuilt || start + rebuilt.bytes.length !== end) {
    return { summary: null, problem: 'The standard PDF signature’s section was changed.' }
  }
  const actual = await source.read(start, end - start)
  const from = rebuilt.contentsStart - start
  const to = rebuilt.contentsEnd - start
  const sameAround =
    actual.subarray(0, from + 1).equals(rebuilt.bytes.subarray(0, from + 1)) &&
    actual.subarray(to - 1).equals(rebuilt.bytes.subarray(to - 1))
  const hex = actual.subarray(from + 1, to - 1).toString('latin1')
  if (!sameAround || !/^[0-9A-Fa-f]*$/.test(hex)) {
    return { summary: null, problem: 'The standard PDF signature’s section was changed.' }
  }
  const hash = createHash('sha256')
  for await (const chunk of readRange(source, 0, rebuilt.contentsStart)) hash.update(chunk)
  for await (const chunk of readRange(source, rebuilt.contentsEnd, end - rebuilt.contentsEnd)) hash.update(chunk)
  const der = derOf(Buffer.from(hex, 'hex'))
  const check = checkDetachedCms(der, hash.digest())
  const summary = {
    valid: check.valid,
    signer: (check.signer ?? '').replace(/\n/g, ', '),
    certificateSha256: check.certificateSha256 ?? '',
    coversWholeFile: end === source.size
  }
  if (!check.valid)
    return { summary, problem: `The standard PDF signature does not hold: ${check.problem ?? 'unknown reason'}.` }
  if (check.certificateSha256 !== manifest.signing.pdfCertificateSha256) {
    return {
      summary: { ...summary, valid: false },
      problem: 'The standard PDF signature was made with another certificate than the manifest names.'
    }
  }
  return { summary }
}

/** The DER structure at the start of zero-padded /Contents. */
function derOf(padded: Buffer): Buffer {
  if (padded.length < 2 || padded[0] !== 0x30) return padded
  const first = padded[1]!
  if (first < 0x80) return padded.subarray(0, 2 + first)
  const count = first & 0x7f
  let length = 0
  for (let index = 0; index < count; index++) length = length * 256 + (padded[2 + index] ?? 0)
  return padded.subarray(0, Math.min(padded.length, 2 + count + length))
}
