/**
 * Turns what a user types into a safe FTS5 query: every word becomes a quoted prefix term, so
 * punctuation, quotes and FTS operators in the input are matched as text, never parsed.
 * Returns null when the input holds no searchable word.
 */
export function toFtsQuery(input: string): string | null {
  const words = input.normalize('NFKC').match(/[\p{L}\p{N}]+/gu)
  if (!words) return null
  return words.map((word) => `"${word}"*`).join(' ')
}
