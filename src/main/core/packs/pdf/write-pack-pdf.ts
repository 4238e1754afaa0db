import { createHash, type Hash } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { pipeline } from 'node:stream/promises'
import { AppError } from '../../errors'
import { hashingTap } from '../../util/hashing-tap'
import type { PackContent } from '../pack-content'
import { destinations } from './labels'
import { PackDocument } from './pack-document'
import { writeAuditAppendix, writeExclusions, writeVerification } from './sections/appendix'
import { Contents, type ContentsEntry } from './sections/contents'
import { writeCover } from './sections/cover'
import { writeEvidenceIndex } from './sections/evidence-index'
import { writeMatrix } from './sections/matrix'
import { writeRequirements } from './sections/requirements'
import { writeSummary } from './sections/summary'

/** Media types whose content is already compressed: stored as they are rather than deflated again. */
const COMPRESSED =
  /^(application\/(pdf|zip|gzip|x-7z-compressed|vnd\.openxmlformats)|image\/(png|jpeg|gif|webp|heic)|video\/)/

export interface WrittenPdf {
  pages: number
  /** Length and SHA-256 of the PDF as written (before the signature is appended). */
  bodyLength: number
  bodySha256: string
  /** The hash of the body, still open: the signed file's hash continues from it. */
  hash: Hash
}

function contentsEntries(content: PackContent): ContentsEntry[] {
  const entries: ContentsEntry[] = [
    { title: 'Executive summary', destination: destinations.summary, level: 0 },
    { title: 'Shared-responsibility matrix', destination: destinations.matrix, level: 0 }
  ]
  for (const framework of content.frameworks) {
    entries.push({
      title: `${framework.name}: requirements and controls`,
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
  if (content.excluded.length || content.additional.length) {
    entries.push({ title: 'Controls taken out or added', destination: destinations.excluded, level: 0 })
  }
  entries.push(
    { title: 'Evidence index', destination: destinations.evidenceIndex, level: 0 },
    { title: 'Appendix: audit log of the period', destination: destinations.audit, level: 0 },
    { title: 'How to verify this pack', destination: destinations.verification, level: 0 }
  )
  return entries
}

/**
 * Writes a pack's PDF: cover, contents with bookmarks, summary, matrix, requirements, evidence
 * index, audit-log appendix and every evidence file attached (AFRelationship Data), in the
 * project's own fonts. Reports progress in steps; hashes the bytes as they are written.
 */
export async function writePackPdf(
  content: PackContent,
  options: { fontsDir: string; path: string; onProgress: (done: number, total: number) => void }
): Promise<WrittenPdf> {
  const pdf = new PackDocument(options.fontsDir, {
    title: `${content.pack.name} — evidence pack`,
    author: content.pack.preparer || content.pack.organisation,
    subject: `${content.frameworks.map((framework) => framework.name).join(', ')} evidence for ${content.pack.periodStart} to ${content.pack.periodEnd}`,
    created: new Date(content.pack.generatedAt)
  })
  const tap = hashingTap()
  const written = pipeline(
    pdf.doc,
    tap.stream,
    createWriteStream(options.path, { flags: 'wx', mode: 0o600, flush: true })
  )

  const total =
    content.frameworks.reduce((sum, framework) => sum + framework.requirements.length * 2, 0) +
    content.evidence.length * 2 +
    content.auditEntries.length
  let done = 0
  const progress = (): void => {
    done++
    if (done % 25 === 0) options.onProgress(done, total)
  }

  const contents = new Contents(contentsEntries(content))
  pdf.onHeading = (destination) => contents.mark(pdf, destination)
  writeCover(pdf, content)
  contents.reserve(pdf)
  writeSummary(pdf, content)
  writeMatrix(pdf, content, progress)
  writeRequirements(pdf, content, progress)
  writeExclusions(pdf, content)
  writeEvidenceIndex(pdf, content, progress)
  writeAuditAppendix(pdf, content, progress)
  writeVerification(pdf, content)

  for (const item of content.evidence) {
    const data = await readFile(item.path).catch(() => {
      throw new AppError(
        'INTEGRITY',
        `The stored file of ${item.id} is missing from the vault. Run Verify vault, then export again.`
      )
    })
    if (createHash('sha256').update(data).digest('hex') !== item.sha256) {
      throw new AppError(
        'INTEGRITY',
        `The stored file of ${item.id} no longer matches its SHA-256. Run Verify vault, then export again.`
      )
    }
    const compress = pdf.doc.compress
    pdf.doc.compress = compress && !COMPRESSED.test(item.mediaType)
    pdf.doc.file(data, {
      name: item.fileName,
      type: item.mediaType,
      description: `${item.id}: ${item.title}`,
      relationship: 'Data',
      creationDate: new Date(content.pack.generatedAt),
      modifiedDate: new Date(content.pack.generatedAt)
    })
    pdf.doc.compress = compress
    progress()
  }

  contents.write(pdf)
  const pages = pdf.footers(
    (page, count) =>
      `Confidential · ${content.pack.organisation} evidence pack${content.pack.auditor ? ` for ${content.pack.auditor}` : ''} · Page ${page} of ${count}`
  )
  pdf.doc.end()
  await written
  options.onProgress(total, total)
  return { pages, bodyLength: tap.size(), bodySha256: tap.hash.copy().digest('hex'), hash: tap.hash }
}
