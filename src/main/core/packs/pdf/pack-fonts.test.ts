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

const fontOf = (name: string): { layoutRun(text: string): LaidOut & { advanceWidth: number } } =>
  (
    new PDFDocument().font(join(defaultFontsDir(), `${name}.ttf`)) as unknown as {
      _font: { layoutRun(text: string): LaidOut & { advanceWidth: number } }
    }
  )._font

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

  // The writer builds a word of hex digits (a SHA-256) in the mono font from its characters (pack-document.ts).
  it('NotoSansMono-Regular lays out any word of hex digits as its characters, one after another', () => {
    const font = fontOf('NotoSansMono-Regular')
    const digits = '0123456789abcdef'
    const alone = new Map([...digits].map((char) => [char, font.layoutRun(char)]))
    let seed = 7
    const random = (limit: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed % limit
    }
    const words = [
      ...[...digits].flatMap((a) => [...digits].map((b) => `${a}${b}`)),
      ...Array.from({ length: 400 }, () =>
        Array.from({ length: 3 + random(62) }, () => digits[random(digits.length)]).join('')
      ),
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
    ]
    for (const word of words) {
      const run = font.layoutRun(word)
      const parts = [...word].map((char) => alone.get(char)!)
      expect(shape(run), word).toEqual(parts.flatMap(shape))
      expect(run.advanceWidth, word).toBe(parts.reduce((sum, part) => sum + part.advanceWidth, 0))
    }
  })

  // The writer builds an id (a prefix ending in a hyphen, then digits) from its prefix and its digits (pack-document.ts).
  it.each(FONTS)('%s lays out an id as its prefix, then its digits one after another', (name) => {
    const font = fontOf(name)
    let seed = 11
    const random = (limit: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed % limit
    }
    const prefixes = [
      'EV-',
      'DOC-',
      'BPK-',
      'AC-',
      'IAM-',
      'CC6.1-',
      'A.5.1-',
      'x-',
      'Fy-',
      'LT-',
      'AV-',
      '7-',
      'ÉÀ-',
      'sec/2-'
    ]
    for (const prefix of prefixes) {
      const head = font.layoutRun(prefix)
      for (let count = 0; count < 40; count++) {
        const digits = Array.from({ length: 1 + random(8) }, () => String(random(10))).join('')
        const parts = [head, ...[...digits].map((char) => font.layoutRun(char))]
        const run = font.layoutRun(`${prefix}${digits}`)
        expect(shape(run), `${prefix}${digits}`).toEqual(parts.flatMap(shape))
        expect(run.advanceWidth, `${prefix}${digits}`).toBe(parts.reduce((sum, part) => sum + part.advanceWidth, 0))
      }
    }
  })
})
