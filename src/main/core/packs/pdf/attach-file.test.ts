import { createHash, randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import PDFDocument from 'pdfkit'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../testing/temp-dir'
import { tool } from '../testing/pack-test-tools'
import { attachFile, WHOLE_FILE_LIMIT, type Attachment } from './attach-file'
import { PdfOutput } from './pdf-output'

let dir: ReturnType<typeof tempDir>
beforeEach(() => (dir = tempDir()))
afterEach(() => dir.cleanup())

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex')
const date = new Date('2026-11-28T09:00:00Z')

/** A PDF of one page with the files attached, written through PdfOutput as the pack is. */
async function pdfWith(files: Omit<Attachment, 'date'>[]): Promise<string> {
  const path = join(dir.path, 'attached.pdf')
  const doc = new PDFDocument({ size: 'A4', pdfVersion: '1.7', subset: 'PDF/A-3b' })
  const output = new PdfOutput(doc, path)
  try {
    await output.flowing()
    doc.text('Attachments')
    for (const file of files) await attachFile(doc, { ...file, date })
    doc.end()
    await output.close()
  } catch (error) {
    output.discard()
    throw error
  }
  return path
}

describe('evidence files attached to the PDF', () => {
  it('stream small and large files, compressible or not, into the PDF byte for byte', async () => {
    const lines = Array.from({ length: 60_000 }, (_, row) => `F-${row},arn:aws:s3:::bucket-${row % 97},RESOLVED`)
    const contents = {
      'small.csv': Buffer.from('finding,status\nF-1,RESOLVED\n'),
      // Over the whole-file limit: read in chunks and deflated on the way.
      'large.csv': Buffer.from(lines.join('\n')),
      // Over the limit and already compressed (a PNG is stored as it is): read in chunks, stored.
      'large.png': randomBytes(WHOLE_FILE_LIMIT * 2 + 12345)
    }
    expect(contents['large.csv'].length).toBeGreaterThan(WHOLE_FILE_LIMIT * 2)
    const files = Object.entries(contents).map(([name, data]) => {
      const path = join(dir.path, name)
      writeFileSync(path, data)
      return {
        path,
        name,
        mediaType: name.endsWith('.png') ? 'image/png' : 'text/csv',
        description: `EV-1: ${name}`,
        sha256: sha256(data),
        what: 'EV-1'
      }
    })
    const pdf = await pdfWith(files)
    expect(tool('qpdf', ['--check', pdf]).code).toBe(0)
    const out = join(dir.path, 'out')
    mkdirSync(out)
    expect(tool('pdfdetach', ['-saveall', '-o', out, pdf]).code).toBe(0)
    for (const [name, data] of Object.entries(contents))
      expect(sha256(readFileSync(join(out, name))), name).toBe(sha256(data))
    const list = tool('pdfdetach', ['-list', pdf]).stdout
    expect(list).toContain('3 embedded files')
    // The compressible one is deflated, the PNG stored as it is: the PDF is smaller than the files for text only.
    expect(readFileSync(pdf).length).toBeLessThan(contents['large.png'].length + contents['large.csv'].length / 2)
    for (const name of Object.keys(contents)) expect(list).toContain(name)
  })

  it('fail the export naming the evidence when a file changed or went missing in the vault', async () => {
    const path = join(dir.path, 'changed.csv')
    writeFileSync(path, Buffer.alloc(WHOLE_FILE_LIMIT + 10, 'a'))
    const file = { path, name: 'changed.csv', mediaType: 'text/csv', description: 'EV-7', what: 'EV-0007' }
    await expect(pdfWith([{ ...file, sha256: sha256(Buffer.from('other')) }])).rejects.toMatchObject({
      code: 'INTEGRITY',
      message: expect.stringMatching(/EV-0007 no longer matches its SHA-256/)
    })
    await expect(pdfWith([{ ...file, path: join(dir.path, 'gone.csv'), sha256: null }])).rejects.toMatchObject({
      code: 'INTEGRITY',
      message: expect.stringMatching(/EV-0007 is missing from the vault/)
    })
  })
})
