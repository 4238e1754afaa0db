/**
 * The Content-Security-Policy of the renderer, served with every renderer response by the
 * desktop app and by the browser host. No inline scripts, no remote content, no eval.
 */

/**
 * Inline styles the UI library injects with fixed content: its scroll areas and select lists
 * hide native scrollbars with a <style> element. Allowed by hash: sha256 of
 * `[data-radix-scroll-area-viewport]{scrollbar-width:none;...}` and of the same rule for
 * `[data-radix-select-viewport]`. The end-to-end tests fail on any CSP violation.
 */
const LIBRARY_STYLE_HASHES = [
  'sha256-vGQdhYJbTuF+M8iCn1IZCHpdkiICocWHDq4qnQF4Rjw=',
  'sha256-441zG27rExd4/il+NvIqyL8zFx5XmyNQtE381kSkUJk='
]

/** Where index.html carries the per-load style nonce to the renderer. */
export const STYLE_NONCE_PLACEHOLDER = '%STYLE_NONCE%'
export const STYLE_NONCE_META = 'evidence-desk-style-nonce'

/**
 * The policy for one page load. `styleNonce` is fresh for every load of index.html and lets
 * the renderer's own runtime <style> elements (scroll locking under dialogs) through, nothing else.
 */
export function contentSecurityPolicy(styleNonce?: string): string {
  return [...directives(styleNonce), "frame-ancestors 'none'"].join('; ')
}

/**
 * The same policy as index.html carries it in a <meta> element, so it holds even where no header
 * is sent. frame-ancestors is left out: browsers ignore it in a <meta> (the header sends it).
 */
export function metaContentSecurityPolicy(styleNonce: string): string {
  return directives(styleNonce).join('; ')
}

function directives(styleNonce?: string): string[] {
  const styleSources = ["'self'", ...LIBRARY_STYLE_HASHES.map((hash) => `'${hash}'`)]
  if (styleNonce) styleSources.push(`'nonce-${styleNonce}'`)
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src ${styleSources.join(' ')}`,
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'"
  ]
}

/** index.html as served for one load: the nonce in the page matches the one in its CSP header. */
export function withStyleNonce(html: string, nonce: string): string {
  return html.replaceAll(STYLE_NONCE_PLACEHOLDER, nonce)
}
