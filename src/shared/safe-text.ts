/**
 * Text that came from a file (a pack's name, a member's name, an attachment's note) shown to a
 * person. Control characters would move a terminal's cursor or recolour it, and bidirectional
 * overrides and other invisible format characters reorder or hide what is read on any screen
 * (`invoice‮gpj.exe` shows as "invoiceexe.jpg"), so each is shown visibly escaped instead:
 * `\n`, `\x1b`, `\u202e`. Everything else is left as it is.
 */
export function safeText(value: string): string {
  return value.replace(UNSAFE, escapeCharacter)
}

/**
 * C0 and C1 controls and DEL; Unicode format characters (bidi marks, embeddings, overrides and
 * isolates, zero-width characters, the byte-order mark, tag characters); line and paragraph
 * separators; lone surrogates (they cannot be shown and some terminals misread them).
 */
const UNSAFE_CLASS = '[\\p{Cc}\\p{Cf}\\p{Cs}\\p{Zl}\\p{Zp}]'
const UNSAFE = new RegExp(UNSAFE_CLASS, 'gu')
const ANY_UNSAFE = new RegExp(UNSAFE_CLASS, 'u')
const UNSAFE_IN_JSON = /[\u007f-\u009f\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/gu

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' }

function escapeCharacter(character: string): string {
  const named = NAMED[character]
  if (named) return named
  const code = character.codePointAt(0)!
  if (code < 0x100) return `\\x${code.toString(16).padStart(2, '0')}`
  if (code <= 0xffff) return `\\u${code.toString(16).padStart(4, '0')}`
  return `\\u{${code.toString(16)}}`
}

/** True when the text holds nothing safeText would escape. */
export function isSafeText(value: string): boolean {
  return !ANY_UNSAFE.test(value)
}

/**
 * JSON for a terminal or a log: the same value, with every character safeText would escape
 * written as a \u escape (JSON.stringify leaves DEL, C1 controls and format characters raw).
 */
export function safeJson(value: unknown, indent = 2): string {
  // JSON.stringify escapes C0 controls itself; the newlines left are the layout's own.
  return JSON.stringify(value, null, indent).replace(UNSAFE_IN_JSON, (character) =>
    [...Array(character.length).keys()]
      .map((index) => `\\u${character.charCodeAt(index).toString(16).padStart(4, '0')}`)
      .join('')
  )
}
