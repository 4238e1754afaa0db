import { PDFName, PDFRef, type PDFDict } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import { bufferSource, XrefReader } from './xref-reader'

/** A cross-reference entry: ten digits of offset, five of generation, n or f, and a two-byte end of line. */
const entry = (offset: number, kind: 'n' | 'f' = 'n', generation = 0): string =>
  `${String(offset).padStart(10, '0')} ${String(generation).padStart(5, '0')} ${kind} \n`

/**
 * A PDF of `objects` (number → dictionary text) with one classic cross-reference table (a
 * subsection for each run of consecutive numbers), then optionally an incremental update.
 */
function pdf(objects: Map<number, string>, update?: Map<number, string>): Buffer {
  let text = '%PDF-1.7\n'
  const section = (entries: Map<number, string>, previous: number | null): number => {
    const offsets = new Map<number, number>()
    for (const [number, body] of entries) {
      offsets.set(number, Buffer.byteLength(text, 'latin1'))
      text += `${number} 0 obj\n${body}\nendobj\n`
    }
    const start = Buffer.byteLength(text, 'latin1')
    text += 'xref\n'
    if (previous === null) text += `0 1\n${entry(0, 'f', 65535)}`
    // Runs of consecutive numbers make one subsection each.
    const numbers = [...offsets.keys()].sort((a, b) => a - b)
    for (let start = 0; start < numbers.length;) {
      let end = start
      while (end + 1 < numbers.length && numbers[end + 1] === numbers[end]! + 1) end++
      text += `${numbers[start]} ${end - start + 1}\n`
      for (let index = start; index <= end; index++) text += entry(offsets.get(numbers[index]!)!)
      start = end + 1
    }
    const size = numbers.at(-1)! + 1
    text += `trailer\n<< /Size ${size} /Root 1 0 R${previous === null ? '' : ` /Prev ${previous}`} >>\nstartxref\n${start}\n%%EOF\n`
    return start
  }
  const first = section(objects, null)
  if (update) section(update, first)
  return Buffer.from(text, 'latin1')
}

describe('reading a PDF through its cross-reference table', () => {
  it('finds each object in use, the newest revision of an object winning', async () => {
    const bytes = pdf(
      new Map([
        [1, '<< /Type /Catalog /Note (first) >>'],
        [2, '<< /Kept true >>']
      ]),
      new Map([[1, '<< /Type /Catalog /Note (second) >>']])
    )
    const reader = await XrefReader.open(bufferSource(bytes))
    expect(reader.sections).toHaveLength(2)
    expect(reader.largestObjectNumber).toBe(2)
    const catalog = (await reader.resolve(PDFRef.of(1))) as PDFDict
    expect(catalog.get(PDFName.of('Note'))?.toString()).toBe('(second)')
    const kept = (await reader.resolve(PDFRef.of(2))) as PDFDict
    expect(kept.get(PDFName.of('Kept'))?.toString()).toBe('true')
    expect(reader.offsetOf(3)).toBeUndefined()
  })

  it('reads a table of far-apart object numbers without making room for every number between', async () => {
    const far = 4_000_000_000
    const bytes = pdf(
      new Map([
        [1, '<< /Type /Catalog >>'],
        [far, '<< /Far true >>']
      ])
    )
    const reader = await XrefReader.open(bufferSource(bytes))
    expect(reader.largestObjectNumber).toBe(far)
    const object = (await reader.resolve(PDFRef.of(far))) as PDFDict
    expect(object.get(PDFName.of('Far'))?.toString()).toBe('true')
    expect(reader.offsetOf(far - 1)).toBeUndefined()
  })

  it('reads tens of thousands of entries, a block at a time', async () => {
    const objects = new Map<number, string>([[1, '<< /Type /Catalog >>']])
    for (let number = 2; number <= 120_001; number++) objects.set(number, `<< /N ${number} >>`)
    const reader = await XrefReader.open(bufferSource(pdf(objects)))
    expect(reader.largestObjectNumber).toBe(120_001)
    for (const number of [2, 50_000, 50_001, 100_002, 120_001]) {
      const object = (await reader.resolve(PDFRef.of(number))) as PDFDict
      expect(object.get(PDFName.of('N'))?.toString()).toBe(String(number))
    }
  })

  it('refuses a damaged entry', async () => {
    const bytes = pdf(new Map([[1, '<< /Type /Catalog >>']]))
    const damaged = Buffer.from(bytes.toString('latin1').replace(/(\n1 1\n)\d/, '$1x'), 'latin1')
    await expect(XrefReader.open(bufferSource(damaged))).rejects.toThrow('cross-reference table is damaged')
  })
})
