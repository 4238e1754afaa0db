/**
 * The packs suite's baseline: pdfkit as its README shows it, writing as many pages as a pack, of the
 * same text density, with the pack's own words, in the same fonts, with the same evidence files
 * attached. Run in a worker thread
 * of the same process (as the export is), so both pay for a worker and the main thread stays free.
 */
import { once } from 'node:events'
import { createWriteStream, existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads'
import PDFDocument from 'pdfkit'
import type { PackContent } from '../src/main/core/packs/pack-content'

/** Types the pack writer stores as they are rather than deflating again (write-pack-pdf.ts). */
const COMPRESSED =
  /^(application\/(pdf|zip|gzip|x-7z-compressed|vnd\.openxmlformats)|image\/(png|jpeg|gif|webp|heic)|video\/)/

export interface Density {
  /** Text runs (pdf.js text items) per page, and characters per run, averaged over a pack. */
  runsPerPage: number
  charsPerRun: number
}

export interface RawPdfInput {
  path: string
  pages: number
  density: Density
  /** The pack's texts in its order (packTexts), drawn one per text run, in turn. */
  texts: string[]
  fontsDir: string
  attachments: { path: string; name: string; mediaType: string; description: string }[]
}

/**
 * What a pack prints, in its order: requirements, controls with their statements and evidence,
 * the evidence index and the audit log. The same words cost pdfkit the same to lay out (it
 * caches each word's layout), so the baseline draws these rather than text of its own.
 */
export function packTexts(content: PackContent): string[] {
  const texts: string[] = []
  for (const framework of content.frameworks) {
    for (const requirement of framework.requirements) {
      texts.push(`${requirement.ref}  ${requirement.title}`, requirement.controls.join(' '), ...requirement.reasons)
    }
  }
  for (const control of Object.values(content.controls)) {
    texts.push(
      `${control.id}  ${control.title}`,
      `${control.owner} · ${control.status}`,
      control.statement,
      control.rationale
    )
  }
  for (const item of content.openItems) texts.push(item.title, item.detail)
  for (const item of content.evidence) {
    texts.push(item.id, item.title, item.kind, `SHA-256 ${item.sha256}`, `Attached as ${item.fileName}`)
  }
  for (const entry of content.audit.entries) texts.push(String(entry.seq), entry.at, entry.actor, entry.summary)
  return texts.filter(Boolean)
}

/**
 * The texts cut at spaces into runs of about `length` characters (as the pack's runs are: one line
 * of a cell or of a wrapped paragraph), so that every run fits on its line; a longer word is split.
 */
function chunks(texts: string[], length: number): string[] {
  const runs: string[] = []
  for (const text of texts) {
    let run = ''
    for (const word of text.split(/\s+/).flatMap((part) => part.match(new RegExp(`.{1,${length}}`, 'g')) ?? [])) {
      if (run && run.length + 1 + word.length > length) {
        runs.push(run)
        run = ''
      }
      run = run ? `${run} ${word}` : word
    }
    if (run) runs.push(run)
  }
  return runs
}

/**
 * Streams a PDF to a file: `pages` pages, each with as many single-line text runs as the pack's
 * pages carry, each run one of the pack's texts in turn, laid out in rows of columns (a table's cells, each given
 * its column's width as any boxed text is), in the pack's fonts and sizes; then the attachments,
 * through doc.file. No outline, links, buffered pages or footers. Returns the pages written.
 */
export async function writeRawPdf(input: RawPdfInput): Promise<number> {
  const doc = new PDFDocument({ size: 'A4', margins: { top: 56, bottom: 56, left: 50, right: 50 } })
  const fonts = ['NotoSans-Regular', 'NotoSans-Bold', 'NotoSans-Italic', 'NotoSansMono-Regular']
  fonts.forEach((font, index) => doc.registerFont(`f${index}`, join(input.fontsDir, `${font}.ttf`)))
  const out = createWriteStream(input.path)
  doc.pipe(out)
  let written = 1
  doc.on('pageAdded', () => written++)

  const runsText = chunks(input.texts, Math.max(8, Math.round(input.density.charsPerRun)))
  const rows = 52
  const runs = Math.round(input.density.runsPerPage)
  const perRow = Math.max(1, Math.ceil(runs / rows))
  const columnWidth = (doc.page.width - 100) / perRow
  for (let page = 0; page < input.pages; page++) {
    if (page > 0) doc.addPage()
    for (let run = 0; run < runs; run++) {
      doc
        .font(`f${run % fonts.length}`)
        .fontSize(run % 2 ? 8.5 : 7.5)
        .fillColor(run % 2 ? '#1a1d23' : '#5b6472')
        .text(
          runsText[(page * runs + run) % runsText.length]!,
          50 + (run % perRow) * columnWidth,
          56 + Math.floor(run / perRow) * 14,
          { width: columnWidth - 6, lineBreak: false }
        )
    }
  }
  for (const attachment of input.attachments) {
    const compress = doc.compress
    doc.compress = compress && !COMPRESSED.test(attachment.mediaType)
    doc.file(await readFile(attachment.path), {
      name: attachment.name,
      type: attachment.mediaType,
      description: attachment.description,
      relationship: 'Data'
    })
    doc.compress = compress
  }
  doc.end()
  await once(out, 'close')
  return written
}

/**
 * Runs writeRawPdf in a worker thread of its own: this module's bundle beside the caller's when the
 * bench runs bundled (bundle.ts), else this module through tsx.
 */
export function writeRawPdfInWorker(input: RawPdfInput): Promise<number> {
  const bundled = join(__dirname, 'raw-pdfkit.js')
  const worker = existsSync(bundled)
    ? new Worker(bundled, { workerData: input })
    : new Worker(__filename, {
        execArgv: ['--import', pathToFileURL(createRequire(__filename).resolve('tsx')).href],
        workerData: input
      })
  return new Promise<number>((resolvePromise, reject) => {
    worker.once('message', (pages: number) => resolvePromise(pages))
    worker.once('error', reject)
    worker.once('exit', (code) => reject(new Error(`The baseline worker stopped (exit code ${code}).`)))
  }).finally(() => void worker.terminate())
}

if (!isMainThread && (workerData as RawPdfInput | undefined)?.density) {
  void writeRawPdf(workerData as RawPdfInput).then((pages) => parentPort!.postMessage(pages))
}
