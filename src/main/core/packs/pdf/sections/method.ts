import { RESULT_RULE } from '../../../../../shared/compliance/method'
import { destinations } from '../labels'
import { COLORS, type PackDocument } from '../pack-document'

/** How results are decided: the one result rule, in the words the app's README uses. */
export function writeMethod(pdf: PackDocument, outline: PDFKit.PDFOutline | null): void {
  pdf.heading('How results are decided', destinations.method, 'h2', outline, 80)
  pdf.small('One rule decides every result, here as in Evidence Desk, for this pack’s period and scope:', COLORS.ink)
  pdf.space(0.2)
  pdf.list(RESULT_RULE, ({ term, text }) => {
    pdf.keepTogether(pdf.measure([{ text: `${term}. ${text}` }], pdf.width - 10))
    pdf.runs([{ text: `${term}. `, font: 'bold' }, { text }], { indent: 10 })
    pdf.space(0.15)
  })
}
