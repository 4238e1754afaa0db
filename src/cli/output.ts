import { safeJson, safeText } from '../shared/safe-text'

/**
 * Writing results: JSON for machines, aligned plain text for people. Every line goes through
 * safeText, so nothing read from a file (a name, a note) can move the cursor, recolour the
 * terminal or reorder what is shown.
 */

export interface Output {
  json(value: unknown): void
  line(text?: string): void
  table(headers: string[], rows: string[][]): void
  /** Progress and notes that must not mix with a result on stdout. */
  note(text: string): void
}

export function createOutput(
  stdout: NodeJS.WritableStream = process.stdout,
  stderr: NodeJS.WritableStream = process.stderr
): Output {
  return {
    json(value) {
      stdout.write(`${safeJson(value)}\n`)
    },
    line(text = '') {
      stdout.write(`${safeText(text)}\n`)
    },
    table(headers, rows) {
      stdout.write(formatTable(headers, rows))
    },
    note(text) {
      stderr.write(`${safeText(text)}\n`)
    }
  }
}

export function formatTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, column) =>
    Math.min(60, Math.max(header.length, ...rows.map((row) => printable(row[column] ?? '').length)))
  )
  const render = (cells: string[]): string =>
    cells
      .map((cell, column) => {
        const text = printable(cell)
        const width = widths[column] ?? 0
        const clipped = text.length > width ? `${text.slice(0, width - 1)}…` : text
        return column === cells.length - 1 ? clipped : clipped.padEnd(width)
      })
      .join('  ')
      .trimEnd()
  return [render(headers), ...rows.map(render)].join('\n') + '\n'
}

/** Text from the register or a file shown in a terminal: see safeText. */
export const printable = safeText
