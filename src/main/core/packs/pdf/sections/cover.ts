import { formatFingerprint } from '../../../../../shared/fingerprint'
import { describeCoverage } from '../../../../../shared/compliance/results'
import type { PackContent } from '../../pack-content'
import { COLORS, FONT_SIZE, type PackDocument } from '../pack-document'

/** Page one: who, what, which scope and period, prepared by whom, the results, and how to check the pack. */
export function writeCover(pdf: PackDocument, content: PackContent): void {
  const { doc } = pdf
  const { pack } = content
  doc.y = 130
  pdf.font('regular', 10, COLORS.muted).text('EVIDENCE PACK', pdf.left, doc.y, { characterSpacing: 2 })
  doc.moveDown(0.6)
  pdf.runs([{ text: pack.organisation, font: 'bold' }], { size: 26 })
  doc.moveDown(0.2)
  pdf.runs(
    [
      {
        text: content.frameworks.map((framework) => `${framework.name} ${framework.version}`).join(' · '),
        color: COLORS.accent
      }
    ],
    { size: 14 }
  )
  doc.moveDown(0.3)
  pdf.runs([{ text: pack.name, color: COLORS.muted }], { size: 11 })
  doc.moveDown(1.5)
  pdf.facts(
    [
      ['Audit period', `${pack.periodStart} to ${pack.periodEnd}`],
      ['Scope', pack.scopeLabel],
      ['Prepared for', pack.auditor],
      ['Prepared by', pack.preparer],
      ['Generated', pack.generatedAt.replace('T', ' ').slice(0, 16) + ' UTC'],
      ...content.frameworks.map((framework): [string, string] => [
        `${framework.shortName} results`,
        describeCoverage(framework.results)
      ]),
      [
        'Contents',
        `${Object.keys(content.controls).length} controls · ${content.evidence.length} evidence files, attached to this PDF · ${content.openItems.length} open items`
      ]
    ],
    110
  )
  doc.moveDown(1.5)
  pdf.artifact(() => doc.rect(pdf.left, doc.y, pdf.width, 0.5).fill(COLORS.rule))
  doc.moveDown(1)
  pdf.paragraph(
    'Every evidence file is attached to this PDF. A manifest of the pack, with the SHA-256 of every file and of the document itself, is attached too and signed with the key whose fingerprint is below. To check the pack, open it in Evidence Desk (Verify a pack) or run "evidence-desk pack verify" on it, and compare the fingerprint with the one the preparer gave you separately.',
    { color: COLORS.muted }
  )
  doc.moveDown(0.6)
  pdf.runs([{ text: 'Signing key fingerprint (SHA-256)', font: 'bold', color: COLORS.muted }])
  pdf.runs([{ text: formatFingerprint(content.signing.fingerprint), font: 'mono' }])
  doc.moveDown(1.5)
  pdf.runs([{ text: 'CONFIDENTIAL', font: 'bold', color: COLORS.red }])
  pdf.paragraph(
    `Prepared for ${pack.auditor || 'the auditor'}. It contains AWS's third-party reports, which AWS makes available under the AWS Artifact terms: share them only with those the terms allow.`,
    { size: FONT_SIZE.small, color: COLORS.muted }
  )
}
