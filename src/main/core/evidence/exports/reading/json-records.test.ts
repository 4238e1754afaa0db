import { describe, expect, it } from 'vitest'
import { jsonLayout, JsonRecordScanner, MalformedJsonError, RecordTooLargeError, type JsonLayout } from './json-records'

/** Feeds a document in chunks of the given sizes (cycled) and collects what the scanner hands out. */
function scan(text: string, layout: JsonLayout, sizes: number[], maxRecordBytes = 1 << 20) {
  const events: [string, string | null, unknown][] = []
  const scanner = new JsonRecordScanner(
    layout,
    {
      member: (key, value) => void events.push(['member', key, value]),
      element: (key, value) => (events.push(['element', key, value]), true)
    },
    maxRecordBytes
  )
  const bytes = Buffer.from(text)
  for (let offset = 0, turn = 0; offset < bytes.length; turn++) {
    const size = sizes[turn % sizes.length]!
    scanner.write(bytes.subarray(offset, offset + size))
    offset += size
  }
  scanner.end()
  return events
}

const tricky = {
  NextToken: 'a "quoted" \\ token }]',
  Count: -12.5e3,
  Flag: false,
  Nothing: null,
  Findings: [{ Id: 'é€😀', Nested: { a: [1, { b: '\\"' }] } }, 'text with \\\\', 42, true, [], {}],
  Empty: [],
  Tail: { x: '\\' }
}

describe('JsonRecordScanner', () => {
  it.each([[[1]], [[2, 3, 5]], [[7]], [[1 << 20]]])(
    'hands out every member and element, in chunks of %j bytes',
    (sizes) => {
      const text = JSON.stringify(tricky, null, 2)
      expect(jsonLayout(Buffer.from(text))).toBe('object')
      expect(scan(text, 'object', sizes)).toEqual([
        ['member', 'NextToken', tricky.NextToken],
        ['member', 'Count', tricky.Count],
        ['member', 'Flag', false],
        ['member', 'Nothing', null],
        ...tricky.Findings.map((value) => ['element', 'Findings', value]),
        ['member', 'Tail', tricky.Tail]
      ])
    }
  )

  it('reads top-level arrays and JSON Lines', () => {
    const values = [{ a: 1 }, { b: '}{' }, 3, 'x']
    expect(jsonLayout(Buffer.from(JSON.stringify(values)))).toBe('array')
    expect(scan(JSON.stringify(values), 'array', [3]).map((event) => event[2])).toEqual(values)
    const lines =
      values
        .slice(0, 2)
        .map((value) => JSON.stringify(value))
        .join('\n') + '\n'
    expect(jsonLayout(Buffer.from(lines))).toBe('lines')
    expect(scan(lines, 'lines', [2]).map((event) => event[2])).toEqual(values.slice(0, 2))
  })

  it('refuses truncated, unbalanced and oversized input', () => {
    expect(() => scan('{"Findings": [{"a": 1}', 'object', [4])).toThrow(MalformedJsonError)
    expect(() => scan('{"a": 1}}', 'object', [4])).toThrow(MalformedJsonError)
    expect(() => scan(JSON.stringify({ Findings: ['x'.repeat(5000)] }), 'object', [100], 1000)).toThrow(
      RecordTooLargeError
    )
  })
})
