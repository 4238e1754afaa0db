import type { Hash } from 'node:crypto'
import { safeText } from '../../../../shared/safe-text'
import type { AttachedEvidence, PackContent } from '../pack-content'
import { attachFile } from './attach-file'
import { destinations } from './labels'
import { PackDocument } from './pack-document'
import { PdfOutput } from './pdf-output'
import { writeAuditAppendix, writeExclusions } from './sections/appendix'
import { writeVerification } from './sections/verification'
import { writeContents, type ContentsEntry } from './sections/contents'
import { writeControls } from './sections/controls'
import { writeCover } from './sections/cover'
import { writeEvidenceIndex } from './sections/evidence-index'
import { writeMatrix } from './sections/matrix'
import { writeMethod } from './sections/method'
import { writeOpenItems } from './sections/open-items'
import { writeRequirements } from './sections/requirements'
import { writeScope } from './sections/scope'
import { writeSummary } from './sections/summary'

export interface WrittenPdf {
  pages: number
  /** Length and SHA-256 of the PDF as written (before the signature is appended). */
  bodyLength: number
  bodySha256: string
  /** The hash of the body, still open: the signed file's hash continues from it. */
  hash: Hash
  /** The attachments besides the evidence (the audit log), as the manifest lists them. */
  extras: { id: string; name: string; size: number; sha256: string; mediaType: string }[]
}

function contentsEntries(content: PackContent): ContentsEntry[] {
  const entries: ContentsEntry[] = [
    { title: 'Scope and context', destination: destinations.scope, level: 0 },
    { title: 'How results are decided', destination: destinations.method, level: 1 },
    { title: 'Results summary', destination: destinations.summary, level: 0 },
    { title: `Open items (${content.openItems.length})`, destination: destinations.openItems, level: 0 },
    { title: 'Shared-responsibility matrix', destination: destinations.matrix, level: 0 },
    { title: `Controls (${Object.keys(content.controls).length})`, destination: destinations.controls, level: 0 }
  ]
  for (const framework of content.frameworks) {
    entries.push({
      title: `${framework.name}: requirements`,
      destination: destinations.framework(framework.id),
      level: 0
    })
    for (const requirement of framework.requirements) {
      if (!requirement.assessable && requirement.depth === 0) {
        entries.push({
          title: `${requirement.ref}  ${requirement.title}`,
          destination: `${destinations.framework(framework.id)}-${requirement.ref}`,
          level: 1
        })
      }
    }
  }
  entries.push({
    title: `Evidence index (${content.evidence.length})`,
    destination: destinations.evidenceIndex,
    level: 0
  })
  if (content.excluded.length || content.additional.length) {
    entries.push({ title: 'Controls taken out or added', destination: destinations.excluded, level: 0 })
  }
  entries.push(
    { title: 'Appendix: audit log', destination: destinations.audit, level: 0 },
    { title: 'How to verify this pack', destination: destinations.verification, level: 0 }
  )
  return entries
}

/**
 * Writes a pack's PDF: cover, contents with bookmarks, scope, results summary and method, open
 * items, the matrix, each control once, every requirement, the evidence index, the audit-log
 * appendix and how to verify; every evidence file and the period's audit log attached
 * (AFRelationship Data), in the project's own fonts. Reports progress in steps; hashes the bytes
 * as they are written.
 */
export async function writePackPdf(
  content: PackContent,
  options: {
    fontsDir: string
    path: string
    onProgress: (done: number, total: number) => void
    /**
     * Called once the pages are laid out, before the files are attached: what only they needed may
     * go. Returns the evidence files to attach (the content's, or the same files with less of them kept).
     */
    onPagesWritten?: () => readonly AttachedEvidence[]
  }
): Promise<WrittenPdf> {
  const frameworks = content.frameworks.map((framework) => framework.name).join(', ')
  const pdf = new PackDocument(options.fontsDir, {
    title: `${content.pack.organisation}: ${content.pack.name}`,
    author: content.pack.preparer || content.pack.organisation,
    subject: `${frameworks} evidence for ${content.pack.periodStart} to ${content.pack.periodEnd}`,
    created: new Date(content.pack.generatedAt)
  })
  const output = new PdfOutput(pdf.doc, options.path)
  try {
    const pages = await writeBody(pdf, content, output, options.onProgress, options.onPagesWritten)
    await output.close()
    return { ...pages, bodyLength: output.size, bodySha256: output.hash.copy().digest('hex'), hash: output.hash }
  } catch (error) {
    output.discard()
    throw error
  }
}

async function writeBody(
  pdf: PackDocument,
  content: PackContent,
  output: PdfOutput,
  onProgress: (done: number, total: number) => void,
  onPagesWritten: (() => readonly AttachedEvidence[]) | undefined
): Promise<Pick<WrittenPdf, 'pages' | 'extras'>> {
  await output.flowing()
  const requirements = content.frameworks.reduce((sum, framework) => sum + framework.requirements.length, 0)
  const total =
    requirements * 2 + Object.keys(content.controls).length + content.evidence.length * 2 + content.audit.entries.length
  let done = 0
  const progress = (): void => {
    done++
    if (done % 25 === 0) onProgress(done, total)
  }

  writeCover(pdf, content)
  writeContents(pdf, contentsEntries(content))
  writeMethod(pdf, writeScope(pdf, content))
  writeSummary(pdf, content)
  writeOpenItems(pdf, content)
  writeMatrix(pdf, content, progress)
  writeControls(pdf, content, progress)
  writeRequirements(pdf, content, progress)
  writeEvidenceIndex(pdf, content, progress)
  writeExclusions(pdf, content)
  writeAuditAppendix(pdf, content, progress)
  writeVerification(pdf, content)
  pdf.pagesWritten()
  const attached = onPagesWritten?.() ?? content.evidence

  const date = new Date(content.pack.generatedAt)
  for (const item of attached) {
    await attachFile(pdf.doc, {
      path: item.path,
      name: item.fileName,
      mediaType: item.mediaType,
      description: `${item.id}: ${safeText(item.title)}`,
      sha256: item.sha256,
      what: item.id,
      date
    })
    progress()
  }
  const extras: WrittenPdf['extras'] = []
  if (content.audit.logPath) {
    const name = content.audit.logName
    const log = await attachFile(pdf.doc, {
      path: content.audit.logPath,
      name,
      mediaType: 'application/jsonl',
      description: `The register's audit log for ${content.pack.periodStart} to ${content.pack.periodEnd}, as JSON Lines`,
      sha256: null,
      what: 'the audit log',
      date
    })
    extras.push({ id: 'audit-log', name, size: log.size, sha256: log.sha256, mediaType: 'application/jsonl' })
  }

  const pages = pdf.finish(
    (page, count) =>
      `Confidential · ${content.pack.organisation} evidence pack${content.pack.auditor ? ` for ${content.pack.auditor}` : ''} · Page ${page} of ${count}`
  )
  onProgress(total, total)
  return { pages, extras }
}
