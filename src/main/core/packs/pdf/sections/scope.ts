import type { PackContent } from '../../pack-content'
import { destinations } from '../labels'
import { COLORS, type Cell, type Column, type PackDocument } from '../pack-document'

const ACCOUNT_COLUMNS: Column[] = [
  { label: 'Account', width: 78 },
  { label: 'Id', width: 70 },
  { label: 'Organizational unit', width: 90 },
  { label: 'Environment', width: 60 },
  { label: 'Purpose', width: 145 },
  { label: 'In scope', width: 45 }
]

/** Who and what the pack covers: the organisation, frameworks, period, AWS accounts in and out of scope, and the preparer's scope statement. */
export function writeScope(pdf: PackDocument, content: PackContent): PDFKit.PDFOutline {
  const { pack } = content
  const outline = pdf.section('Scope and context', destinations.scope)
  pdf.facts(
    [
      ['Organisation', pack.organisation],
      ['Frameworks', content.frameworks.map((framework) => `${framework.name} ${framework.version}`).join('; ')],
      ['Audit period', `${pack.periodStart} to ${pack.periodEnd}`],
      [
        'Evidence judged on',
        pack.judgedOn === pack.periodEnd
          ? `${pack.judgedOn}, the end of the audit period`
          : `${pack.judgedOn}, the day the pack was made (the audit period had not ended)`
      ],
      ['Scope', pack.scopeLabel]
    ],
    120
  )
  if (pack.organisationDescription) {
    pdf.space(0.5)
    pdf.paragraph(pack.organisationDescription)
  }
  pdf.heading('Scope statement', `${destinations.scope}-statement`, 'h2', outline)
  pdf.paragraph(
    pack.scopeStatement || 'The preparer wrote no scope statement for this pack.',
    pack.scopeStatement ? {} : { color: COLORS.muted, font: 'italic' }
  )
  pdf.heading('AWS accounts', `${destinations.scope}-accounts`, 'h2', outline)
  if (pack.accounts.length === 0) {
    pdf.paragraph('No AWS accounts are recorded in the register: the pack covers the organisation as a whole.', {
      color: COLORS.muted
    })
    return outline
  }
  pdf.small('Evidence of an account belongs to the pack when the account is in scope; evidence of no account, always.')
  pdf.space(0.3)
  const rows = pack.accounts.map((account): Cell[] => [
    [{ text: account.name + (account.retired ? ' (retired)' : ''), font: 'bold' }],
    [{ text: account.accountId, font: 'mono' }],
    [{ text: account.organizationalUnit || '—' }],
    [{ text: account.environment || '—' }],
    [{ text: account.purpose || '—' }],
    [{ text: account.inScope ? 'In scope' : 'Out of scope', color: account.inScope ? COLORS.ink : COLORS.muted }]
  ])
  pdf.table(ACCOUNT_COLUMNS, rows, { zebra: true })
  return outline
}
