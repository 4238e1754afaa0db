/**
 * The browser host: serves the renderer on 127.0.0.1 with the contract dispatched over HTTP to
 * the same handlers the desktop app uses. For development and end-to-end tests; it is not part
 * of the packaged app.
 *
 *   npm run web -- --data-dir DIR --port N
 */
import { Command } from 'commander'
import { randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'
import { contentSecurityPolicy, withStyleNonce } from '../shared/csp'
import type { EventChannel } from '../shared/ipc/channels'
import type { EventPayload } from '../shared/ipc/contract'
import { fail } from '../shared/result'
import { isAppError } from '../main/core/errors'
import { resolveDataDir } from '../main/core/paths'
import { Register } from '../main/core/register'
import { createDispatcher } from '../main/ipc/dispatcher'
import { createHandlers, MUTATING_CHANNELS } from '../main/ipc/handlers'
import { ensureWebRenderer } from './build-renderer'

const MAX_BODY_BYTES = 8 * 1024 * 1024
const MEDIA_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json'
}

async function main(): Promise<void> {
  const options = new Command('web')
    .option('--data-dir <dir>', 'the data folder')
    .option('--port <n>', 'the port on 127.0.0.1 (0 picks a free one)', '5199')
    .parse(process.argv)
    .opts<{ dataDir?: string; port: string }>()
  const port = Number(options.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be a number from 0 to 65535.')

  const staticDir = normalize((await ensureWebRenderer((line) => console.log(line))) + sep)
  const register = await Register.open({ dataDir: resolveDataDir(options.dataDir) })
  const streams = new Set<ServerResponse>()
  const broadcast = <E extends EventChannel>(event: E, payload: EventPayload<E>): void => {
    for (const stream of streams) stream.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`)
  }
  const dispatch = createDispatcher(createHandlers(register), {
    mutating: MUTATING_CHANNELS,
    onMutation: (channel) => broadcast('register:changed', { channel }),
    logError: (channel, error) => console.error(`[${channel}]`, error)
  })

  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      console.error(error)
      if (!response.headersSent) response.writeHead(500)
      response.end()
    })
  })

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!isLocalRequest(request)) {
      response.writeHead(403).end('Forbidden')
      return
    }
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    if (url.pathname === '/api/events' && request.method === 'GET') {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' })
      response.write(': connected\n\n')
      streams.add(response)
      request.on('close', () => streams.delete(response))
      return
    }
    if (url.pathname.startsWith('/api/invoke/') && request.method === 'POST') {
      const channel = url.pathname.slice('/api/invoke/'.length)
      const body = await readBody(request)
      let args: unknown
      try {
        args = body.length === 0 ? undefined : JSON.parse(body)
      } catch {
        return sendJson(response, fail('VALIDATION', 'The request was not valid JSON.'))
      }
      return sendJson(response, await dispatch(channel, args))
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405).end()
      return
    }
    await serveStatic(url.pathname, response)
  }

  async function serveStatic(pathname: string, response: ServerResponse): Promise<void> {
    const relative = decodeURIComponent(pathname === '/' ? '/index.html' : pathname)
    let path = normalize(join(staticDir, relative))
    if (!path.startsWith(staticDir)) {
      response.writeHead(404).end()
      return
    }
    const stats = await stat(path).catch(() => undefined)
    if (!stats?.isFile()) path = join(staticDir, 'index.html')
    const headers = {
      'content-type': MEDIA_TYPES[extname(path)] ?? 'application/octet-stream',
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store'
    }
    if (extname(path) === '.html') {
      const nonce = randomBytes(18).toString('base64')
      response.writeHead(200, { ...headers, 'content-security-policy': contentSecurityPolicy(nonce) })
      response.end(withStyleNonce(await readFile(path, 'utf8'), nonce))
      return
    }
    response.writeHead(200, { ...headers, 'content-security-policy': contentSecurityPolicy() })
    createReadStream(path).pipe(response)
  }

  /** Only pages served by this host, addressed by loopback, may call it. */
  function isLocalRequest(request: IncomingMessage): boolean {
    const address = server.address()
    const actualPort = typeof address === 'object' && address ? address.port : port
    const allowedHosts = [`127.0.0.1:${actualPort}`, `localhost:${actualPort}`]
    if (!allowedHosts.includes(request.headers.host ?? '')) return false
    const origin = request.headers.origin
    return origin === undefined || allowedHosts.some((host) => origin === `http://${host}`)
  }

  server.listen(port, '127.0.0.1', () => {
    const address = server.address()
    const actualPort = typeof address === 'object' && address ? address.port : port
    console.log(`Evidence Desk is serving http://127.0.0.1:${actualPort}/ (data folder ${register.paths.dataDir})`)
  })

  const shutdown = (): void => {
    for (const stream of streams) stream.end()
    server.close()
    register.close()
    process.exit(0)
  }
  process.on('SIGINT', shutdown)
  process.on('SIGTERM', shutdown)
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        reject(new Error('Request body too large'))
        request.destroy()
        return
      }
      chunks.push(chunk)
    })
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    request.on('error', reject)
  })
}

function sendJson(response: ServerResponse, value: unknown): void {
  response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
  response.end(JSON.stringify(value))
}

main().catch((error: unknown) => {
  console.error(`evidence-desk web: ${isAppError(error) ? error.message : String(error)}`)
  process.exit(1)
})
