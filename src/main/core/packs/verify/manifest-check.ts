import { createPublicKey } from 'node:crypto'
import { z } from 'zod'
import type { PackVerification } from '../../../../shared/types'
import { LIMITS, type LimitExceeded } from '../../util/limits'
import { PDF_MANIFEST_FORMAT, signatureHolds, ZIP_MANIFEST_FORMAT } from '../signature/manifest'
import { SIGNATURE_FILES } from '../signature/pdf-signature'
import { fingerprintOf } from '../signing-keys'

export type Problem = PackVerification['problems'][number]

export const SIGNATURE_PART_BYTES = 16 * 1024 * 1024

const manifestPackSchema = z.object({
  name: z.string(),
  organisation: z.string(),
  frameworks: z.array(z.object({ id: z.string(), name: z.string(), version: z.string() })),
  periodStart: z.string(),
  periodEnd: z.string(),
  generatedAt: z.string()
})
const signingSchema = z.object({
  algorithm: z.literal('Ed25519'),
  publicKeyFingerprint: z.string(),
  pdfCertificateSha256: z.string().optional()
})
const fileSchema = z.object({ size: z.number().int().nonnegative(), sha256: z.string() })

export const pdfManifestSchema = z.object({
  format: z.literal(PDF_MANIFEST_FORMAT),
  pack: manifestPackSchema,
  evidence: z.array(
    fileSchema.extend({ id: z.string(), name: z.string(), requirements: z.array(z.string()).optional() })
  ),
  pdf: z.object({ bodyLength: z.number().int().positive(), bodySha256: z.string() }),
  signing: signingSchema
})
export type PdfManifestRead = z.infer<typeof pdfManifestSchema>

export const zipManifestSchema = z.object({
  format: z.literal(ZIP_MANIFEST_FORMAT),
  pack: manifestPackSchema,
  files: z.array(fileSchema.extend({ path: z.string(), evidenceId: z.string().optional() })),
  signing: signingSchema
})

/** A SHA-256 as a person reads it: the first 16 hex digits, the whole one stays in --json. */
export const shortHash = (hash: string): string => (hash.length > 16 ? `${hash.slice(0, 16)}…` : hash)

export function changedFile(item: string, expected: string, actual: string, requirements?: string[]): Problem {
  return {
    kind: 'changed',
    item,
    detail: `Its SHA-256 is now ${shortHash(actual)}, not ${shortHash(expected)} as signed.`,
    expectedSha256: expected,
    actualSha256: actual,
    ...(requirements?.length ? { requirements } : {})
  }
}

export function summaryOf(pack: z.infer<typeof manifestPackSchema>): PackVerification['pack'] {
  return {
    name: pack.name,
    organisation: pack.organisation,
    frameworks: pack.frameworks.map((framework) => `${framework.name} ${framework.version}`),
    periodStart: pack.periodStart,
    periodEnd: pack.periodEnd,
    generatedAt: pack.generatedAt
  }
}

export function parseManifest<S extends z.ZodType>(schema: S, bytes: Buffer): z.output<S> | null {
  try {
    const parsed = schema.safeParse(JSON.parse(bytes.toString('utf8')))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

export function failed(kind: PackVerification['kind'], item: string, detail: string): PackVerification {
  return {
    ok: false,
    kind,
    pack: null,
    keyFingerprint: null,
    checked: 0,
    problems: [{ kind: 'structure', item, detail }]
  }
}

export function refused(kind: PackVerification['kind'], error: LimitExceeded): PackVerification {
  return {
    ...failed(kind, 'limit', `Refused: ${error.message}. The file was not checked further; do not rely on it.`),
    refusedAtLimit: LIMITS[error.limit].label
  }
}

/**
 * Checks the manifest's signature against the key that came with it, and the key against the
 * manifest. Only Ed25519 keys sign manifests: any other key is refused, whatever it signed.
 */
export function checkSignature(
  bytes: Buffer,
  signature: string,
  publicKeyPem: string,
  claimedFingerprint: string,
  problems: Problem[]
): string | null {
  let fingerprint: string
  let keyType: string | undefined
  try {
    fingerprint = fingerprintOf(publicKeyPem)
    keyType = createPublicKey(publicKeyPem).asymmetricKeyType
  } catch {
    problems.push({
      kind: 'signature',
      item: 'public key',
      detail: 'The public key that came with the pack cannot be read.'
    })
    return null
  }
  if (keyType !== 'ed25519') {
    problems.push({
      kind: 'signature',
      item: 'public key',
      detail: `The pack was signed with an ${keyType?.toUpperCase() ?? 'unknown'} key; Evidence Desk packs are signed with Ed25519 keys only.`
    })
  } else if (!signatureHolds(bytes, signature, publicKeyPem)) {
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

/** Compares the attached evidence files with the signed manifest: changed, removed, added. */
export function compareAttachments(
  manifest: PdfManifestRead,
  found: Map<string, { sha256: string; size: number } | { error: string }>,
  problems: Problem[]
): void {
  const listed = new Set(manifest.evidence.map((entry) => entry.name))
  for (const entry of manifest.evidence) {
    const attached = found.get(entry.name)
    if (!attached) {
      problems.push({
        kind: 'removed',
        item: entry.name,
        detail: 'The file is no longer attached.',
        ...(entry.requirements?.length ? { requirements: entry.requirements } : {})
      })
    } else if ('error' in attached) {
      problems.push({
        kind: 'changed',
        item: entry.name,
        detail: `The attached file can no longer be read (${attached.error}).`
      })
    } else if (attached.size !== entry.size || attached.sha256 !== entry.sha256) {
      problems.push(changedFile(entry.name, entry.sha256, attached.sha256, entry.requirements))
    }
  }
  for (const name of found.keys()) {
    if (!listed.has(name) && !SIGNATURE_FILES.includes(name)) {
      problems.push({
        kind: 'added',
        item: name,
        detail: 'This file is attached but not listed in the signed manifest.'
      })
    }
  }
}

/** A finished check: ok (and intact) when nothing differs. */
export function outcome(
  kind: PackVerification['kind'],
  pack: z.infer<typeof manifestPackSchema>,
  keyFingerprint: string | null,
  checked: number,
  problems: Problem[],
  extra: Pick<PackVerification, 'pdfSignature' | 'appendedAfterSigning'>
): PackVerification {
  const intact = problems.length === 0
  return { ok: intact, kind, pack: summaryOf(pack), keyFingerprint, checked, problems, intact, ...extra }
}
