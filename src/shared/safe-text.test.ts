import { describe, expect, it } from 'vitest'
import { isSafeText, safeJson, safeText } from './safe-text'

describe('safeText', () => {
  it('leaves ordinary text of any script alone', () => {
    for (const text of ['Harbor Bean Coffee Co.', 'Überprüfung – Ñandú', '監査報告書.pdf', 'a\\x1b b', '🙂 ok']) {
      expect(safeText(text)).toBe(text)
      expect(isSafeText(text)).toBe(true)
    }
  })

  it('shows control characters and escape sequences visibly escaped', () => {
    expect(safeText('pack\x1b[2J\x1b[32mIntact\x1b[0m')).toBe('pack\\x1b[2J\\x1b[32mIntact\\x1b[0m')
    expect(safeText('line one\nline two\r\tend')).toBe('line one\\nline two\\r\\tend')
    expect(safeText('nul\0 del\x7f csi\x9b')).toBe('nul\\x00 del\\x7f csi\\x9b')
  })

  it('shows bidirectional overrides and invisible format characters escaped', () => {
    expect(safeText('invoice\u202egpj.exe')).toBe('invoice\\u202egpj.exe')
    expect(safeText('a\u2066b\u2069c\u200bd\ufeffe\u2028f')).toBe('a\\u2066b\\u2069c\\u200bd\\ufeffe\\u2028f')
    expect(safeText('tag\u{e0041}')).toBe('tag\\u{e0041}')
    expect(safeText('lone \ud800 half')).toBe('lone \\ud800 half')
    expect(isSafeText('invoice\u202egpj')).toBe(false)
  })

  it('never returns a control or format character, whatever it is given', () => {
    let all = ''
    for (let code = 0; code < 0x3000; code++) all += String.fromCharCode(code)
    // eslint-disable-next-line no-control-regex
    expect(safeText(all)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/)
  })
})

describe('safeJson', () => {
  it('is the same JSON value with no raw control or format character in it', () => {
    const value = { name: 'x\u202e\x1b\x7f\x9b\u2028y', nested: ['ok', '\u{e0001}'] }
    const text = safeJson(value)
    expect(JSON.parse(text)).toEqual(value)
    // eslint-disable-next-line no-control-regex
    expect(text.replace(/\n/g, '')).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e\u2028\udb40]/)
  })
})
