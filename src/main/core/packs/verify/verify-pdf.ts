import { open as openFile } from 'node:fs/promises'
import type { PackVerification } from '../../../../shared/types'
import { inspectPdf } from '../../evidence/pdf/inspect-pdf'
import { assertPdfStreamsWithinLimits } from '../../evidence/pdf/stream-limits'
import { LimitExceeded, LIMITS } from '../../util/limits'
import { sha256 } from '../signature/manifest'
import { MANIFEST_FILE, PUBLIC_KEY_FILE, SIGNATURE_FILE, signatureUpdate } from '../signature/pdf-signature'
import { bufferSource, fileHandleSource, truncatedSource, XrefReader, type ByteSource } from '../signature/xref-reader'
import { ANNOTATIONS, describeAppendedChanges } from './appended-changes'
import { checkCmsRevision } from './cms-check'
import {
  checkSignature,
  compareAttachments,
  failed,
  parseManifest,
  pdfManifestSchema,
  refused,
  SIGNATURE_PART_BYTES,
  outcome,
  summaryOf,
  type Problem
} from './manifest-check'
import { embeddedFiles, readRevisions, readStream, sha256Range, type Revision } from './pdf-structure'

/** The signed revision of a pack's PDF as written: body, manifest update, standard signature. */
async function verifyStructuredPdf(source: ByteSource, revisions: Revision[]): Promise<PackVerification | null> {
  // The manifest's revision: the first whose attachments include it.
  let manifestIndex = -1
  let parts: { manifest: Buffer; signature: string; publicKey: string } | null = null
  for (const [index, revision] of revisions.entries()) {
    const files = await embeddedFiles(await XrefReader.open(truncatedSource(source, revision.end)))
    const byName = new Map(files.map((file) => [file.name, file.stream]))
    if (!byName.has(MANIFEST_FILE)) continue
    manifestIndex = index
    const read = async (name: string): Promise<Buffer | null> => {
      const stream = byName.get(name)
      if (!stream) return null
      const part = await readStream(source, stream, {
        ceiling: SIGNATURE_PART_BYTES,
        limit: 'zipSmallMember',
        what: `The attached ${name}`,
        keep: true
      }).catch((error: unknown) => {
        if (error instanceof LimitExceeded) throw error
        return null
      })
      return part?.bytes ?? null
    }
    const manifest = await read(MANIFEST_FILE)
    const signature = await read(SIGNATURE_FILE)
    const publicKey = await read(PUBLIC_KEY_FILE)
    if (manifest && signature && publicKey) {
      parts = { manifest, signature: signature.toString('utf8'), publicKey: publicKey.toString('utf8') }
    }
    break
  }
  if (manifestIndex < 0 || !parts) {
    return failed(
      'pdf',
      'signature',
      'This PDF carries no Evidence Desk signature: its manifest, signature or key is not attached.'
    )
  }
  const manifest = parseManifest(pdfManifestSchema, parts.manifest)
  if (!manifest) return failed('pdf', 'manifest', 'The attached manifest cannot be read as an Evidence Desk manifest.')
  const problems: Problem[] = []
  const fingerprint = checkSignature(
    parts.manifest,
    parts.signature,
    parts.publicKey,
    manifest.signing.publicKeyFingerprint,
    problems
  )
  const manifestEnd = revisions[manifestIndex]!.end
  const { bodyLength, bodySha256 } = manifest.pdf

  // The body as signed, then the manifest's update rebuilt from it and compared byte for byte.
  const bodyIntact = bodyLength <= source.size && (await sha256Range(source, 0, bodyLength)) === bodySha256
  if (!bodyIntact) {
    problems.push({
      kind: 'changed',
      item: 'document',
      detail: 'The PDF as signed (its pages, text or attached files) was changed after signing.'
    })
  } else {
    const expected = await signatureUpdate(truncatedSource(source, bodyLength), {
      manifest: parts.manifest,
      signature: parts.signature,
      publicKeyPem: parts.publicKey,
      date: new Date(manifest.pack.generatedAt)
    }).catch(() => null)
    const actual = manifestEnd - bodyLength === expected?.length ? await source.read(bodyLength, expected.length) : null
    if (!expected || !actual || !actual.equals(expected)) {
      problems.push({
        kind: 'changed',
        item: 'signature section',
        detail: 'The part of the PDF after the signed content was changed.'
      })
    }
  }

  // Every attached evidence file against the manifest, read from the body's own structure.
  const found = new Map<string, { sha256: string; size: number } | { error: string }>()
  const sizes = new Map(manifest.evidence.map((entry) => [entry.name, entry.size]))
  try {
    const body = await XrefReader.open(truncatedSource(source, bodyLength))
    for (const file of await embeddedFiles(body)) {
      if (!file.stream) {
        found.set(file.name, { error: 'it is listed but not contained' })
        continue
      }
      const expected = sizes.get(file.name)
      const read = await readStream(source, file.stream, {
        ceiling: expected ?? LIMITS.zipSmallMember.value,
        limit: expected === undefined ? 'zipSmallMember' : 'pdfStreamBytes',
        what: `The attached ${file.name}`
      }).catch((error: unknown) =>
        error instanceof LimitExceeded && expected !== undefined
          ? { sha256: 'larger than signed', size: expected + 1 }
          : error instanceof LimitExceeded
            ? { sha256: 'too large to read', size: -1 }
            : { error: (error as Error).message }
      )
      found.set(file.name, read)
    }
  } catch (error) {
    if (error instanceof LimitExceeded) throw error
    problems.push({ kind: 'changed', item: 'document', detail: 'The list of attached files can no longer be read.' })
  }
  compareAttachments(manifest, found, problems)

  // The standard PDF signature, appended after the manifest's update, over everything before it.
  let signedEnd = manifestEnd
  let pdfSignature: PackVerification['pdfSignature'] = null
  const certificate = manifest.signing.pdfCertificateSha256
  const cmsRevision = revisions[manifestIndex + 1]
  if (certificate && !cmsRevision) {
    problems.push({
      kind: 'signature',
      item: 'PDF signature',
      detail: 'The standard PDF signature the manifest names was removed.'
    })
  } else if (certificate && cmsRevision) {
    signedEnd = cmsRevision.end
    const checked = await checkCmsRevision(source, manifestEnd, cmsRevision.end, manifest)
    pdfSignature = checked.summary
    if (checked.problem) problems.push({ kind: 'signature', item: 'PDF signature', detail: checked.problem })
  }

  // Anything saved after signing: an auditor's annotations are named, anything else is a change.
  let appendedAfterSigning: PackVerification['appendedAfterSigning'] = null
  if (source.size > signedEnd) {
    const signed = await XrefReader.open(truncatedSource(source, signedEnd)).catch(() => null)
    const changes = signed ? await describeAppendedChanges(source, signedEnd, signed) : ['other objects']
    appendedAfterSigning = { bytes: source.size - signedEnd, changes }
    if (changes.length === 0) {
      problems.push({
        kind: 'added',
        item: 'document',
        detail: `${source.size - signedEnd} bytes were added after the signature.`
      })
    } else if (changes.some((change) => change !== ANNOTATIONS)) {
      problems.push({
        kind: 'added',
        item: 'document',
        detail: `Changes were saved after signing: ${changes.join(', ')}. The signature does not cover them.`
      })
    }
  }
  return outcome('pdf', manifest.pack, fingerprint, manifest.evidence.length + 2, problems, {
    pdfSignature,
    appendedAfterSigning
  })
}

/**
 * A PDF whose revisions cannot be followed (rewritten by another program, damaged): read whole,
 * within limits, to say what differs from its manifest.
 */
async function verifyWholePdf(source: ByteSource): Promise<PackVerification> {
  if (source.size > LIMITS.pdfReadWhole.value) {
    return refused('pdf', new LimitExceeded('pdfReadWhole', 'The PDF, whose structure cannot be followed,'))
  }
  const bytes = await source.read(0, source.size)
  assertPdfStreamsWithinLimits(bytes)
  const inspection = await inspectPdf(bytes)
  if (!inspection.readable) return failed('pdf', 'document', 'This file is not a readable PDF.')
  const attachments = new Map(
    inspection.attachments.map((attachment) => [attachment.name, Buffer.from(attachment.bytes)])
  )
  const manifestData = attachments.get(MANIFEST_FILE)
  const signature = attachments.get(SIGNATURE_FILE)?.toString('utf8')
  const publicKey = attachments.get(PUBLIC_KEY_FILE)?.toString('utf8')
  if (!manifestData || !signature || !publicKey) {
    return failed(
      'pdf',
      'signature',
      'This PDF carries no Evidence Desk signature: its manifest, signature or key is not attached.'
    )
  }
  const manifest = parseManifest(pdfManifestSchema, manifestData)
  if (!manifest) return failed('pdf', 'manifest', 'The attached manifest cannot be read as an Evidence Desk manifest.')
  const problems: Problem[] = []
  const fingerprint = checkSignature(
    manifestData,
    signature,
    publicKey,
    manifest.signing.publicKeyFingerprint,
    problems
  )
  problems.push({
    kind: 'changed',
    item: 'document',
    detail: 'The PDF as signed (its pages, text or attached files) was changed after signing.'
  })
  const found = new Map<string, { sha256: string; size: number } | { error: string }>()
  for (const [name, content] of attachments) found.set(name, { sha256: sha256(content), size: content.length })
  for (const name of inspection.unreadableAttachments) found.set(name, { error: 'it cannot be decoded' })
  compareAttachments(manifest, found, problems)
  return {
    ok: false,
    kind: 'pdf',
    pack: summaryOf(manifest.pack),
    keyFingerprint: fingerprint,
    checked: manifest.evidence.length + 2,
    problems,
    intact: false,
    pdfSignature: null,
    appendedAfterSigning: null
  }
}

/**
 * Verifies a pack's PDF: the manifest's Ed25519 signature, the SHA-256 of the document as signed,
 * that the manifest's update and the standard PDF signature that follow it are exactly as written
 * (rebuilt and compared byte for byte), the CMS signature over the whole file, every attached
 * evidence file against the manifest (streamed, each stopped at its signed size), and what was
 * saved after signing. Names exactly what differs.
 */
export async function verifyPackPdfSource(source: ByteSource): Promise<PackVerification> {
  try {
    const structure = await readRevisions(source).catch(() => null)
    if (structure) {
      const result = await verifyStructuredPdf(source, structure.revisions).catch((error: unknown) => {
        if (error instanceof LimitExceeded) throw error
        return null
      })
      if (result) return result
    }
    return await verifyWholePdf(source)
  } catch (error) {
    if (error instanceof LimitExceeded) return refused('pdf', error)
    throw error
  }
}

/** Verifies a pack's PDF held in memory. */
export const verifyPackPdf = (bytes: Buffer): Promise<PackVerification> => verifyPackPdfSource(bufferSource(bytes))

export async function verifyPdfFile(path: string): Promise<PackVerification> {
  const handle = await openFile(path, 'r')
  try {
    return await verifyPackPdfSource(fileHandleSource(handle, (await handle.stat()).size))
  } finally {
    await handle.close()
  }
}

/** The evidence a signed pack.pdf lists, by id (its manifest, read again from the copy). */
export async function innerManifestEvidence(
  path: string
): Promise<Map<string, { sha256: string; size: number; requirements?: string[] }>> {
  const handle = await openFile(path, 'r')
  try {
    const source = fileHandleSource(handle, (await handle.stat()).size)
    const structure = await readRevisions(source)
    for (const revision of structure?.revisions ?? []) {
      const files = await embeddedFiles(await XrefReader.open(truncatedSource(source, revision.end)))
      const stream = files.find((file) => file.name === MANIFEST_FILE)?.stream
      if (!stream) continue
      const read = await readStream(source, stream, {
        ceiling: SIGNATURE_PART_BYTES,
        limit: 'zipSmallMember',
        what: MANIFEST_FILE,
        keep: true
      })
      const manifest = parseManifest(pdfManifestSchema, read.bytes!)
      return new Map((manifest?.evidence ?? []).map((entry) => [entry.id, entry]))
    }
  } catch (error) {
    if (error instanceof LimitExceeded) throw error
  } finally {
    await handle.close()
  }
  return new Map()
}
