/**
 * The text of a PDF's first pages, for recognising what it is. pdf.js (which never evaluates code
 * from the document) reads text only; a PDF that cannot be read yields an empty string.
 */
export async function pdfText(bytes: Uint8Array, maxPages = 4): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    disableFontFace: true,
    useSystemFonts: false,
    enableXfa: false,
    verbosity: 0
  })
  try {
    const document = await task.promise
    const parts: string[] = []
    for (let number = 1; number <= Math.min(maxPages, document.numPages); number++) {
      const page = await document.getPage(number)
      const content = await page.getTextContent()
      parts.push(
        content.items
          .map((item) => ('str' in item ? `${item.str}${item.hasEOL ? '\n' : ' '}` : ''))
          .join('')
          .replace(/[ \t]+/g, ' ')
      )
    }
    return parts.join('\n')
  } catch {
    return ''
  } finally {
    await task.destroy().catch(() => undefined)
  }
}
