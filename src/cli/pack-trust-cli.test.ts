import { generateKeyPairSync } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PackVerification } from '../shared/types'
import { manifestBytes, signManifest, type PdfManifest } from '../main/core/packs/signature/manifest'
import { MANIFEST_FILE } from '../main/core/packs/signature/pdf-signature'
import { signatureUpdate } from '../main/core/packs/signature/pdf-signature'
import { bufferSource } from '../main/core/packs/signature/xref-reader'
import { fingerprintOf } from '../main/core/packs/signing-keys'
import { readZipEntries, tool, writeZip } from '../main/core/packs/testing/pack-test-tools'
import { tempDir } from '../main/core/testing/temp-dir'
import { EXIT } from './exit-codes'
import { runCli } from './testing/run-cli'

/*
 * Verification an attacker tries to forge: names holding terminal escapes and fake lines, a pack
 * re-signed with a fresh key, a key swapped in the data folder. Checked through the real CLI.
 */

let dir: ReturnType<typeof tempDir>
let dataDir: string
let pdf: string
let zip: string
let genuine: string
const cli = (...args: string[]) => runCli(['--data-dir', dataDir, ...args])

/** No control character but the line ends, no DEL, no C1 control, no bidi or invisible format character. */
function expectNoRawControls(bytes: string): void {
  // eslint-disable-next-line no-control-regex
  expect(bytes).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/)
}

const FORGED_NAME = 'Harbor Bean\u001b[2J\u001b[H\nVALID\nSigner: 0000 1111\u202e\u0007'

/** The pack's PDF re-signed by a forger: a manifest whose name fakes lines of output, a fresh key. */
async function forgedPack(path: string): Promise<{ fingerprint: string; publicKeyPem: string }> {
  const out = join(dir.path, 'detached')
  mkdirSync(out, { recursive: true })
  expect(tool('pdfdetach', ['-saveall', '-o', out, pdf]).code).toBe(0)
  const original = JSON.parse(readFileSync(join(out, MANIFEST_FILE), 'utf8')) as PdfManifest
  const body = readFileSync(pdf).subarray(0, original.pdf.bodyLength)
  const fresh = generateKeyPairSync('ed25519')
  const publicKeyPem = fresh.publicKey.export({ type: 'spki', format: 'pem' }).toString()
  const fingerprint = fingerprintOf(publicKeyPem)
  const manifest = manifestBytes({
    ...original,
    pack: { ...original.pack, name: FORGED_NAME, organisation: 'Evil\u009b31m Corp' },
    signing: { algorithm: 'Ed25519', publicKeyFingerprint: fingerprint }
  })
  const update = await signatureUpdate(bufferSource(body), {
    manifest,
    signature: signManifest(manifest, fresh.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()),
    publicKeyPem,
    date: new Date(original.pack.generatedAt)
  })
  writeFileSync(path, Buffer.concat([body, update]))
  return { fingerprint, publicKeyPem }
}

beforeAll(() => {
  dir = tempDir()
  dataDir = join(dir.path, 'register')
  expect(cli('init', '--sample').code).toBe(0)
  pdf = join(dir.path, 'pack.pdf')
  zip = join(dir.path, 'pack.zip')
  const built = cli('pack', 'build', '--framework', 'gdpr', '--out', pdf, '--zip', zip, '--json')
  expect(built.code).toBe(0)
  genuine = cli('keys', 'list', '--json').json<{ fingerprint: string; trust: string }[]>()[0]!.fingerprint
}, 90_000)
afterAll(() => dir.cleanup())

describe('a forged pack', () => {
  it('never reaches the terminal raw: escapes and fake lines in its names are shown escaped', async () => {
    const forged = join(dir.path, 'forged.pdf')
    const { fingerprint } = await forgedPack(forged)
    const run = runCli(['pack', 'verify', forged])
    expectNoRawControls(run.stdout)
    expectNoRawControls(run.stderr)
    const lines = run.stdout.split('\n')
    // The verdict is the first line, the forger's own key the only signer line, and the name one line.
    expect(lines[0]).toBe('VALID')
    expect(lines.filter((line) => line.startsWith('Signer:'))).toEqual([
      `Signer: ${fingerprint.match(/.{4}/g)!.join(' ')}`
    ])
    expect(lines.filter((line) => line === 'VALID')).toHaveLength(1)
    expect(run.stdout).toContain(
      'Pack: Harbor Bean\\x1b[2J\\x1b[H\\nVALID\\nSigner: 0000 1111\\u202e\\x07 · Evil\\x9b31m Corp'
    )
    expect(run.stdout).toMatch(/^No register was consulted/m)
    const json = runCli(['pack', 'verify', forged, '--json'])
    expectNoRawControls(json.stdout)
    expect(json.json<PackVerification>().pack!.name).toBe(FORGED_NAME)
  })

  it('fails with exit 3 when the expected fingerprint is given, or the register does not know the key', async () => {
    const forged = join(dir.path, 'forged-2.pdf')
    const { fingerprint } = await forgedPack(forged)
    const expected = runCli(['pack', 'verify', forged, '--expect-fingerprint', genuine])
    expect(expected.code).toBe(EXIT.integrity)
    expect(expected.stdout.split('\n')[0]).toBe('NOT VALID — do not rely on this pack')
    expect(expected.stdout).toContain('This is NOT the key you expected')
    expect(expected.stderr.trim()).toBe(
      'evidence-desk: The pack does not verify: it is signed by another key than the one expected.'
    )
    expect(runCli(['pack', 'verify', pdf, '--expect-fingerprint', genuine.match(/.{4}/g)!.join(' ')]).code).toBe(
      EXIT.ok
    )

    const unknown = cli('pack', 'verify', forged)
    expect(unknown.code).toBe(EXIT.integrity)
    expect(unknown.stdout).toContain('This register does not know this key.')
    const allowed = cli('pack', 'verify', forged, '--allow-unknown-signer', '--json')
    expect(allowed.code).toBe(EXIT.ok)
    expect(allowed.json<PackVerification>().signer).toMatchObject({
      fingerprint,
      status: 'unknown',
      registerConsulted: true
    })
    // The genuine pack is signed by the register's own key.
    const own = cli('pack', 'verify', pdf, '--json')
    expect(own.code).toBe(EXIT.ok)
    expect(own.json<PackVerification>()).toMatchObject({ verdict: 'valid', signer: { status: 'own' } })
  })

  it('verifies once the preparer’s key is trusted, by its key file or its fingerprint, and the trust is audited', async () => {
    const forged = join(dir.path, 'forged-3.pdf')
    const { fingerprint, publicKeyPem } = await forgedPack(forged)
    const keyFile = join(dir.path, 'preparer.pem')
    writeFileSync(keyFile, publicKeyPem)
    const trusted = cli('keys', 'trust', keyFile, '--label', 'Preparer at Example QSA')
    expect(trusted.code).toBe(0)
    expect(cli('pack', 'verify', forged, '--json').json<PackVerification>()).toMatchObject({
      ok: true,
      signer: { status: 'trusted', label: 'Preparer at Example QSA' }
    })
    const keys = cli('keys', 'list', '--json').json<{ fingerprint: string; trust: string }[]>()
    expect(keys.map((key) => [key.fingerprint, key.trust])).toContainEqual([fingerprint, 'trusted'])
    const log = cli('audit', 'log', '--json').json<{ action: string; entityId: string }[]>()
    expect(log).toContainEqual(expect.objectContaining({ action: 'keys.trust', entityId: fingerprint }))

    const byFingerprint = fingerprintOf(
      generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString()
    )
    expect(cli('keys', 'trust', byFingerprint).code).toBe(0)
    expect(cli('keys', 'trust', 'not-a-fingerprint').code).toBe(EXIT.usage)
    const rsa = join(dir.path, 'rsa.pem')
    writeFileSync(
      rsa,
      generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }).toString()
    )
    const refused = cli('keys', 'trust', rsa)
    expect(refused.code).toBe(EXIT.usage)
    expect(refused.stderr).toMatch(/Ed25519 keys only/)
  })

  it('in a ZIP: escaped member names, and a pack.pdf signed by another key than the ZIP is refused', async () => {
    const entries = await readZipEntries(zip)
    const renamed = join(dir.path, 'renamed.zip')
    await writeZip(renamed, [
      ...entries,
      { name: 'evidence/\u001b[32mOK\u001b[0m\u202etxt.exe', data: Buffer.from('x') }
    ])
    const run = runCli(['pack', 'verify', renamed])
    expect(run.code).toBe(EXIT.integrity)
    expectNoRawControls(run.stdout)
    expect(run.stdout).toContain('  Added: evidence/\\x1b[32mOK\\x1b[0m\\u202etxt.exe: This file is in the ZIP')

    const swapped = join(dir.path, 'swapped.zip')
    const forgedPdf = join(dir.path, 'forged-4.pdf')
    await forgedPack(forgedPdf)
    const forgedBytes = readFileSync(forgedPdf)
    await writeZip(
      swapped,
      entries.map((entry) => (entry.name === 'pack.pdf' ? { ...entry, data: forgedBytes } : entry))
    )
    const swappedRun = runCli(['pack', 'verify', swapped, '--json'])
    expect(swappedRun.code).toBe(EXIT.integrity)
    expect(swappedRun.json<PackVerification>().problems).toContainEqual(
      expect.objectContaining({ kind: 'changed', item: 'pack.pdf' })
    )
  })
})

describe('the signing key in the data folder', () => {
  it('refuses a key that is not Ed25519, and audits a changed key', () => {
    const keyPath = join(dataDir, 'keys', 'pack-signing.key')
    const original = readFileSync(keyPath)
    writeFileSync(
      keyPath,
      generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' })
    )
    const refused = cli('pack', 'build', '--framework', 'gdpr', '--out', join(dir.path, 'rsa.pdf'))
    expect(refused.code).toBe(EXIT.integrity)
    expect(refused.stderr).toMatch(/is an RSA \(1024 bits\) key; Evidence Desk signs packs with Ed25519 keys only/)

    writeFileSync(keyPath, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }))
    expect(cli('pack', 'build', '--framework', 'gdpr', '--out', join(dir.path, 'new-key.pdf')).code).toBe(0)
    const log = cli('audit', 'log', '--json').json<{ action: string; before?: { fingerprint: string } }[]>()
    expect(log).toContainEqual(expect.objectContaining({ action: 'keys.change', before: { fingerprint: genuine } }))
    expect(cli('audit', 'verify').code).toBe(0)
    writeFileSync(keyPath, original)
  }, 60_000)
})
