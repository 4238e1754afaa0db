import { PDFDocument, PDFName, PDFString } from 'pdf-lib'
import PDFDocumentKit from 'pdfkit'
import { samplePdf } from '../../samples/sample-pdf'

const created = new Date('2026-11-01T09:00:00Z')

/** An AWS Artifact-style download: a cover page with the report embedded as an attachment. */
export async function artifactWrapper(
  report = 'SOC 2 Type 2 Report for the period October 1, 2025 to March 31, 2026. Service auditor: Example Assurance LLP'
) {
  const inner = await samplePdf({ title: 'AWS SOC 2 Type 2 Report', lines: [report], created })
  const wrapper = await samplePdf({
    title: 'AWS SOC 2 Type 2 (download)',
    lines: ['Open the attachment to read the report.'],
    attachments: [{ name: 'SOC2-report.pdf', bytes: inner }],
    created
  })
  return { wrapper, inner }
}

/** A PDF protected by a password, as some downloaded reports are. */
export function encryptedPdf(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const document = new PDFDocumentKit({ userPassword: 'secret', ownerPassword: 'owner', pdfVersion: '1.7' })
    const chunks: Buffer[] = []
    document.on('data', (chunk: Buffer) => chunks.push(chunk))
    document.on('end', () => resolve(Buffer.concat(chunks)))
    document.on('error', reject)
    document.text('SOC 2 Type 2 report, confidential.')
    document.end()
  })
}

/** A PDF whose list of attachments names a file it does not contain. */
export async function pdfClaimingMissingAttachment(): Promise<Buffer> {
  const document = await PDFDocument.create()
  document.addPage()
  const context = document.context
  const fileSpec = context.obj({
    Type: 'Filespec',
    F: PDFString.of('missing-report.pdf'),
    UF: PDFString.of('missing-report.pdf')
  })
  const tree = context.obj({ Names: [PDFString.of('missing-report.pdf'), context.register(fileSpec)] })
  document.catalog.set(PDFName.of('Names'), context.obj({ EmbeddedFiles: tree }))
  return Buffer.from(await document.save())
}
