import { addDays } from '../../../shared/dates'
import { ADDRESSABLE_DECISION_LABELS, RESULT_LABELS } from '../../../shared/compliance/results'
import {
  CONTROL_STATUS_LABELS,
  EVIDENCE_KIND_LABELS,
  EVIDENCE_SOURCE_LABELS,
  FRESHNESS_LABELS,
  RESPONSIBILITY_LABELS,
  type FrameworkId
} from '../../../shared/domain'
import type { ControlSummary, EvidenceSummary, AuditEntry } from '../../../shared/types'
import type { PackContent } from '../packs/pack-content'
import { CONTROL_COLUMNS, mappingHeader, REGISTER_READ_ONLY_HEADERS } from './control-columns'
import type { CellValue, Sheet, SheetColumn } from './sheet-model'

/** What the register export reads of each control: every editable field, its mappings and evidence. */
export interface RegisterControl extends ControlSummary {
  statement: string
  rationale: string
  awsServices: string[]
  notes: string
  notApplicableReason: string
  updatedAt: string
  evidenceIds: string[]
}

const text = (header: string): SheetColumn => ({ header, kind: 'text' })
const long = (header: string): SheetColumn => ({ header, kind: 'long-text' })
const list = (header: string): SheetColumn => ({ header, kind: 'list' })
const date = (header: string): SheetColumn => ({ header, kind: 'date' })

const LONG_FIELDS = new Set(['statement', 'rationale', 'notApplicableReason', 'notes'])

/** The register: every control with all its fields, one mapping column per framework, its evidence. */
export function registerSheet(
  controls: RegisterControl[],
  frameworks: { id: FrameworkId; shortName: string }[]
): Sheet {
  const columns: SheetColumn[] = [
    ...CONTROL_COLUMNS.map(({ field, header }) =>
      field === 'awsServices' ? list(header) : LONG_FIELDS.has(field) ? long(header) : text(header)
    ),
    ...frameworks.map((framework) => list(mappingHeader(framework.shortName))),
    list(REGISTER_READ_ONLY_HEADERS[0]),
    text(REGISTER_READ_ONLY_HEADERS[1]),
    { header: REGISTER_READ_ONLY_HEADERS[2], kind: 'datetime' }
  ]
  const rows = controls.map((control): CellValue[] => [
    ...CONTROL_COLUMNS.map(({ field }): CellValue => {
      switch (field) {
        case 'status':
          return CONTROL_STATUS_LABELS[control.status]
        case 'responsibility':
          return RESPONSIBILITY_LABELS[control.responsibility]
        case 'awsServices':
          return control.awsServices
        default:
          return control[field as 'id']
      }
    }),
    ...frameworks.map((framework) =>
      control.mappings.filter((mapping) => mapping.framework === framework.id).map((mapping) => mapping.ref)
    ),
    control.evidenceIds,
    FRESHNESS_LABELS[control.evidence],
    control.updatedAt
  ])
  return { name: 'Register', columns, rows }
}

const yesNo = (value: boolean): string => (value ? 'Yes' : 'No')

/** A Statement of Applicability per framework, from the pack's assessment (the one result rule). */
export function soaSheets(content: PackContent): Sheet[] {
  const columns: SheetColumn[] = [
    text('Framework'),
    text('Requirement'),
    long('Title'),
    text('Specification'),
    text('Applicable'),
    long('Why not applicable'),
    list('Controls'),
    list('Control status'),
    text('Result'),
    long('Why'),
    text('HIPAA decision'),
    list('Evidence')
  ]
  return content.frameworks.map((framework) => ({
    name: framework.shortName,
    columns,
    rows: framework.requirements
      .filter((requirement) => requirement.assessable)
      .map((requirement): CellValue[] => {
        const applicable = requirement.result !== 'not-applicable'
        return [
          framework.shortName,
          requirement.ref,
          requirement.title,
          requirement.specification ?? '',
          yesNo(applicable),
          applicable ? '' : requirement.scopingReason || requirement.reasons.join(' '),
          requirement.controls,
          requirement.controls.map((id) => {
            const control = content.controls[id]
            return control ? `${id}: ${CONTROL_STATUS_LABELS[control.status]}` : id
          }),
          requirement.result ? RESULT_LABELS[requirement.result] : '',
          requirement.result === 'in-place' ? '' : requirement.reasons.join(' '),
          requirement.decision
            ? `${ADDRESSABLE_DECISION_LABELS[requirement.decision.decision]}: ${requirement.decision.rationale}`
            : '',
          requirement.evidence
        ]
      })
  }))
}

/** The shared-responsibility matrix per framework: who secures each requirement, its result, controls, evidence. */
export function matrixSheets(content: PackContent): Sheet[] {
  const columns: SheetColumn[] = [
    text('Framework'),
    text('Requirement'),
    long('Title'),
    text('Secured by'),
    text('Result'),
    list('Controls'),
    list('AWS-inherited'),
    list('Shared'),
    list('Customer'),
    list('Evidence')
  ]
  const byResponsibility = (ids: string[], responsibility: string): string[] =>
    ids.filter((id) => content.controls[id]?.responsibility === responsibility)
  return content.frameworks.map((framework) => ({
    name: framework.shortName,
    columns,
    rows: framework.requirements
      .filter((requirement) => requirement.assessable)
      .map((requirement): CellValue[] => [
        framework.shortName,
        requirement.ref,
        requirement.title,
        requirement.responsibility ? RESPONSIBILITY_LABELS[requirement.responsibility] : '',
        requirement.result ? RESULT_LABELS[requirement.result] : '',
        requirement.controls,
        byResponsibility(requirement.controls, 'aws'),
        byResponsibility(requirement.controls, 'shared'),
        byResponsibility(requirement.controls, 'customer'),
        requirement.evidence
      ])
  }))
}

/** The evidence index: every item in the vault with its hash, dates, freshness, accounts and controls. */
export function evidenceSheet(items: EvidenceSummary[]): Sheet {
  return {
    name: 'Evidence',
    columns: [
      text('ID'),
      long('Title'),
      text('Kind'),
      text('Source'),
      text('File name'),
      text('Media type'),
      { header: 'Size (bytes)', kind: 'number' },
      text('SHA-256'),
      date('Effective date'),
      date('Period start'),
      date('Period end'),
      date('Review by'),
      text('Freshness'),
      list('AWS accounts'),
      list('Controls'),
      { header: 'Imported', kind: 'datetime' },
      text('Imported by')
    ],
    rows: items.map((item): CellValue[] => [
      item.id,
      item.title,
      EVIDENCE_KIND_LABELS[item.kind],
      EVIDENCE_SOURCE_LABELS[item.source],
      item.originalName,
      item.mediaType,
      item.size,
      item.sha256,
      item.effectiveDate,
      item.periodStart,
      item.periodEnd,
      item.reviewBy,
      FRESHNESS_LABELS[item.freshness],
      item.accounts.length ? item.accounts : ['Whole organisation'],
      item.controls,
      item.importedAt,
      item.importedBy
    ])
  }
}

/** The audit log of a period, oldest first, with each entry's hash so the chain can be followed. */
export function auditSheet(entries: AuditEntry[]): Sheet {
  const json = (value: unknown): string => (value === null || value === undefined ? '' : JSON.stringify(value))
  return {
    name: 'Audit log',
    columns: [
      { header: 'Seq', kind: 'number' },
      { header: 'When', kind: 'datetime' },
      text('Who'),
      text('Action'),
      text('Object type'),
      text('Object'),
      long('Summary'),
      long('Before'),
      long('After'),
      text('Hash')
    ],
    rows: entries.map((entry): CellValue[] => [
      entry.seq,
      entry.at,
      entry.actor,
      entry.action,
      entry.entityType,
      entry.entityId,
      entry.summary,
      json(entry.before),
      json(entry.after),
      entry.hash
    ])
  }
}

/** The audit period's entries are those from its first day up to the end of its last. */
export function auditRange(period: { start: string; end: string }): { from: string; to: string } {
  return { from: period.start, to: addDays(period.end, 1) }
}
