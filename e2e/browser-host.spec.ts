import { expect, test } from '@playwright/test'
import { mkdtempSync, rmSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startWebHost, type WebHost } from './support/web-host'

/*
 * The browser host answers hostile requests with a status and a sentence: bodies over the limit
 * get 413 (not a reset socket), malformed requests 400, and nothing it logs is a stack.
 */

let host: WebHost
let dataDir: string

test.beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'evidence-desk-host-'))
  host = await startWebHost(dataDir)
})
test.afterAll(async () => {
  await host.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

/** A raw HTTP request, so the path and body are sent exactly as written. */
function send(path: string, options: { method?: string; body?: Buffer; headers?: Record<string, string> } = {}) {
  const { port } = new URL(host.url)
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers: { host: `127.0.0.1:${port}`, ...options.headers }
      },
      (response) => {
        let body = ''
        response.on('data', (chunk: Buffer) => (body += chunk.toString()))
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }))
      }
    )
    request.on('error', reject)
    request.end(options.body)
  })
}

test('a 10 MB request body gets 413 with a sentence, not a reset', async () => {
  const answer = await send('/api/invoke/controls:list', { method: 'POST', body: Buffer.alloc(10 * 1024 * 1024, 0x20) })
  expect(answer.status).toBe(413)
  expect(JSON.parse(answer.body)).toMatchObject({
    ok: false,
    error: { message: 'The request is too large (at most 8 MB).' }
  })
})

test('a malformed %-escape gets 400 and no stack in the log', async () => {
  const before = host.output().length
  for (const path of ['/%E0%A4%A', '/assets/%ZZ.js']) {
    const answer = await send(path)
    expect(answer.status).toBe(400)
    expect(answer.body).not.toMatch(/\bat .+:\d+:\d+/)
  }
  const upload = await send('/api/upload?name=x&size=1&options=%7Bnot-json', { method: 'POST', body: Buffer.from('x') })
  expect(upload.status).toBe(400)
  expect(host.output().slice(before)).not.toMatch(/\bat .+:\d+:\d+|URIError|SyntaxError/)
})

test('a file whose name holds a newline is attached, and the answer names no internal field', async () => {
  const name = encodeURIComponent('minutes\nof the review.txt')
  const answer = await send(`/api/upload?name=${name}&size=5&options=%7B%7D`, {
    method: 'POST',
    body: Buffer.from('hello')
  })
  expect(answer.status).toBe(200)
  const result = JSON.parse(answer.body) as { ok: boolean; value: { id: string } }
  expect(result.ok).toBe(true)
  const detail = await send('/api/invoke/evidence:get', {
    method: 'POST',
    body: Buffer.from(JSON.stringify({ id: result.value.id }))
  })
  expect(JSON.parse(detail.body)).toMatchObject({ ok: true, value: { originalName: 'minutes\ufffdof the review.txt' } })
})
