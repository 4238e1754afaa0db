import { open, rm, type FileHandle } from 'node:fs/promises'
import { dirname } from 'node:path'
import { describeFsError } from '../util/fs-errors'
import type { PackContent } from './pack-content'
import { writePackPdf } from './pdf/write-pack-pdf'
import { manifestBytes, manifestPack, PDF_MANIFEST_FORMAT, signManifest, type PdfManifest } from './signature/manifest'
import { signatureUpdate } from './signature/pdf-signature'
import type { ByteSource } from './signature/xref-reader'
import { writePackZip } from './zip/write-pack-zip'

export interface BuildPackInput {
  content: PackContent
  fontsDir: string
  /** Where the signed PDF is written (a temporary name the caller renames). */
  pdfPath: string
  /** Where the ZIP is written, when one is wanted. */
  zipPath: string | null
  /** Keep the PDF (false when only the ZIP was asked for: the PDF then only goes inside it). */
  keepPdf: boolean
  privateKeyPem: string
}

export interface BuildPackOutput {
  pages: number
  pdf: { sha256: string; size: number }
  zip: { sha256: string; size: number } | null
  evidence: number
}

/** The first `size` bytes of an open file, read where asked. */
function fileSource(file: FileHandle, size: number): ByteSource {
  return {
    size,
    read: async (position, length) => {
      const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - position)))
      const { bytesRead } = await file.read(buffer, 0, buffer.length, position)
      return buffer.subarray(0, bytesRead)
    }
  }
}

/**
 * Builds a pack in the worker thread: the PDF, then its signature appended as an incremental
 * update (manifest, Ed25519 signature, public key), then the ZIP around it. Progress goes out
 * in two phases: pages and attachments, then the ZIP's bytes.
 */
export async function buildPack(
  input: BuildPackInput,
  progress: (done: number, total: number) => void
): Promise<BuildPackOutput> {
  try {
    return await writeSignedPack(input, progress)
  } catch (error) {
    // A full disk or a folder that went away mid-export: say so in words, about the folder chosen.
    throw describeFsError(error, dirname(input.zipPath ?? input.pdfPath), 'write the pack')
  }
}

async function writeSignedPack(
  input: BuildPackInput,
  progress: (done: number, total: number) => void
): Promise<BuildPackOutput> {
  const { content } = input
  const written = await writePackPdf(content, {
    fontsDir: input.fontsDir,
    path: input.pdfPath,
    onProgress: (done, total) => progress(done, total * (input.zipPath ? 2 : 1))
  })
  const manifest: PdfManifest = {
    format: PDF_MANIFEST_FORMAT,
    pack: manifestPack(content),
    evidence: [
      ...content.evidence.map((item) => ({
        id: item.id,
        name: item.fileName,
        size: item.size,
        sha256: item.sha256,
        mediaType: item.mediaType
      })),
      ...written.extras
    ],
    pdf: { bodyLength: written.bodyLength, bodySha256: written.bodySha256 },
    signing: { algorithm: 'Ed25519', publicKeyFingerprint: content.signing.fingerprint }
  }
  const bytes = manifestBytes(manifest)
  // The update is appended to the file as written; only the few objects it extends are read back.
  const file = await open(input.pdfPath, 'r+')
  let update: Buffer
  try {
    update = await signatureUpdate(fileSource(file, written.bodyLength), {
      manifest: bytes,
      signature: signManifest(bytes, input.privateKeyPem),
      publicKeyPem: content.signing.publicKeyPem,
      date: new Date(content.pack.generatedAt)
    })
    await file.write(update, 0, update.length, written.bodyLength)
    await file.sync()
  } finally {
    await file.close()
  }
  const pdf = { sha256: written.hash.update(update).digest('hex'), size: written.bodyLength + update.length }

  let zip: BuildPackOutput['zip'] = null
  if (input.zipPath) {
    zip = await writePackZip(content, {
      pdfPath: input.pdfPath,
      zipPath: input.zipPath,
      privateKeyPem: input.privateKeyPem,
      onProgress: (done, total) => progress(total + done, total * 2)
    })
    if (!input.keepPdf) await rm(input.pdfPath, { force: true })
  }
  return { pages: written.pages, pdf, zip, evidence: content.evidence.length }
}
