import { createHash, type Hash } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { pipeline } from 'node:stream/promises'
import { AppError } from '../../errors'
import { hashingTap } from '../../util/hashing-tap'
import { safeText } from '../../../../shared/safe-text'
import type { PackContent } from '../pack-content'
import { destinations } from './labels'
import { PackDocument } from './pack-document'
import { writeAuditAppendix, writeExclusions } from './sections/appendix'
import { writeVerification } from './sections/verification'
import { Contents, type ContentsEntry } from './sections/contents'
import { writeControls } from './sections/controls'
import { writeCover } from './sections/cover'
import { writeEvidenceIndex } from './sections/evidence-index'
import { writeMatrix } from './sections/matrix'
import { writeMethod } from './sections/method'
import { writeOpenItems } from './sections/open-items'
import { writeRequirements } from './sections/requirements'
import { writeScope } from './sections/scope'
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

/** Reads a file the pack attaches, checking it is still the one the register recorded. */
async function readChecked(path: string, sha256: string | null, what: string): Promise<Buffer> {
  const data = await readFile(path).catch(() => {
    throw new AppError(
      'INTEGRITY',
      `The stored file of ${what} is missing from the vault. Run Verify vault, then export again.`
    )
  })
  if (sha256 !== null && createHash('sha256').update(data).digest('hex') !== sha256) {
    throw new AppError(
      'INTEGRITY',
      `The stored file of ${what} no longer matches its SHA-256. Run Verify vault, then export again.`
    )
  }
  return data
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
  options: { fontsDir: string; path: string; onProgress: (done: number, total: number) => void }
): Promise<WrittenPdf> {
  const frameworks = content.frameworks.map((framework) => framework.name).join(', ')
  const pdf = new PackDocument(options.fontsDir, {
    title: `${content.pack.organisation}: ${content.pack.name}`,
    author: content.pack.preparer || content.pack.organisation,
    subject: `${frameworks} evidence for ${content.pack.periodStart} to ${content.pack.periodEnd}`,
    created: new Date(content.pack.generatedAt)
  })
  const tap = hashingTap()
  const written = pipeline(
    pdf.doc,
    tap.stream,
    createWriteStream(options.path, { flags: 'wx', mode: 0o600, flush: true })
  )

  const requirements = content.frameworks.reduce((sum, framework) => sum + framework.requirements.length, 0)
  const total =
    requirements * 2 + Object.keys(content.controls).length + content.evidence.length * 2 + content.audit.entries.length
  let done = 0
  const progress = (): void => {
    done++
    if (done % 25 === 0) options.onProgress(done, total)
  }

  const contents = new Contents(contentsEntries(content))
  pdf.onHeading = (destination) => contents.mark(pdf, destination)
  writeCover(pdf, content)
  contents.reserve(pdf)
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

  const attach = (data: Buffer, item: { name: string; type: string; description: string }): void => {
    const compress = pdf.doc.compress
    pdf.doc.compress = compress && !COMPRESSED.test(item.type)
    pdf.doc.file(data, {
      ...item,
      relationship: 'Data',
      creationDate: new Date(content.pack.generatedAt),
      modifiedDate: new Date(content.pack.generatedAt)
    })
    pdf.doc.compress = compress
  }
  for (const item of content.evidence) {
    const data = await readChecked(item.path, item.sha256, item.id)
    attach(data, { name: item.fileName, type: item.mediaType, description: `${item.id}: ${safeText(item.title)}` })
    progress()
  }
  const extras: WrittenPdf['extras'] = []
  if (content.audit.logPath) {
    const log = await readChecked(content.audit.logPath, null, 'the audit log')
    const entry = {
      id: 'audit-log',
      name: content.audit.logName,
      size: log.length,
      sha256: createHash('sha256').update(log).digest('hex'),
      mediaType: 'application/jsonl'
    }
    attach(log, {
      name: entry.name,
      type: entry.mediaType,
      description: `The register's audit log for ${content.pack.periodStart} to ${content.pack.periodEnd}, as JSON Lines`
    })
    extras.push(entry)
  }

  contents.write(pdf)
  pdf.fillPageRefs()
  const pages = pdf.footers(
    (page, count) =>
      `Confidential · ${content.pack.organisation} evidence pack${content.pack.auditor ? ` for ${content.pack.auditor}` : ''} · Page ${page} of ${count}`
  )
  pdf.doc.end()
  await written
  options.onProgress(total, total)
  return { pages, bodyLength: tap.size(), bodySha256: tap.hash.copy().digest('hex'), hash: tap.hash, extras }
}
