import type { EvidenceKind } from '../../../shared/domain'
import type { PackEvidence } from '../packs/pack-content'
import { EVIDENCE_DESK_NS } from './oscal-json'

/** OSCAL's resource types for the register's kinds of evidence. */
const RESOURCE_TYPES: Record<EvidenceKind, string> = {
  'artifact-report': 'report',
  agreement: 'agreement',
  policy: 'policy',
  screenshot: 'screen-shot',
  'config-export': 'tool-output',
  'finding-export': 'tool-output',
  other: 'evidence'
}

/**
 * Evidence as back-matter resources: its title, the reference an assessor can adopt (DOC-0015), the
 * dates it speaks for, and a link to the file by the name the pack gives it with its SHA-256, so
 * the file can be matched to the plan whatever folder it is kept in.
 */
export function evidenceResource(item: PackEvidence, uuid: (kind: string, id: string) => string): unknown {
  const dates = [
    item.effectiveDate ? `effective ${item.effectiveDate}` : '',
    item.periodStart && item.periodEnd ? `covers ${item.periodStart} to ${item.periodEnd}` : '',
    item.reviewBy ? `review by ${item.reviewBy}` : ''
  ].filter(Boolean)
  return {
    uuid: uuid('evidence', item.id),
    title: `${item.id} ${item.title}`,
    props: [
      { name: 'type', value: RESOURCE_TYPES[item.kind] },
      { name: 'evidence-id', ns: EVIDENCE_DESK_NS, value: item.id },
      { name: 'freshness', ns: EVIDENCE_DESK_NS, value: item.freshness },
      ...item.accounts.map((account) => ({ name: 'aws-account', ns: EVIDENCE_DESK_NS, value: account }))
    ],
    'document-ids': [{ identifier: item.docRef }],
    rlinks: [
      {
        href: encodeURI(item.fileName),
        'media-type': item.mediaType,
        hashes: [{ algorithm: 'SHA-256', value: item.sha256 }]
      }
    ],
    ...(dates.length > 0 ? { remarks: `${dates.join('; ')}.` } : {})
  }
}

export const evidenceLink = (id: string, uuid: (kind: string, id: string) => string): unknown => ({
  href: `#${uuid('evidence', id)}`,
  rel: 'evidence'
})
