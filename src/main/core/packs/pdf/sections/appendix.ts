import type { PackAuditEntry, PackContent } from '../../pack-content'
import { AUDIT_APPENDIX_LIMIT } from '../../pack-content'
import { destinations } from '../labels'
import { COLORS, FONT_SIZE, type Cell, type Column, type PackDocument } from '../pack-document'

const AUDIT_COLUMNS: Column[] = [
  { label: '#', width: 44, align: 'right' },
  { label: 'When (UTC)', width: 76 },
  { label: 'Who', width: 70 },
  { label: 'What', width: 305 }
]

/** Entries in a row of the same kind, by the same person in the same minute, print as one (from this many). */
const RUN = 4

/** Consecutive entries of one kind made together (a library loaded, a batch imported): one row naming each. */
function runsOf(entries: PackAuditEntry[]): PackAuditEntry[][] {
  const runs: PackAuditEntry[][] = []
  for (const entry of entries) {
    const last = runs.at(-1)?.[0]
    if (
      last &&
      last.action === entry.action &&
      last.actor === entry.actor &&
      last.at.slice(0, 16) === entry.at.slice(0, 16)
    ) {
      runs.at(-1)!.push(entry)
    } else runs.push([entry])
  }
  return runs.flatMap((run) => (run.length >= RUN ? [run] : run.map((entry) => [entry])))
}

/** Controls taken out of the pack or added to it, and why. */
export function writeExclusions(pdf: PackDocument, content: PackContent): void {
  if (content.excluded.length === 0 && content.additional.length === 0) return
  pdf.section('Controls taken out or added', destinations.excluded)
  for (const item of content.excluded) {
    pdf.keepTogether(pdf.measure([{ text: item.reason }], pdf.width - 10) + 16)
    pdf.runs([{ text: `${item.id}  ${item.title}`, font: 'bold' }])
    pdf.paragraph(`Taken out of this pack: ${item.reason}`, { indent: 10, color: COLORS.muted })
    pdf.space(0.4)
  }
  for (const id of content.additional) {
    const control = content.controls[id]!
    pdf.keepTogether(32)
    pdf.runs([{ text: `${control.id}  ${control.title}`, font: 'bold', goTo: destinations.control(control.id) }])
    pdf.paragraph(`Added to this pack: ${control.addedReason ?? ''}`, { indent: 10, color: COLORS.muted })
    pdf.space(0.4)
  }
}

/** The audit-log entries of the period about the pack's controls, requirements, evidence and the pack, with the chain's head. */
export function writeAuditAppendix(pdf: PackDocument, content: PackContent, progress: () => void): void {
  const { audit, pack } = content
  pdf.section('Appendix: audit log', destinations.audit)
  pdf.paragraph(
    `Changes between ${pack.periodStart} and ${pack.periodEnd} to this pack's controls, its frameworks' requirements and catalogs, its evidence and the pack itself: ${audit.entries.length} of the ${audit.periodEntries} entries the register holds for the period${audit.entries.length >= AUDIT_APPENDIX_LIMIT ? ` (the first ${AUDIT_APPENDIX_LIMIT} are printed)` : ''}. Every entry of the period is attached as JSON Lines${audit.logName ? ` (${audit.logName})` : ''}, each with the SHA-256 of its content and of the entry before it, so the chain can be checked entry by entry.`,
    { color: COLORS.muted }
  )
  pdf.space(0.4)
  if (audit.head) {
    pdf.runs(
      [{ text: 'Head of the chain when the pack was made: ', font: 'bold' }, { text: `entry ${audit.head.seq}` }],
      {
        size: FONT_SIZE.small
      }
    )
    pdf.runs([{ text: audit.head.hash, font: 'mono' }], { size: FONT_SIZE.small })
  }
  pdf.space(0.6)
  if (audit.entries.length === 0) {
    pdf.paragraph('No changes to what this pack covers were recorded in the period.')
    return
  }
  const rows = function* (): Generator<Cell[]> {
    for (const run of runsOf(audit.entries)) {
      const first = run[0]!
      yield [
        [{ text: run.length === 1 ? String(first.seq) : `${first.seq}–${run.at(-1)!.seq}` }],
        [{ text: first.at.replace('T', ' ').slice(0, 16) }],
        [{ text: first.actor }],
        run.length === 1
          ? [{ text: first.summary }]
          : [
              { text: `${first.summary}, and ${run.length - 1} more like it:` },
              {
                text: run
                  .slice(1)
                  .map((entry) => `${entry.entityId} (#${entry.seq})`)
                  .join(', '),
                color: COLORS.muted
              }
            ]
      ]
    }
  }
  pdf.table(AUDIT_COLUMNS, rows(), { zebra: true, onRow: progress })
}
