/** Characters no file system or ZIP tool accepts in a name: control characters and reserved punctuation. */
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_FILE_NAMES = /[\u0000-\u001f\u007f<>:"/\\|?*]/g

/** A name that is safe as a file name in a PDF and a path segment in a ZIP on every system. */
export function safeFileName(name: string, max = 120): string {
  const cleaned = name.replace(UNSAFE_IN_FILE_NAMES, '_').replace(/\s+/g, ' ').trim()
  const trimmed = [...cleaned]
    .slice(0, max)
    .join('')
    .replace(/[. ]+$/, '')
  return trimmed || 'unnamed'
}
