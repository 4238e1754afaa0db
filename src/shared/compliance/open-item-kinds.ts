import type { OpenItemKind } from '../types'

/** How each kind of open item is headed, in the app's readiness check and in the pack, in the order they are fixed. */
export const OPEN_ITEM_HEADINGS: Record<OpenItemKind, string> = {
  'requirement-not-in-place': 'Requirements not in place',
  'requirement-not-tested': 'Requirements not tested',
  'addressable-undecided': 'HIPAA addressable specifications without a decision',
  'control-without-evidence': 'Controls without evidence in force',
  'control-not-applicable-without-reason': 'Controls not applicable without a reason',
  'report-gap': 'Stretches of the period no AWS report covers',
  'evidence-expired': 'Expired evidence',
  'evidence-expiring': 'Evidence expiring before the audit ends'
}

export const OPEN_ITEM_ORDER = Object.keys(OPEN_ITEM_HEADINGS) as OpenItemKind[]
