import { parse } from 'csv-parse'
import { parse as parseSync } from 'csv-parse/sync'
import { pipeline, Readable } from 'node:stream'

const DELIMITERS = [',', ';', '\t'] as const

/** The header line of a CSV export. */
function firstLine(head: Buffer): string {
  const text = head.toString('utf8')
  const end = text.search(/\r?\n/)
  return end === -1 ? text : text.slice(0, end)
}

/** The delimiter of a CSV export (comma, semicolon or tab), judged by its header line; undefined for prose. */
export function csvDelimiter(head: Buffer): string | undefined {
  const line = firstLine(head).replace(/"[^"]*"/g, '')
  let best: string | undefined
  let bestCount = 0
  for (const delimiter of DELIMITERS) {
    const count = line.split(delimiter).length - 1
    if (count > bestCount) {
      best = delimiter
      bestCount = count
    }
  }
  return best
}

export function csvHeaders(head: Buffer, delimiter: string): string[] {
  try {
    const [headers] = parseSync(firstLine(head), { delimiter, relax_quotes: true, bom: true }) as string[][]
    return (headers ?? []).map((header) => header.trim())
  } catch {
    return []
  }
}

/** CSV rows as objects keyed by the header, parsed as the text streams in. */
export class CsvRows {
  constructor(
    private readonly delimiter: string,
    private readonly maxRecordCharacters = 32 * 1024 * 1024
  ) {}

  async *rows(chunks: AsyncIterable<Buffer>): AsyncGenerator<Record<string, string>> {
    const parser = parse({
      delimiter: this.delimiter,
      columns: (header: string[]) => header.map((name) => name.trim()),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      bom: true,
      trim: true,
      max_record_size: this.maxRecordCharacters
    })
    // pipeline() destroys the parser when reading fails, which ends this loop with the error.
    const rows = pipeline(Readable.from(chunks), parser, () => {})
    try {
      for await (const row of rows) yield row as Record<string, string>
    } finally {
      rows.destroy()
    }
  }
}
