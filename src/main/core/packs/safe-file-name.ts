/**
 * Characters no file system or ZIP tool accepts in a name (controls, reserved punctuation), and
 * invisible format characters that would make a name read as another (a bidi override turns
 * "invoice\u202egpj.exe" into "invoiceexe.jpg" on screen).
 */
const UNSAFE_IN_FILE_NAMES = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}<>:"/\\|?*]/gu

/** A name that is safe as a file name in a PDF and a path segment in a ZIP on every system. */
export function safeFileName(name: string, max = 120): string {
  const cleaned = name.replace(UNSAFE_IN_FILE_NAMES, '_').replace(/\s+/g, ' ').trim()
  const trimmed = [...cleaned]
    .slice(0, max)
    .join('')
    .replace(/[. ]+$/, '')
  return trimmed || 'unnamed'
}
