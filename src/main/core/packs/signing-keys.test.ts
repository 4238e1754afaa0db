import { statSync, writeFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tempDir } from '../testing/temp-dir'
import { loadOrCreatePdfSigningKey } from './pdf-signing-key'
import { loadOrCreateSigningKeys } from './signing-keys'

let dir: ReturnType<typeof tempDir>
beforeEach(() => (dir = tempDir()))
afterEach(() => dir.cleanup())

const mode = (path: string) => statSync(path).mode & 0o777
const now = () => new Date('2026-11-28T09:00:00Z')

describe('the signing keys in keys/', () => {
  it('are written owner-only even over a leftover temporary file others could read', async () => {
    const keys = join(dir.path, 'keys')
    mkdirSync(keys, { mode: 0o755 })
    for (const name of ['pack-signing.key.part', 'pdf-signing.key.part']) {
      writeFileSync(join(keys, name), 'left by a crash', { mode: 0o644 })
    }
    loadOrCreateSigningKeys(keys, now)
    await loadOrCreatePdfSigningKey(keys, 'Harbor Bean Coffee Co.', now)
    expect(mode(keys)).toBe(0o700)
    expect(mode(join(keys, 'pack-signing.key'))).toBe(0o600)
    expect(mode(join(keys, 'pdf-signing.key'))).toBe(0o600)
  })

  it('explain a key that cannot be read by the file, not the folder, and what to do', () => {
    const keys = join(dir.path, 'keys')
    mkdirSync(keys)
    writeFileSync(join(keys, 'pack-signing.key'), 'not a key')
    expect(() => loadOrCreateSigningKeys(keys, now)).toThrow(
      expect.objectContaining({
        code: 'INTEGRITY',
        message: expect.stringMatching(/pack-signing\.key is not a readable private key\. Put back the original/)
      })
    )
  })

  it('give the PDF signature a self-signed P-256 certificate naming the organisation', async () => {
    const { key, created } = await loadOrCreatePdfSigningKey(join(dir.path, 'keys'), 'Harbor Bean Coffee Co.', now)
    expect(created).toBe(true)
    expect(key.subject).toBe('O=Harbor Bean Coffee Co., CN=Harbor Bean Coffee Co. evidence packs')
    expect(await loadOrCreatePdfSigningKey(join(dir.path, 'keys'), 'Other', now)).toMatchObject({
      created: false,
      key: { certificateSha256: key.certificateSha256 }
    })
  })
})
