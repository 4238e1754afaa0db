/** A signing key's fingerprint in groups of four, for reading aloud or comparing by eye. */
export function formatFingerprint(fingerprint: string): string {
  return fingerprint.match(/.{1,4}/g)?.join(' ') ?? fingerprint
}
