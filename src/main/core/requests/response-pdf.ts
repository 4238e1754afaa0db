import { createWriteStream } from 'node:fs'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { REQUEST_STATUS_LABELS, type AuditRequest } from '../../../shared/spreadsheets'
import { COLORS, PackDocument, type Cell } from '../packs/pdf/pack-document'
import { hashingTap } from '../util/hashing-tap'
import type { EvidenceFile } from './request-export'

/** What the worker typesets: one response PDF per request, written into `dir` as 0.pdf, 1.pdf, … */
export interface ResponsePdfInput {
  fontsDir: string
  dir: string
  generatedAt: string
  generatedBy: string
  pack: { name: string; organisation: string; periodStart: string; periodEnd: string }
  responses: {
    request: AuditRequest
    evidence: EvidenceFile[]
    controls: { id: string; title: string }[]
    /** Where the request's evidence files are in the ZIP. */
    paths: string[]
  }[]
}

export type ResponsePdfOutput = { path: string; size: number; sha256: string }[]

/** Writes every response PDF of a request list, reporting each one done. */
export async function writeResponsePdfs(
  input: ResponsePdfInput,
  progress: (done: number, total: number) => void
): Promise<ResponsePdfOutput> {
  const written: ResponsePdfOutput = []
  for (const [index, response] of input.responses.entries()) {
    const path = join(input.dir, `${index}.pdf`)
    const result = await writeResponsePdf(
      { ...response, pack: input.pack, generatedAt: input.generatedAt, generatedBy: input.generatedBy },
      { fontsDir: input.fontsDir, path }
    )
    written.push({ path, ...result })
    progress(index + 1, input.responses.length)
  }
  return written
}

interface ResponseContent {
  pack: ResponsePdfInput['pack']
  request: AuditRequest
  evidence: EvidenceFile[]
  controls: { id: string; title: string }[]
  paths: string[]
  generatedAt: string
  generatedBy: string
}

/** One request's response as a PDF, in the pack's typography. Written to `path` (which must not exist). */
export async function writeResponsePdf(
  content: ResponseContent,
  options: { fontsDir: string; path: string }
): Promise<{ sha256: string; size: number }> {
  const { pack, request } = content
  const pdf = new PackDocument(options.fontsDir, {
    title: `Response to request ${request.id}`,
    author: content.generatedBy,
    subject: `${pack.organisation}'s response to request ${request.id} of ${pack.name}`,
    created: new Date(content.generatedAt)
  })
  const tap = hashingTap()
  const written = pipeline(pdf.doc, tap.stream, createWriteStream(options.path, { flags: 'wx', mode: 0o600 }))
  pdf.heading(`Request ${request.id}`, 'request', 'h1')
  pdf.small(
    `${pack.name} · ${pack.organisation} · audit period ${pack.periodStart} to ${pack.periodEnd} · answered ${content.generatedAt.slice(0, 10)} by ${content.generatedBy}`
  )
  pdf.space()
  pdf.facts([
    ['Request', request.id],
    ['Reference', request.reference || 'None given'],
    ['Status', REQUEST_STATUS_LABELS[request.status]],
    ['Assignee', request.assignee || 'Nobody assigned'],
    ['Due date', request.dueDate ? `${request.dueDate}${request.overdue ? ' (overdue)' : ''}` : 'None given']
  ])
  pdf.heading('What was requested', 'details', 'h2')
  pdf.paragraph(request.details || 'No details given.')
  pdf.heading('Response', 'response', 'h2')
  pdf.paragraph(request.note || 'No response note.')

  pdf.heading(`Linked controls (${request.controls.length})`, 'controls', 'h2')
  if (request.controls.length === 0) pdf.paragraph('No control is linked to this request.')
  else
    pdf.table(
      [
        { label: 'Control', width: 80 },
        { label: 'Title', width: pdf.width - 80 }
      ],
      content.controls.map((control): Cell[] => [[{ text: control.id, font: 'mono' }], [{ text: control.title }]]),
      { zebra: true }
    )
  if (request.requirements.length) {
    pdf.space()
    pdf.paragraph(`Requirements cited: ${request.requirements.join(', ')}`)
  }

  pdf.heading(`Evidence (${request.evidence.length})`, 'evidence', 'h2')
  if (request.evidence.length === 0) pdf.paragraph('No evidence is linked to this request.')
  for (const item of content.evidence) {
    const file = content.paths.find((path) => path.split('/').at(-1)?.startsWith(`${item.id} `))
    pdf.runs([
      { text: `${item.id} ${item.title}`, font: 'bold' },
      ...(item.removed ? [{ text: ' (removed from the register)', color: COLORS.red }] : [])
    ])
    pdf.facts(
      [
        ['File', `${item.originalName} (${item.size} bytes)`],
        ...(file ? ([['In this ZIP', file]] as [string, string][]) : []),
        ['SHA-256', item.sha256]
      ],
      90
    )
    pdf.space(0.5)
  }
  pdf.finish(
    (page, count) =>
      `Confidential · ${pack.organisation} · response to request ${request.id} · Page ${page} of ${count}`
  )
  await written
  return { sha256: tap.hash.digest('hex'), size: tap.size() }
}
