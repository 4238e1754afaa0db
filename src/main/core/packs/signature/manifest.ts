import { createHash, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto'
import { canonicalJson } from '../../../../shared/canonical-json'
import type { PackContent } from '../pack-content'

export const PDF_MANIFEST_FORMAT = 'evidence-desk-pack/1'
export const ZIP_MANIFEST_FORMAT = 'evidence-desk-pack-zip/1'

export interface ManifestPack {
  id: string | null
  name: string
  organisation: string
  auditor: string
  preparer: string
  frameworks: { id: string; name: string; version: string }[]
  scope: { label: string; accounts: string[] }
  periodStart: string
  periodEnd: string
  generatedAt: string
  generator: string
}

/** The manifest inside a pack's PDF: what it holds, and the hash of everything written before the signature. */
export interface PdfManifest {
  format: typeof PDF_MANIFEST_FORMAT
  pack: ManifestPack
  /** `requirements`: what each file is evidence for, so a verifier names them when it changed. */
  evidence: { id: string; name: string; size: number; sha256: string; mediaType: string; requirements?: string[] }[]
  pdf: { bodyLength: number; bodySha256: string }
  signing: {
    algorithm: 'Ed25519'
    publicKeyFingerprint: string
    /** SHA-256 of the certificate of the standard PDF signature that follows the manifest. */
    pdfCertificateSha256?: string
  }
}

/** The manifest of a pack's ZIP: every member but the manifest, its signature and SHA256SUMS. */
export interface ZipManifest {
  format: typeof ZIP_MANIFEST_FORMAT
  pack: ManifestPack
  /** Evidence members name the evidence they are (`evidenceId`), to be compared with pack.pdf's. */
  files: { path: string; size: number; sha256: string; evidenceId?: string }[]
  signing: { algorithm: 'Ed25519'; publicKeyFingerprint: string }
}

export function manifestPack(content: PackContent): ManifestPack {
  return {
    id: content.pack.id,
    name: content.pack.name,
    organisation: content.pack.organisation,
    auditor: content.pack.auditor,
    preparer: content.pack.preparer,
    frameworks: content.frameworks.map(({ id, name, version }) => ({ id, name, version })),
    scope: { label: content.pack.scopeLabel, accounts: content.pack.accounts.map((account) => account.accountId) },
    periodStart: content.pack.periodStart,
    periodEnd: content.pack.periodEnd,
    generatedAt: content.pack.generatedAt,
    generator: content.pack.generator
  }
}

/** The bytes that are signed: canonical JSON, so the same manifest always has the same signature input. */
export function manifestBytes(manifest: PdfManifest | ZipManifest): Buffer {
  return Buffer.from(`${canonicalJson(manifest)}\n`)
}

export function signManifest(bytes: Buffer, privateKeyPem: string): string {
  return sign(null, bytes, createPrivateKey(privateKeyPem)).toString('base64')
}

export function signatureHolds(bytes: Buffer, signature: string, publicKeyPem: string): boolean {
  try {
    return verify(null, bytes, createPublicKey(publicKeyPem), Buffer.from(signature.trim(), 'base64'))
  } catch {
    return false
  }
}

export const sha256 = (bytes: Buffer | Uint8Array): string => createHash('sha256').update(bytes).digest('hex')
