import { open as openFile, readFile } from 'node:fs/promises'
import { z } from 'zod'
import type { PackVerification } from '../../../../shared/types'
import { inspectPdf } from '../../evidence/pdf/inspect-pdf'
import { PDF_MANIFEST_FORMAT, sha256, signatureHolds, ZIP_MANIFEST_FORMAT } from '../signature/manifest'
import {
  MANIFEST_FILE,
  PUBLIC_KEY_FILE,
  SIGNATURE_FILE,
  SIGNATURE_FILES,
  signatureUpdate
} from '../signature/pdf-signature'
import { bufferSource } from '../signature/xref-reader'
import { fingerprintOf } from '../signing-keys'
import { readZip } from './read-zip'
import { ZIP_CHECKSUMS, ZIP_MANIFEST, ZIP_PDF, ZIP_PUBLIC_KEY, ZIP_SIGNATURE } from '../zip/write-pack-zip'

type Problem = PackVerification['problems'][number]

const manifestPackSchema = z.object({
  name: z.string(),
  organisation: z.string(),
  frameworks: z.array(z.object({ id: z.string(), name: z.string(), version: z.string() })),
  periodStart: z.string(),
  periodEnd: z.string(),
  generatedAt: z.string()
})
const signingSchema = z.object({ algorithm: z.literal('Ed25519'), publicKeyFingerprint: z.string() })
const fileSchema = z.object({ size: z.number(), sha256: z.string() })

const pdfManifestSchema = z.object({
  format: z.literal(PDF_MANIFEST_FORMAT),
  pack: manifestPackSchema,
  evidence: z.array(fileSchema.extend({ id: z.string(), name: z.string() })),
  pdf: z.object({ bodyLength: z.number().int().positive(), bodySha256: z.string() }),
  signing: signingSchema
})

const zipManifestSchema = z.object({
  format: z.literal(ZIP_MANIFEST_FORMAT),
  pack: manifestPackSchema,
  files: z.array(fileSchema.extend({ path: z.string() })),
  signing: signingSchema
})

function summaryOf(pack: z.infer<typeof manifestPackSchema>): PackVerification['pack'] {
  return {
    name: pack.name,
    organisation: pack.organisation,
    frameworks: pack.frameworks.map((framework) => `${framework.name} ${framework.version}`),
    periodStart: pack.periodStart,
    periodEnd: pack.periodEnd,
    generatedAt: pack.generatedAt
  }
}

function parseManifest<S extends z.ZodType>(schema: S, bytes: Buffer): z.output<S> | null {
  try {
    const parsed = schema.safeParse(JSON.parse(bytes.toString('utf8')))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/** Checks the signature of a manifest against the key that came with it, and the key against the manifest. */
function checkSignature(
  bytes: Buffer,
  signature: string,
  publicKeyPem: string,
  claimedFingerprint: string,
  problems: Problem[]
): string | null {
  let fingerprint: string
  try {
    fingerprint = fingerprintOf(publicKeyPem)
  } catch {
    problems.push({
      kind: 'signature',
      item: 'public key',
      detail: 'The public key that came with the pack cannot be read.'
    })
    return null
  }
  if (!signatureHolds(bytes, signature, publicKeyPem)) {
    problems.push({
      kind: 'signature',
      item: 'manifest',
      detail: 'The manifest’s signature does not hold: the manifest or its signature was changed after signing.'
    })
  }
  if (fingerprint !== claimedFingerprint) {
    problems.push({
      kind: 'signature',
      item: 'public key',
      detail: 'The public key is not the one the manifest names.'
    })
  }
  return fingerprint
}

/**
 * Verifies a pack's PDF: the manifest's Ed25519 signature, the SHA-256 of the document as signed,
 * that nothing but the signature follows it (the signature section is rebuilt and compared byte
 * for byte), and every attached evidence file against the manifest. Names exactly what differs.
 */
export async function verifyPackPdf(bytes: Buffer): Promise<PackVerification> {
  const problems: Problem[] = []
  const failed = (item: string, detail: string): PackVerification => ({
    ok: false,
    kind: 'pdf',
    pack: null,
    keyFingerprint: null,
    checked: 0,
    problems: [{ kind: 'structure', item, detail }]
  })
  const inspection = await inspectPdf(bytes)
  if (!inspection.readable) return failed('document', 'This file is not a readable PDF.')
  const attachments = new Map(
    inspection.attachments.map((attachment) => [attachment.name, Buffer.from(attachment.bytes)])
  )
  const manifestData = attachments.get(MANIFEST_FILE)
  const signature = attachments.get(SIGNATURE_FILE)?.toString('utf8')
  const publicKey = attachments.get(PUBLIC_KEY_FILE)?.toString('utf8')
  if (!manifestData || !signature || !publicKey) {
    return failed(
      'signature',
      'This PDF carries no Evidence Desk signature: its manifest, signature or key is not attached.'
    )
  }
  const manifest = parseManifest(pdfManifestSchema, manifestData)
  if (!manifest) return failed('manifest', 'The attached manifest cannot be read as an Evidence Desk manifest.')
  const fingerprint = checkSignature(
    manifestData,
    signature,
    publicKey,
    manifest.signing.publicKeyFingerprint,
    problems
  )

  const { bodyLength, bodySha256 } = manifest.pdf
  const body = bytes.subarray(0, Math.min(bodyLength, bytes.length))
  const bodyIntact = bytes.length >= bodyLength && sha256(body) === bodySha256
  if (!bodyIntact) {
    problems.push({
      kind: 'changed',
      item: 'document',
      detail: 'The PDF as signed (its pages, text or attached files) was changed after signing.'
    })
  } else {
    const expected = await signatureUpdate(bufferSource(body), {
      manifest: manifestData,
      signature,
      publicKeyPem: publicKey,
      date: new Date(manifest.pack.generatedAt)
    }).catch(() => null)
    const rest = bytes.subarray(bodyLength)
    if (expected && rest.length > expected.length && rest.subarray(0, expected.length).equals(expected)) {
      problems.push({
        kind: 'added',
        item: 'document',
        detail: `${rest.length - expected.length} bytes were added after the signature.`
      })
    } else if (!expected || !rest.equals(expected)) {
      problems.push({
        kind: 'changed',
        item: 'signature section',
        detail: 'The part of the PDF after the signed content was changed.'
      })
    }
  }

  const listed = new Set(manifest.evidence.map((entry) => entry.name))
  for (const entry of manifest.evidence) {
    const attached = attachments.get(entry.name)
    if (!attached) {
      const unreadable = inspection.unreadableAttachments.includes(entry.name)
      problems.push({
        kind: unreadable ? 'changed' : 'removed',
        item: entry.name,
        detail: unreadable ? 'The attached file can no longer be read.' : 'The file is no longer attached.'
      })
    } else if (attached.length !== entry.size || sha256(attached) !== entry.sha256) {
      problems.push({
        kind: 'changed',
        item: entry.name,
        detail: `Its SHA-256 is now ${sha256(attached)}, not ${entry.sha256}.`
      })
    }
  }
  for (const name of attachments.keys()) {
    if (!listed.has(name) && !SIGNATURE_FILES.includes(name)) {
      problems.push({
        kind: 'added',
        item: name,
        detail: 'This file is attached but not listed in the signed manifest.'
      })
    }
  }
  return {
    ok: problems.length === 0,
    kind: 'pdf',
    pack: summaryOf(manifest.pack),
    keyFingerprint: fingerprint,
    checked: manifest.evidence.length + 2,
    problems
  }
}

/**
 * Verifies a pack's ZIP: the manifest's signature, every member against it (changed, added,
 * removed), SHA256SUMS against the members, and pack.pdf as a signed PDF in its own right.
 */
export async function verifyPackZip(path: string): Promise<PackVerification> {
  const problems: Problem[] = []
  let members: Awaited<ReturnType<typeof readZip>>
  try {
    members = await readZip(path, new Set([ZIP_MANIFEST, ZIP_SIGNATURE, ZIP_PUBLIC_KEY, ZIP_CHECKSUMS, ZIP_PDF]))
  } catch (error) {
    return {
      ok: false,
      kind: 'zip',
      pack: null,
      keyFingerprint: null,
      checked: 0,
      problems: [
        { kind: 'structure', item: 'archive', detail: `The ZIP cannot be read (${(error as Error).message}).` }
      ]
    }
  }
  for (const [name, member] of members) {
    if (member.error)
      problems.push({ kind: 'changed', item: name, detail: `The member cannot be read (${member.error}).` })
  }
  const manifestData = members.get(ZIP_MANIFEST)?.content
  const signature = members.get(ZIP_SIGNATURE)?.content?.toString('utf8')
  const publicKey = members.get(ZIP_PUBLIC_KEY)?.content?.toString('utf8')
  if (!manifestData || !signature || !publicKey) {
    problems.push({
      kind: 'structure',
      item: 'signature',
      detail: 'The ZIP has no Evidence Desk manifest, signature or key.'
    })
    return { ok: false, kind: 'zip', pack: null, keyFingerprint: null, checked: members.size, problems }
  }
  const manifest = parseManifest(zipManifestSchema, manifestData)
  if (!manifest) {
    problems.push({
      kind: 'structure',
      item: ZIP_MANIFEST,
      detail: 'The manifest cannot be read as an Evidence Desk manifest.'
    })
    return { ok: false, kind: 'zip', pack: null, keyFingerprint: null, checked: members.size, problems }
  }
  const fingerprint = checkSignature(
    manifestData,
    signature,
    publicKey,
    manifest.signing.publicKeyFingerprint,
    problems
  )

  const listed = new Map(manifest.files.map((file) => [file.path, file]))
  for (const file of manifest.files) {
    const member = members.get(file.path)
    if (!member) problems.push({ kind: 'removed', item: file.path, detail: 'The file is missing from the ZIP.' })
    else if (!member.error && (member.size !== file.size || member.sha256 !== file.sha256)) {
      problems.push({
        kind: 'changed',
        item: file.path,
        detail: `Its SHA-256 is now ${member.sha256}, not ${file.sha256}.`
      })
    }
  }
  for (const name of members.keys()) {
    if (!listed.has(name) && ![ZIP_MANIFEST, ZIP_SIGNATURE, ZIP_CHECKSUMS].includes(name)) {
      problems.push({ kind: 'added', item: name, detail: 'This file is in the ZIP but not in the signed manifest.' })
    }
  }
  const sums = members.get(ZIP_CHECKSUMS)?.content?.toString('utf8')
  if (!sums) problems.push({ kind: 'removed', item: ZIP_CHECKSUMS, detail: 'The checksum list is missing.' })
  else {
    for (const line of sums.split('\n').filter(Boolean)) {
      const match = /^([0-9a-f]{64}) {2}(.+)$/.exec(line)
      const member = match ? members.get(match[2]!) : undefined
      if (!match || !member || member.sha256 !== match[1]) {
        problems.push({
          kind: 'changed',
          item: ZIP_CHECKSUMS,
          detail: `This line does not match the ZIP: ${line.slice(0, 120)}`
        })
        break
      }
    }
  }
  const pdf = members.get(ZIP_PDF)?.content
  if (pdf && listed.get(ZIP_PDF)?.sha256 === sha256(pdf)) {
    const inner = await verifyPackPdf(pdf)
    for (const problem of inner.problems) problems.push({ ...problem, item: `${ZIP_PDF}: ${problem.item}` })
  }
  return {
    ok: problems.length === 0,
    kind: 'zip',
    pack: summaryOf(manifest.pack),
    keyFingerprint: fingerprint,
    checked: manifest.files.length + 3,
    problems
  }
}

/** Verifies a pack file, PDF or ZIP, told apart by their first bytes. */
export async function verifyPackFile(path: string): Promise<PackVerification> {
  const handle = await openFile(path, 'r')
  const head = Buffer.alloc(5)
  await handle.read(head, 0, 5, 0)
  await handle.close()
  if (head.toString('latin1') === '%PDF-') return verifyPackPdf(await readFile(path))
  if (head[0] === 0x50 && head[1] === 0x4b) return verifyPackZip(path)
  return {
    ok: false,
    kind: 'pdf',
    pack: null,
    keyFingerprint: null,
    checked: 0,
    problems: [{ kind: 'structure', item: 'file', detail: 'This is neither a PDF nor a ZIP made by Evidence Desk.' }]
  }
}
