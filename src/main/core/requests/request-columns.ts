import { normaliseHeading } from '../spreadsheets/control-columns'

export type RequestField = 'id' | 'reference' | 'details' | 'assignee' | 'dueDate' | 'ignore'

/** The usual headings of auditors' request lists, and the field each fills. */
const HEADINGS: Record<Exclude<RequestField, 'ignore'>, string[]> = {
  id: [
    'request id',
    'request no',
    'request number',
    'request',
    'id',
    'item',
    'item no',
    'no',
    'pbc id',
    'pbc no',
    'ref no',
    'irl id',
    'number'
  ],
  reference: [
    'reference',
    'requirement',
    'requirement reference',
    'control',
    'control reference',
    'control ref',
    'criteria',
    'pci dss requirement',
    'testing procedure'
  ],
  details: [
    'details',
    'description',
    'request details',
    'information requested',
    'documentation requested',
    'request description',
    'evidence requested'
  ],
  assignee: ['assigned to', 'assignee', 'owner', 'responsible', 'responsible person', 'client contact'],
  dueDate: ['due date', 'due', 'deadline', 'date due', 'requested by']
}

export function guessRequestMapping(headings: string[]): RequestField[] {
  const taken = new Set<RequestField>()
  return headings.map((heading) => {
    const key = normaliseHeading(heading)
    const field = (Object.keys(HEADINGS) as Exclude<RequestField, 'ignore'>[]).find((candidate) =>
      HEADINGS[candidate].includes(key)
    )
    if (!field || taken.has(field)) return 'ignore'
    taken.add(field)
    return field
  })
}

export function parseRequestField(text: string): RequestField | undefined {
  const wanted = normaliseHeading(text).replace(/ /g, '')
  return (['id', 'reference', 'details', 'assignee', 'dueDate', 'ignore'] as const).find(
    (field) => field.toLowerCase() === wanted
  )
}
