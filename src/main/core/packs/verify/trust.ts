import type { KnownSigningKey, PackSigner, PackVerification } from '../../../../shared/types'
import { ANNOTATIONS } from './appended-changes'

export interface TrustPolicy {
  /** The keys of the register open, or null when verifying without one. */
  knownKeys: Map<string, KnownSigningKey> | null
  /** The fingerprint the preparer gave by another channel (--expect-fingerprint). */
  expectFingerprint?: string | null
  /** Accept a key the register does not know (--allow-unknown-signer). */
  allowUnknownSigner?: boolean
}

/**
 * The verdict an auditor acts on: a pack is valid only when it is intact and its signer is
 * accepted: the expected key when one is given; else a key the register signs with or trusts;
 * an unknown key only with allowUnknownSigner or when no register is open (and it says so).
 */
export function applyTrust(result: PackVerification, policy: TrustPolicy): PackVerification {
  const intact = result.intact ?? result.ok
  let signer: PackSigner | null = null
  if (result.keyFingerprint) {
    const known = policy.knownKeys?.get(result.keyFingerprint)
    const expected = policy.expectFingerprint ?? null
    const status: PackSigner['status'] = expected
      ? expected === result.keyFingerprint
        ? 'expected'
        : 'mismatch'
      : (known?.trust ?? 'unknown')
    signer = {
      fingerprint: result.keyFingerprint,
      algorithm: 'Ed25519',
      status,
      registerConsulted: policy.knownKeys !== null,
      ...(known?.label ? { label: known.label } : {})
    }
  }
  const accepted =
    signer !== null &&
    (signer.status === 'own' ||
      signer.status === 'trusted' ||
      signer.status === 'expected' ||
      (signer.status === 'unknown' && (policy.allowUnknownSigner === true || policy.knownKeys === null)))
  const valid = intact && accepted
  return { ...result, ok: valid, intact, signer, verdict: valid ? 'valid' : 'not-valid' }
}

/** True when only annotations were saved after signing (the signed revision itself is intact). */
export const onlyAnnotationsAppended = (result: PackVerification): boolean =>
  !!result.appendedAfterSigning?.changes.length &&
  result.appendedAfterSigning.changes.every((change) => change === ANNOTATIONS)
