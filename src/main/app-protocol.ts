import { protocol } from 'electron'
import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import { contentSecurityPolicy, withStyleNonce } from '../shared/csp'
import { STATIC_MEDIA_TYPES } from '../shared/static-media-types'

export const APP_SCHEME = 'app'
export const APP_ORIGIN = `${APP_SCHEME}://renderer`

/** Must run before the app is ready: app:// behaves like a secure, standard origin. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }
  ])
}

/** Serves the built renderer from app://renderer/, with the CSP (and a fresh style nonce) on every page load. */
export function serveRenderer(rendererDir: string): void {
  const root = normalize(rendererDir + sep)
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url)
    const relative = decodePath(url.pathname === '/' ? '/index.html' : url.pathname)
    if (relative === null) return new Response('Not found', { status: 404 })
    const path = normalize(join(root, relative))
    if (url.host !== 'renderer' || !path.startsWith(root)) return new Response('Not found', { status: 404 })
    try {
      const nonce = randomBytes(18).toString('base64')
      const isDocument = extname(path) === '.html'
      const body = isDocument ? withStyleNonce(await readFile(path, 'utf8'), nonce) : await readFile(path)
      return new Response(body, {
        headers: {
          'content-type': STATIC_MEDIA_TYPES[extname(path)] ?? 'application/octet-stream',
          'content-security-policy': contentSecurityPolicy(isDocument ? nonce : undefined),
          'x-content-type-options': 'nosniff'
        }
      })
    } catch {
      return new Response('Not found', { status: 404 })
    }
  })
}

/** A URL path decoded, or null for a malformed %-escape (answered 404, never thrown). */
function decodePath(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname)
  } catch {
    return null
  }
}
