import { join } from 'node:path'
import PDFDocument from 'pdfkit'
import { describe, expect, it } from 'vitest'
import { defaultFontsDir } from '../../register'

/** pdfkit's embedded font: a word laid out with fontkit, its glyphs and their positions (untyped in @types/pdfkit). */
interface LaidOut {
  glyphs: { id: number }[]
  positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[]
}

const FONTS = ['NotoSans-Regular', 'NotoSans-Bold', 'NotoSans-Italic', 'NotoSansMono-Regular']

/** Every printable character of Latin-1, alone and in words the pack prints. */
const WORDS = [
  ...Array.from({ length: 0x7e - 0x20 }, (_, index) => String.fromCharCode(0x21 + index)),
  ...Array.from({ length: 0xff - 0xa0 }, (_, index) => String.fromCharCode(0xa1 + index)),
  'AV',
  'To',
  'Yes.',
  'office',
  'fly',
  'ffi',
  'EV-0192',
  'BPK-037',
  'arn:aws:s3:::bucket/key',
  'Not',
  'in-place',
  '2026-03-24T10:00:00Z',
  'a3f09c1e5b7d',
  'Verify',
  'Wave,',
  'P.',
  'r.',
  'f)',
  'y;'
]

const shape = (run: LaidOut): string[] =>
  run.glyphs.map(
    (glyph, index) =>
      `${glyph.id}:${run.positions[index]!.xAdvance}:${run.positions[index]!.xOffset}:${run.positions[index]!.yOffset}`
  )

describe('the fonts the pack is written in', () => {
  // The pack's writer builds a word followed by a space from the word and the space (pack-document.ts):
  // true only while no kerning or substitution of these fonts reaches across a space.
  it.each(FONTS)('%s lays out a word and its space as the word, then the space', (name) => {
    const doc = new PDFDocument()
    const font = (
      doc.font(join(defaultFontsDir(), `${name}.ttf`)) as unknown as {
        _font: { layoutRun(text: string): LaidOut }
      }
    )._font
    const space = shape(font.layoutRun(' '))
    for (const word of WORDS) {
      expect(shape(font.layoutRun(`${word} `)), word).toEqual([...shape(font.layoutRun(word)), ...space])
    }
  })
})
