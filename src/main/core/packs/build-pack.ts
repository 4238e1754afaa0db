import { createPrivateKey, X509Certificate } from 'node:crypto'
import { open, rm } from 'node:fs/promises'
import { dirname } from 'node:path'
import { describeFsError } from '../util/fs-errors'
import { decodePackContent, type AttachedEvidence, type PackContent } from './pack-content'
import { writePackPdf } from './pdf/write-pack-pdf'
import { manifestBytes, manifestPack, PDF_MANIFEST_FORMAT, signManifest, type PdfManifest } from './signature/manifest'
import { buildDetachedCms } from './signature/cms-build'
import { cmsSignatureUpdate, withContents } from './signature/pdf-cms-update'
import { signatureUpdate } from './signature/pdf-signature'
import { fileHandleSource } from './signature/xref-reader'

export interface BuildPackInput {
  /**
   * The pack's content as the bytes of its JSON (encodePackContentInSteps), transferred to the worker
   * rather than copied; emptied once read, so only the parsed content stays in memory.
   */
  content: Uint8Array
  fontsDir: string
  /** Where the signed PDF is written (a temporary name the caller renames). */
  pdfPath: string
  /** Where the ZIP is written, when one is wanted. */
  zipPath: string | null
  /** Keep the PDF (false when only the ZIP was asked for: the PDF then only goes inside it). */
  keepPdf: boolean
  privateKeyPem: string
  /** The ECDSA P-256 key and self-signed certificate for the standard PDF signature. */
  pdfSigning: { privateKeyPem: string; certificatePem: string; certificateSha256: string }
}

export interface BuildPackOutput {
  pages: number
  pdf: { sha256: string; size: number }
  zip: { sha256: string; size: number } | null
  evidence: number
}

const MAX_REQUIREMENTS_LISTED = 20

/**
 * Lets go of what only the PDF's pages show (controls, requirements, open items, the audit-log
 * appendix's entries) once they are laid out: the files, the manifest and the ZIP need the pack,
 * its frameworks' names and the evidence alone, and a large pack's controls and requirements are
 * tens of MB kept to the end otherwise. The content is this worker's own, parsed from its bytes.
 */
function forgetPagesOnlyContent(content: PackContent): void {
  content.controls = {}
  content.openItems = []
  content.excluded = []
  content.additional = []
  content.audit.entries = []
  for (const framework of content.frameworks) {
    framework.requirements = []
    framework.groups = []
  }
}

/**
 * Each evidence file with only what attaching it and listing it in the manifest need, for a build
 * without a ZIP (whose evidence index needs the rest): a large pack's evidence is tens of MB
 * otherwise, kept while the files are attached and the PDF is signed.
 */
function attachedOnly(evidence: readonly AttachedEvidence[]): AttachedEvidence[] {
  return evidence.map(({ id, title, fileName, path, mediaType, size, sha256, requirements }) => ({
    id,
    title,
    fileName,
    path,
    mediaType,
    size,
    sha256,
    requirements:
      requirements.length > MAX_REQUIREMENTS_LISTED ? requirements.slice(0, MAX_REQUIREMENTS_LISTED) : requirements
  }))
}

const certificateDer = (pem: string): Buffer => Buffer.from(new X509Certificate(pem).raw)

/**
 * Builds a pack in the worker thread: the PDF, then its signature appended as an incremental
 * update (manifest, Ed25519 signature, public key), then the standard PDF signature (CMS, ECDSA
 * P-256) over everything before it, then the ZIP around it. Progress goes out
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
  const content: PackContent = decodePackContent(input.content)
  // The message holding the input lives as long as the task: its bytes are let go of now.
  input.content = new Uint8Array(0)
  let attached: readonly AttachedEvidence[] = content.evidence
  const written = await writePackPdf(content, {
    fontsDir: input.fontsDir,
    path: input.pdfPath,
    onProgress: (done, total) => progress(done, total * (input.zipPath ? 2 : 1)),
    onPagesWritten: () => {
      forgetPagesOnlyContent(content)
      if (!input.zipPath) {
        attached = attachedOnly(content.evidence)
        content.evidence = []
      }
      return attached
    }
  })
  const manifest: PdfManifest = {
    format: PDF_MANIFEST_FORMAT,
    pack: manifestPack(content),
    evidence: [
      ...attached.map((item) => ({
        id: item.id,
        name: item.fileName,
        size: item.size,
        sha256: item.sha256,
        mediaType: item.mediaType,
        requirements: item.requirements.slice(0, MAX_REQUIREMENTS_LISTED)
      })),
      ...written.extras
    ],
    pdf: { bodyLength: written.bodyLength, bodySha256: written.bodySha256 },
    signing: {
      algorithm: 'Ed25519',
      publicKeyFingerprint: content.signing.fingerprint,
      pdfCertificateSha256: input.pdfSigning.certificateSha256
    }
  }
  const bytes = manifestBytes(manifest)
  const evidence = attached.length
  // Signing needs only the manifest's bytes: its list of files goes (the ZIP reads the content's own).
  attached = []
  manifest.evidence = []
  // The updates are appended to the file as written; only the few objects they extend are read back.
  const file = await open(input.pdfPath, 'r+')
  let size = written.bodyLength
  try {
    const update = await signatureUpdate(fileHandleSource(file, size), {
      manifest: bytes,
      signature: signManifest(bytes, input.privateKeyPem),
      publicKeyPem: content.signing.publicKeyPem,
      date: new Date(content.pack.generatedAt)
    })
    await file.write(update, 0, update.length, size)
    written.hash.update(update)
    size += update.length
    // Then the standard signature over all of it, the manifest's update included.
    const cms = await cmsSignatureUpdate(fileHandleSource(file, size), {
      date: new Date(content.pack.generatedAt),
      signerName: content.pack.organisation
    })
    const covered = written.hash.copy()
    covered.update(cms.bytes.subarray(0, cms.contentsStart - size))
    covered.update(cms.bytes.subarray(cms.contentsEnd - size))
    const signed = withContents(
      cms,
      size,
      buildDetachedCms({
        contentSha256: covered.digest(),
        certificateDer: certificateDer(input.pdfSigning.certificatePem),
        privateKey: createPrivateKey(input.pdfSigning.privateKeyPem),
        signingTime: new Date(content.pack.generatedAt)
      })
    )
    await file.write(signed, 0, signed.length, size)
    written.hash.update(signed)
    size += signed.length
    await file.sync()
  } finally {
    await file.close()
  }
  const pdf = { sha256: written.hash.digest('hex'), size }

  let zip: BuildPackOutput['zip'] = null
  if (input.zipPath) {
    // The ZIP writer (and its archive library) loads only for exports that ask for a ZIP.
    const { writePackZip } = await import('./zip/write-pack-zip')
    zip = await writePackZip(content, {
      pdfPath: input.pdfPath,
      zipPath: input.zipPath,
      privateKeyPem: input.privateKeyPem,
      onProgress: (done, total) => progress(total + done, total * 2)
    })
    if (!input.keepPdf) await rm(input.pdfPath, { force: true })
  }
  return { pages: written.pages, pdf, zip, evidence }
}
