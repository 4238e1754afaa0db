import { formatFingerprint } from '../../../../../shared/fingerprint'
import type { PackContent } from '../../pack-content'
import { COLORS, type PackDocument } from '../pack-document'

/** Page one: who, what, which scope and period, prepared by whom, and how to check the pack. */
export function writeCover(pdf: PackDocument, content: PackContent): void {
  const { doc } = pdf
  const { pack } = content
  doc.y = 150
  pdf.font('regular', 10, COLORS.muted).text('EVIDENCE PACK', pdf.left, doc.y, { characterSpacing: 2 })
  doc.moveDown(0.6)
  pdf.font('bold', 26).text(pack.organisation, { width: pdf.width })
  doc.moveDown(0.2)
  pdf
    .font('regular', 15, COLORS.accent)
    .text(content.frameworks.map((framework) => `${framework.name} ${framework.version}`).join(' · '), {
      width: pdf.width
    })
  doc.moveDown(0.4)
  pdf.font('regular', 11, COLORS.muted).text(pack.name, { width: pdf.width })
  doc.moveDown(2)
  pdf.facts(
    [
      ['Audit period', `${pack.periodStart} to ${pack.periodEnd}`],
      ['Scope', pack.scopeLabel],
      ['Prepared for', pack.auditor],
      ['Prepared by', pack.preparer],
      ['Generated', pack.generatedAt.replace('T', ' ').slice(0, 16) + ' UTC'],
      [
        'Contents',
        `${Object.keys(content.controls).length} controls · ${content.evidence.length} evidence files, attached to this PDF`
      ]
    ],
    110
  )
  doc.moveDown(2)
  doc.rect(pdf.left, doc.y, pdf.width, 0.5).fill(COLORS.rule)
  doc.moveDown(1)
  pdf.paragraph(
    'Every evidence file is attached to this PDF. A manifest of the pack, with the SHA-256 of every file and of the document itself, is attached too and signed with the key whose fingerprint is below. To check the pack, open it in Evidence Desk (Verify a pack) or run "evidence-desk pack verify" on it, and compare the fingerprint with the one the preparer gave you separately.',
    { size: 8.5, color: COLORS.muted }
  )
  doc.moveDown(0.6)
  pdf.font('bold', 8.5, COLORS.muted).text('Signing key fingerprint (SHA-256)')
  pdf.font('mono', 8.5).text(formatFingerprint(content.signing.fingerprint), { width: pdf.width })
  doc.moveDown(2)
  pdf.font('bold', 8.5, COLORS.red).text('CONFIDENTIAL', { characterSpacing: 1 })
  pdf.paragraph(
    `Prepared for ${pack.auditor || 'the auditor'}. It contains AWS's third-party reports, which AWS makes available under the AWS Artifact terms: share them only with those the terms allow.`,
    { size: 8, color: COLORS.muted }
  )
}
