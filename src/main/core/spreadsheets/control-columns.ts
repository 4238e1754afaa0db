import {
  CONTROL_STATUS_LABELS,
  CONTROL_STATUSES,
  RESPONSIBILITIES,
  RESPONSIBILITY_LABELS,
  type ControlStatus,
  type Responsibility
} from '../../../shared/domain'
import type { ControlImportField } from '../../../shared/spreadsheets'

/**
 * The register's columns, the one place that names them: the register export writes these
 * headings and the control import reads them back, so an exported file imports unchanged.
 */
export const CONTROL_COLUMNS: { field: ControlImportField; header: string; aliases: string[] }[] = [
  {
    field: 'id',
    header: 'ID',
    aliases: [
      'control id',
      'control',
      'control ref',
      'control reference',
      'control no',
      'control number',
      'ref',
      'reference'
    ]
  },
  { field: 'title', header: 'Title', aliases: ['name', 'control name', 'control title'] },
  {
    field: 'statement',
    header: 'Statement',
    aliases: ['description', 'control statement', 'control description', 'control text', 'details']
  },
  { field: 'domain', header: 'Domain', aliases: ['family', 'control family', 'category', 'group', 'area'] },
  { field: 'owner', header: 'Owner', aliases: ['control owner', 'responsible person', 'assignee', 'owned by'] },
  { field: 'status', header: 'Status', aliases: ['implementation status', 'state', 'control status'] },
  {
    field: 'responsibility',
    header: 'Responsibility',
    aliases: ['responsible party', 'shared responsibility', 'aws responsibility', 'secured by']
  },
  {
    field: 'rationale',
    header: 'Responsibility rationale',
    aliases: ['rationale', 'justification', 'responsibility justification']
  },
  {
    field: 'notApplicableReason',
    header: 'Why not applicable',
    aliases: [
      'not applicable reason',
      'reason not applicable',
      'exclusion reason',
      'n a reason',
      'justification for exclusion'
    ]
  },
  { field: 'awsServices', header: 'AWS services', aliases: ['services', 'aws service'] },
  { field: 'notes', header: 'Notes', aliases: ['note', 'comments', 'comment', 'remarks'] }
]

/** Read-only columns of the register export: shown, never imported. */
export const REGISTER_READ_ONLY_HEADERS = ['Evidence', 'Evidence state', 'Last changed'] as const

/** The heading of a framework's mapping column: its short name ("PCI DSS"). */
export const mappingHeader = (shortName: string): string => shortName

/** Lower case, punctuation as spaces: "Control_ID" and "control id" are the same heading. */
export function normaliseHeading(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}

const STATUS_WORDS = new Map<string, ControlStatus>([
  ...CONTROL_STATUSES.map((status) => [normaliseHeading(status), status] as const),
  ...CONTROL_STATUSES.map((status) => [normaliseHeading(CONTROL_STATUS_LABELS[status]), status] as const),
  ['n a', 'not-applicable'],
  ['na', 'not-applicable'],
  ['done', 'implemented'],
  ['in place', 'implemented'],
  ['open', 'not-started']
])

const RESPONSIBILITY_WORDS = new Map<string, Responsibility>([
  ...RESPONSIBILITIES.map((value) => [normaliseHeading(value), value] as const),
  ...RESPONSIBILITIES.map((value) => [normaliseHeading(RESPONSIBILITY_LABELS[value]), value] as const),
  ['aws inherited', 'aws'],
  ['inherited', 'aws'],
  ['aws secures', 'aws'],
  ['you secure', 'customer'],
  ['customer secures', 'customer']
])

export function parseStatus(text: string): ControlStatus | undefined {
  return STATUS_WORDS.get(normaliseHeading(text))
}

export function parseResponsibility(text: string): Responsibility | undefined {
  return RESPONSIBILITY_WORDS.get(normaliseHeading(text))
}

/** A list cell split into its items: "; ", new lines or commas separate them. */
export function splitList(text: string): string[] {
  return text
    .split(/[;\n,]/)
    .map((item) => item.trim())
    .filter(Boolean)
}
