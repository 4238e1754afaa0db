/** Writing results: JSON for machines, aligned plain text for people. */

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
      stdout.write(`${JSON.stringify(value, null, 2)}\n`)
    },
    line(text = '') {
      stdout.write(`${text}\n`)
    },
    table(headers, rows) {
      stdout.write(formatTable(headers, rows))
    },
    note(text) {
      stderr.write(`${text}\n`)
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

/** Text from the register shown in a terminal: control characters would move the cursor. */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
}
