/**
 * The text of a CSV file as Excel and others write it: UTF-8 with or without a byte-order mark,
 * UTF-16 little- or big-endian ("Unicode text" in Excel), or, failing UTF-8, Windows-1252
 * (Excel's "CSV" on Windows in western locales).
 */
export function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8')
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2))
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2))
  if (looksLikeUtf16le(bytes)) return new TextDecoder('utf-16le').decode(bytes)
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return new TextDecoder('windows-1252').decode(bytes)
  }
}

/** UTF-16LE without a mark: ASCII text has a zero in every odd byte. */
function looksLikeUtf16le(bytes: Buffer): boolean {
  const sample = Math.min(bytes.length - (bytes.length % 2), 512)
  if (sample < 4) return false
  let zeros = 0
  for (let index = 1; index < sample; index += 2) if (bytes[index] === 0) zeros++
  return zeros / (sample / 2) > 0.9
}

/** The delimiter of a CSV: Excel's "sep=" line, else whichever of comma, semicolon and tab the header uses most. */
export function detectDelimiter(text: string): { delimiter: string; skipFirstLine: boolean } {
  const sep = /^sep=(.)\r?\n/.exec(text)
  if (sep) return { delimiter: sep[1]!, skipFirstLine: true }
  const header = firstRecordLine(text)
  const counts = [',', ';', '\t'].map((delimiter) => ({ delimiter, count: header.split(delimiter).length - 1 }))
  counts.sort((a, b) => b.count - a.count)
  return { delimiter: counts[0]!.count > 0 ? counts[0]!.delimiter : ',', skipFirstLine: false }
}

/** The first line, outside quoted fields (where a delimiter inside quotes does not count). */
function firstRecordLine(text: string): string {
  let quoted = false
  let out = ''
  for (let index = 0; index < text.length && index < 65_536; index++) {
    const char = text[index]!
    if (char === '"') quoted = !quoted
    else if (!quoted && (char === '\n' || char === '\r')) break
    else if (!quoted) out += char
  }
  return out
}
