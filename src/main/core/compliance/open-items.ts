import { describeReportGap, reportGaps } from '../../../shared/compliance/results'
import type { OpenItem } from '../../../shared/types'
import type { Assessment } from './assessment'
import { dueEvidenceRows } from './assessment-queries'
import { DUE_EVIDENCE, packEvidenceQuery } from './pack-evidence'
import type Database from 'better-sqlite3'

/**
 * Everything an assessor would raise about an assessment, in the order a preparer fixes it:
 * requirements not in place or not tested and why, HIPAA addressable specifications without a
 * decision, controls without evidence in force or not applicable without a reason, stretches of
 * the period no AWS report covers, and evidence expired or expiring before the audit ends.
 */
export function openItems(db: Database.Database, assessment: Assessment): OpenItem[] {
  const items: OpenItem[] = []
  const { period } = assessment.options
  for (const framework of assessment.options.frameworks) {
    for (const node of assessment.tree(framework)) {
      if (node.result === 'not-in-place' || node.result === 'not-tested') {
        items.push({
          kind: node.result === 'not-in-place' ? 'requirement-not-in-place' : 'requirement-not-tested',
          framework,
          ref: node.ref,
          title: node.title,
          detail: node.reasons.join(' ')
        })
      }
      if (node.assessable && node.applicable && node.specification === 'Addressable' && node.decision === null) {
        items.push({
          kind: 'addressable-undecided',
          framework,
          ref: node.ref,
          title: node.title,
          detail:
            'Addressable specification: no decision recorded (implemented, an equivalent alternative, or not reasonable and appropriate, with the rationale).'
        })
      }
    }
  }

  const controls = assessment.assessedControlIds().map((id) => assessment.controls.get(id)!)
  const gapsByStretch = new Map<string, { controls: string[]; detail: string }>()
  for (const control of controls) {
    if (control.status === 'not-applicable') {
      if (!control.notApplicableReason.trim()) {
        items.push({
          kind: 'control-not-applicable-without-reason',
          controlId: control.id,
          title: control.title,
          detail: 'Marked not applicable with no reason recorded: say why, for the auditor.'
        })
      }
      continue
    }
    if (control.evidenceInForce === 0) {
      items.push({
        kind: 'control-without-evidence',
        controlId: control.id,
        title: control.title,
        detail:
          control.responsibility === 'aws'
            ? 'No AWS report covering the audit period is linked to it.'
            : 'No evidence in force for the audit period: nothing dated in the period, or only expired evidence.'
      })
      continue
    }
    for (const gap of reportGaps(control, period)) {
      const detail = describeReportGap(gap)
      const entry = gapsByStretch.get(detail) ?? { controls: [], detail }
      entry.controls.push(control.id)
      gapsByStretch.set(detail, entry)
    }
  }
  for (const entry of gapsByStretch.values()) {
    items.push({
      kind: 'report-gap',
      controlId: entry.controls[0]!,
      controlIds: entry.controls,
      title: `AWS-inherited controls ${entry.controls.join(', ')}`,
      detail: entry.detail
    })
  }

  const { judgedOn } = assessment.context
  const due = assessment.derived(DUE_EVIDENCE, () => dueEvidenceRows(db, packEvidenceQuery(assessment)))
  for (const row of due) {
    const expired = row.review_by < judgedOn
    items.push({
      kind: expired ? 'evidence-expired' : 'evidence-expiring',
      evidenceId: row.id,
      title: row.title,
      detail: expired
        ? `Expired: its review-by date ${row.review_by} has passed (supports ${row.controls.split(',').join(', ')}).`
        : `Review by ${row.review_by}${row.review_by <= period.end ? ', before the audit period ends' : ''} (supports ${row.controls.split(',').join(', ')}).`
    })
  }
  return items
}
