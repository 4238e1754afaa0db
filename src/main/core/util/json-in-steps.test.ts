import { describe, expect, it } from 'vitest'
import { jsonBytesInSteps } from './json-in-steps'
import { runToEnd, type Stepwise } from './time-slices'

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes)

/** Runs the steps, counting them. */
function counted<T>(work: Stepwise<T>): { value: T; steps: number } {
  let steps = 0
  for (;;) {
    const step = work.next()
    if (step.done) return { value: step.value, steps }
    steps++
  }
}

describe('JSON written in steps', () => {
  it('writes exactly what JSON.stringify writes, for the awkward cases of plain data', () => {
    const awkward = {
      plain: 'text',
      quoted: 'a "quote", a back\\slash, a\ttab and a\nnewline',
      controls: '\u0000\u001b[31mred\u001b[0m\u007f',
      unicode: 'café, 日本語, 🔐 and a lone \ud800 surrogate',
      numbers: [0, -0, 1.5, 1e21, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER],
      empties: { array: [], object: {}, text: '' },
      skipped: { absent: undefined, fn: () => 1, symbol: Symbol('s'), kept: null },
      inArrays: [undefined, () => 1, Symbol('s'), null, false],
      dated: new Date('2026-12-03T10:00:00.000Z'),
      large: Array.from({ length: 500 }, (_, index) => ({
        id: `EV-${index}`,
        tags: Array.from({ length: index % 40 }, (_, tag) => `t${tag}`),
        nested: { deeper: { list: Array.from({ length: 50 }, (_, n) => n), maybe: index % 2 ? undefined : 'x' } }
      })),
      wide: Object.fromEntries(Array.from({ length: 200 }, (_, index) => [`key "${index}"`, { value: index }])),
      '__proto__ as a key': 1
    }
    expect(text(runToEnd(jsonBytesInSteps(awkward)))).toBe(JSON.stringify(awkward))
    for (const value of ['just text', 42, null, true, [], {}, [[[]]], [1, [2, [3]]]]) {
      expect(text(runToEnd(jsonBytesInSteps(value)))).toBe(JSON.stringify(value))
    }
  })

  it('joins parts of many megabytes back into one document, multi-byte characters across their joins', () => {
    // About 6 MB of text, so the writing fills several parts; every entry holds a character of 2, 3 and 4 bytes.
    const big = {
      rows: Array.from({ length: 60_000 }, (_, index) => ({ index, text: `é€🔐 row ${index} `.repeat(5) }))
    }
    const bytes = runToEnd(jsonBytesInSteps(big))
    expect(bytes.byteLength).toBe(Buffer.byteLength(JSON.stringify(big)))
    expect(JSON.parse(text(bytes))).toEqual(big)
  })

  it('pauses between the entries of a large array or object, and writes a small value in one step', () => {
    const large = { evidence: Array.from({ length: 1000 }, (_, index) => ({ id: index })), name: 'pack' }
    expect(counted(jsonBytesInSteps(large)).steps).toBeGreaterThanOrEqual(1000)
    expect(counted(jsonBytesInSteps({ id: 1, tags: ['a', 'b'] })).steps).toBe(2)
  })

  it('refuses a value JSON has no text for, as JSON.stringify would give none', () => {
    expect(() => runToEnd(jsonBytesInSteps(undefined))).toThrow(TypeError)
  })
})
