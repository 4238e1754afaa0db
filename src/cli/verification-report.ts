import { formatFingerprint } from '../shared/fingerprint'
import type { PackVerification } from '../shared/types'
import { onlyAnnotationsAppended } from '../main/core/packs/verify/trust'
import type { Output } from './output'

export const VERDICT_VALID = 'VALID'
export const VERDICT_NOT_VALID = 'NOT VALID — do not rely on this pack'

const KIND_WORDS: Record<PackVerification['problems'][number]['kind'], string> = {
  changed: 'Changed',
  added: 'Added',
  removed: 'Removed',
  signature: 'Signature',
  structure: 'Not a pack'
}

/** Who signed, in words an auditor acts on. */
export function describeSigner(result: PackVerification, expected: string | null): string[] {
  const signer = result.signer
  if (!signer) return ['Signer: unknown (no signature could be read).']
  const key = formatFingerprint(signer.fingerprint)
  switch (signer.status) {
    case 'own':
      return [`Signer: ${key}`, 'This is a key this register signs packs with.']
    case 'trusted':
      return [`Signer: ${key}`, `This register trusts this key${signer.label ? ` (${signer.label})` : ''}.`]
    case 'expected':
      return [`Signer: ${key}`, 'This is the key you expected (--expect-fingerprint).']
    case 'mismatch':
      return [
        `Signer: ${key}`,
        `This is NOT the key you expected: ${formatFingerprint(expected ?? '')}.`,
        'Someone other than the preparer may have signed it.'
      ]
    case 'unknown':
      return signer.registerConsulted
        ? [
            `Signer: ${key}`,
            'This register does not know this key. If the preparer gave you this fingerprint by another channel,',
            `run: evidence-desk keys trust ${signer.fingerprint}  (or pass --allow-unknown-signer).`
          ]
        : [
            `Signer: ${key}`,
            'No register was consulted: compare this fingerprint with the one the preparer gave you by another',
            'channel, or pass --expect-fingerprint with it.'
          ]
  }
}

/**
 * `pack verify` for people: the verdict first, then the signer, then what differs in plain words.
 * Every name comes from the file and is printed through the output's sanitiser; hashes are
 * shortened here and given in full by --json.
 */
export function printVerification(
  output: Output,
  path: string,
  result: PackVerification,
  expected: string | null
): void {
  output.line(result.ok ? VERDICT_VALID : VERDICT_NOT_VALID)
  for (const line of describeSigner(result, expected)) output.line(line)
  if (result.pack) {
    output.line(`Pack: ${result.pack.name} · ${result.pack.organisation} · ${result.pack.frameworks.join(', ')}`)
    output.line(
      `Audit period ${result.pack.periodStart} to ${result.pack.periodEnd}, generated ${result.pack.generatedAt}`
    )
  }
  if (result.pdfSignature) {
    const pdf = result.pdfSignature
    output.line(
      `PDF signature: ${pdf.valid ? 'valid' : 'NOT valid'} (${pdf.signer})${pdf.coversWholeFile ? ', covers the whole file' : ''}`
    )
  }
  if (result.refusedAtLimit) output.line(`Refused: the file goes beyond the limit of ${result.refusedAtLimit}.`)
  if (result.intact) {
    output.line(`Intact: the signature holds and all ${result.checked} hashes match (${path}).`)
  }
  if (onlyAnnotationsAppended(result)) {
    output.line(
      `Signed revision intact; changes appended after signing: ${result.appendedAfterSigning!.changes.join(', ')} (${result.appendedAfterSigning!.bytes} bytes, not covered by the signature).`
    )
  }
  if (result.problems.length === 0) return
  output.line('What differs:')
  for (const problem of result.problems) {
    const supports = problem.requirements?.length ? ` Evidence for ${problem.requirements.join(', ')}.` : ''
    output.line(`  ${KIND_WORDS[problem.kind]}: ${problem.item}: ${problem.detail}${supports}`)
  }
}
