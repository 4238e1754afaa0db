/**
 * The browser host: serves the renderer on 127.0.0.1 with the contract dispatched over HTTP to
 * the same handlers the desktop app uses. For development and end-to-end tests; it is not part
 * of the packaged app.
 *
 *   npm run web -- --data-dir DIR --port N
 */
import { Command } from 'commander'
import { randomBytes } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { extname, join, normalize, resolve, sep } from 'node:path'
import { contentSecurityPolicy, withStyleNonce } from '../shared/csp'
import { STATIC_MEDIA_TYPES } from '../shared/static-media-types'
import { z } from 'zod'
import { PATH_CHANNELS, type EventChannel } from '../shared/ipc/channels'
import type { EventPayload } from '../shared/ipc/contract'
import { fail, ok, type Result } from '../shared/result'
import {
  controlImportOptionsSchema,
  evidenceImportOptionsSchema,
  jobIdSchema,
  requestImportOptionsSchema
} from '../shared/schemas'
import { SPREADSHEET_LIMITS } from '../main/core/spreadsheets/spreadsheet-limits'
import { AppError, isAppError } from '../main/core/errors'
import { resolveDataDir } from '../main/core/paths'
import type { Register } from '../main/core/register'
import { RegisterHost } from '../main/core/registers/register-host'
import { createDispatcher, describeValidationError, type Dispatch } from '../main/ipc/dispatcher'
import { createHandlers, MUTATING_CHANNELS, type RegisterSwitching } from '../main/ipc/handlers'
import { version } from '../../package.json'
import { ensureWebRenderer } from './build-renderer'

const MAX_BODY_BYTES = 8 * 1024 * 1024
/** A pack sent back for checking is copied to a temporary file no larger than this. */
const MAX_VERIFY_UPLOAD_BYTES = 4 * 1024 * 1024 * 1024

/** A request the host refuses with a status and a sentence (never a stack). */
class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message)
  }
}

const uploadSchema = z.object({
  // Any name a file may have (a newline too): it is recorded through displayName, never used as a path.
  name: z.string().min(1, { error: 'The file has no name.' }).max(1024, { error: 'The file name is too long.' }),
  size: z.number().int().min(0),
  jobId: jobIdSchema.optional(),
  options: evidenceImportOptionsSchema
})
/** An uploaded file's name, kept only to say where a list came from: one line, no control or format characters. */
const safeUploadName = (name: string): string =>
  [...name.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, ' ').trim()].slice(0, 200).join('')

async function main(): Promise<void> {
  const options = new Command('web')
    .option('--data-dir <dir>', 'the data folder')
    .option('--port <n>', 'the port on 127.0.0.1 (0 picks a free one)', '5199')
    .option(
      '--state-dir <dir>',
      'where the recent registers and the sample organisation are kept (default: the data folder)'
    )
    .parse(process.argv)
    .opts<{ dataDir?: string; port: string; stateDir?: string }>()
  const port = Number(options.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be a number from 0 to 65535.')

  const staticDir = normalize((await ensureWebRenderer((line) => console.log(line))) + sep)
  const dataDir = resolveDataDir(options.dataDir)
  // The list of recent registers and the sample's own register live beside what it opens: the data
  // folder given, unless --state-dir names another.
  const host = await RegisterHost.start(dataDir, {
    stateDir: resolve(options.stateDir ?? dataDir),
    open: { appVersion: version, backgroundReads: true }
  })
  const streams = new Set<ServerResponse>()
  const broadcast = <E extends EventChannel>(event: E, payload: EventPayload<E>): void => {
    for (const stream of streams) stream.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`)
  }
  const switching: RegisterSwitching = {
    state: () => host.state(),
    switchToRecent: (folder) => host.switchToRecent(folder),
    openSample: () => host.openSample(),
    folderDialog: false,
    // No folder dialog in a browser: the folder typed in Settings is opened (or a register created in it).
    openFolder: async (path) => {
      if (!path) throw new AppError('VALIDATION', 'Type the folder of the register to open.')
      await host.switchTo(path)
      return true
    }
  }
  const dispatcherFor = (register: Register): Dispatch =>
    createDispatcher(createHandlers(register, { registers: switching }), {
      mutating: MUTATING_CHANNELS,
      onMutation: (channel) => broadcast('register:changed', { channel }),
      logError: (channel, error) => console.error(`[${channel}]`, error)
    })
  let dispatch = dispatcherFor(host.current)
  let stopProgress = host.current.jobs.onProgress((progress) => broadcast('jobs:progress', progress))
  host.onSwitch((register) => {
    dispatch = dispatcherFor(register)
    stopProgress()
    stopProgress = register.jobs.onProgress((progress) => broadcast('jobs:progress', progress))
    console.log(`Now on the register in ${register.paths.dataDir}`)
  })

  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      // A malformed request (a bad %-escape, a body too large) is the client's: 4xx, no stack logged.
      const status = error instanceof HttpError ? error.status : error instanceof URIError ? 400 : 500
      if (status === 500) console.error(error)
      request.resume()
      if (!response.headersSent) {
        response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
      }
      const message =
        error instanceof HttpError ? error.message : status === 400 ? 'The request is malformed.' : 'The host failed.'
      response.end(JSON.stringify(fail(status === 500 ? 'INTERNAL' : 'VALIDATION', message)))
    })
  })

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!isLocalRequest(request)) {
      response.writeHead(403).end('Forbidden')
      return
    }
    let url: URL
    try {
      url = new URL(request.url ?? '/', 'http://127.0.0.1')
    } catch {
      throw new HttpError(400, 'The request is malformed.')
    }
    if (url.pathname === '/api/events' && request.method === 'GET') {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' })
      response.write(': connected\n\n')
      streams.add(response)
      request.on('close', () => streams.delete(response))
      return
    }
    if (url.pathname === '/api/upload' && request.method === 'POST') {
      return sendJson(response, await upload(url, request))
    }
    if (url.pathname === '/api/import-controls' && request.method === 'POST') {
      return sendJson(response, await importControlsUpload(url, request))
    }
    if (url.pathname === '/api/import-requests' && request.method === 'POST') {
      return sendJson(response, await importRequestsUpload(url, request))
    }
    if (url.pathname === '/api/verify-pack' && request.method === 'POST') {
      return sendJson(response, await verifyUpload(request))
    }
    if (url.pathname.startsWith('/api/invoke/') && request.method === 'POST') {
      const channel = url.pathname.slice('/api/invoke/'.length)
      if ((PATH_CHANNELS as readonly string[]).includes(channel)) {
        request.resume()
        return sendJson(response, fail('VALIDATION', 'Files are attached by upload in the browser.'))
      }
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

  /** One file of api.importFiles: its bytes stream straight into the vault, as a file on disk would. */
  async function upload(url: URL, request: IncomingMessage): Promise<Result<unknown>> {
    const parsed = uploadSchema.safeParse({
      name: url.searchParams.get('name') ?? '',
      size: Number(url.searchParams.get('size')),
      jobId: url.searchParams.get('jobId') ?? undefined,
      options: parseJson(url.searchParams.get('options') ?? '{}')
    })
    if (!parsed.success) {
      request.resume()
      return fail('VALIDATION', describeValidationError(parsed.error))
    }
    const { name, size, jobId, options } = parsed.data
    try {
      const item = await host.current.evidence.importStream(request, name, size, options, jobId)
      broadcast('register:changed', { channel: 'evidence:import' })
      return ok(item)
    } catch (error) {
      request.resume()
      if (isAppError(error)) return fail(error.code, error.message)
      console.error('[upload]', error)
      return fail('INTERNAL', 'The file could not be attached; nothing was stored.')
    }
  }

  /** A control list: kept in a temporary file (under the spreadsheet limit) only while it is read. */
  async function importControlsUpload(url: URL, request: IncomingMessage): Promise<Result<unknown>> {
    const options = controlImportOptionsSchema.safeParse(parseJson(url.searchParams.get('options') ?? '{}'))
    if (!options.success) {
      request.resume()
      return fail('VALIDATION', describeValidationError(options.error))
    }
    return spreadsheetUpload(url, request, (path) => dispatch('controls:import', { ...options.data, path }))
  }

  /** An auditor's request list, read like a control list. */
  async function importRequestsUpload(url: URL, request: IncomingMessage): Promise<Result<unknown>> {
    const options = requestImportOptionsSchema.safeParse(parseJson(url.searchParams.get('options') ?? '{}'))
    const fileName = safeUploadName(url.searchParams.get('name') ?? '')
    if (!options.success) {
      request.resume()
      return fail('VALIDATION', describeValidationError(options.error))
    }
    return spreadsheetUpload(url, request, (path) =>
      dispatch('requests:import', { ...options.data, path, ...(fileName ? { fileName } : {}) })
    )
  }

  async function spreadsheetUpload(
    url: URL,
    request: IncomingMessage,
    read: (path: string) => Promise<Result<unknown>>
  ): Promise<Result<unknown>> {
    const name = (url.searchParams.get('name') ?? '').toLowerCase().endsWith('.xlsx') ? 'list.xlsx' : 'list.csv'
    const folder = await mkdtemp(join(tmpdir(), 'evidence-desk-import-'))
    const path = join(folder, name)
    try {
      let received = 0
      const limit = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          received += chunk.length
          if (received > SPREADSHEET_LIMITS.fileBytes.value)
            return done(new HttpError(413, `The file goes beyond the limit of ${SPREADSHEET_LIMITS.fileBytes.label}.`))
          done(null, chunk)
        }
      })
      await pipeline(request, limit, createWriteStream(path, { mode: 0o600 }))
      return await read(path)
    } catch (error) {
      if (error instanceof HttpError) throw error
      return isAppError(error) ? fail(error.code, error.message) : fail('INTERNAL', 'The file could not be read.')
    } finally {
      await rm(folder, { recursive: true, force: true })
    }
  }

  /** A pack sent back for checking: kept in a temporary file only while it is verified. */
  async function verifyUpload(request: IncomingMessage): Promise<Result<unknown>> {
    const declared = Number(request.headers['content-length'] ?? 0)
    if (declared > MAX_VERIFY_UPLOAD_BYTES)
      throw new HttpError(413, 'The pack is too large to check here (at most 4 GB).')
    const folder = await mkdtemp(join(tmpdir(), 'evidence-desk-verify-'))
    const path = join(folder, 'pack')
    try {
      let received = 0
      const limit = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          received += chunk.length
          if (received > MAX_VERIFY_UPLOAD_BYTES)
            return done(new HttpError(413, 'The pack is too large to check here (at most 4 GB).'))
          done(null, chunk)
        }
      })
      await pipeline(request, limit, createWriteStream(path, { mode: 0o600 }))
      return ok(await host.current.packs.verify(path))
    } catch (error) {
      if (error instanceof HttpError) throw error
      return isAppError(error) ? fail(error.code, error.message) : fail('INTERNAL', 'The pack could not be checked.')
    } finally {
      await rm(folder, { recursive: true, force: true })
    }
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
      'content-type': STATIC_MEDIA_TYPES[extname(path)] ?? 'application/octet-stream',
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
    console.log(`Evidence Desk is serving http://127.0.0.1:${actualPort}/ (data folder ${host.current.paths.dataDir})`)
  })

  const shutdown = (): void => {
    for (const stream of streams) stream.end()
    server.close()
    host.close()
    process.exit(0)
  }
  process.on('SIGINT', shutdown)
  process.on('SIGTERM', shutdown)
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    if (Number(request.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
      reject(new HttpError(413, 'The request is too large (at most 8 MB).'))
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    let refused = false
    request.on('data', (chunk: Buffer) => {
      if (refused) return
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        // The rest is read and dropped, so the client receives the answer instead of a reset.
        refused = true
        chunks.length = 0
        reject(new HttpError(413, 'The request is too large (at most 8 MB).'))
        return
      }
      chunks.push(chunk)
    })
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    request.on('error', reject)
  })
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    throw new HttpError(400, 'The request is malformed.')
  }
}

function sendJson(response: ServerResponse, value: unknown): void {
  response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
  response.end(JSON.stringify(value))
}

main().catch((error: unknown) => {
  console.error(`evidence-desk web: ${isAppError(error) ? error.message : String(error)}`)
  process.exit(1)
})
