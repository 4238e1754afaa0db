import { sortKeys } from '../../../shared/canonical-json'
import { writeFileAtomically, PRIVATE_FILE_MODE } from '../util/private-files'

/**
 * OSCAL documents as the app writes them: object keys sorted at every level, two-space indents and
 * a final newline, so the same content always gives the same bytes (only last-modified differs
 * between two exports of an unchanged register).
 */
export function oscalJson(document: unknown): string {
  return `${JSON.stringify(sortKeys(document), null, 2)}\n`
}

/** Writes a document under a temporary name beside its target and renames it into place. */
export function writeOscalFile(path: string, document: unknown): string {
  const text = oscalJson(document)
  writeFileAtomically(path, text, PRIVATE_FILE_MODE)
  return text
}

export const OSCAL_VERSION = '1.1.3'

/** Props of our own (results, responsibility) live in this namespace; OSCAL's own props need none. */
export const EVIDENCE_DESK_NS = 'urn:evidence-desk:oscal'

/** FedRAMP's namespace, where the control-origination property and its values are defined. */
export const FEDRAMP_NS = 'https://fedramp.gov/ns/oscal'
