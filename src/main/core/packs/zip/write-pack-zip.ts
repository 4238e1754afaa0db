import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { pipeline } from 'node:stream/promises'
import yazl from 'yazl'
import { hashingTap } from '../../util/hashing-tap'
import type { PackContent } from '../pack-content'
import {
  manifestBytes,
  manifestPack,
  sha256,
  signManifest,
  ZIP_MANIFEST_FORMAT,
  type ZipManifest
} from '../signature/manifest'

export const ZIP_PDF = 'pack.pdf'
export const ZIP_MANIFEST = 'manifest.json'
export const ZIP_SIGNATURE = 'manifest.sig'
export const ZIP_PUBLIC_KEY = 'signing-key.pem'
export const ZIP_CHECKSUMS = 'SHA256SUMS'

const COMPRESSED =
  /^(application\/(pdf|zip|gzip|x-7z-compressed|vnd\.openxmlformats)|image\/(png|jpeg|gif|webp|heic)|video\/)/

async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

/**
 * The pack as a folder an auditor can browse: pack.pdf, the evidence files in folders by
 * framework and requirement, manifest.json with its signature and the public key, and a
 * SHA256SUMS that `sha256sum -c SHA256SUMS` checks. Files are streamed in, never held whole.
 */
export async function writePackZip(
  content: PackContent,
  options: {
    pdfPath: string
    zipPath: string
    privateKeyPem: string
    onProgress: (done: number, total: number) => void
  }
): Promise<{ sha256: string; size: number }> {
  const zip = new yazl.ZipFile()
  const mtime = new Date(content.pack.generatedAt)
  const files: ZipManifest['files'] = []

  const pdfSize = (await stat(options.pdfPath)).size
  zip.addFile(options.pdfPath, ZIP_PDF, { mtime, compress: false })
  files.push({ path: ZIP_PDF, size: pdfSize, sha256: await hashFile(options.pdfPath) })

  for (const item of content.evidence) {
    for (const folder of item.folders) {
      const path = `evidence/${folder}/${item.fileName}`
      zip.addFile(item.path, path, { mtime, compress: !COMPRESSED.test(item.mediaType) })
      files.push({ path, size: item.size, sha256: item.sha256 })
    }
  }
  const publicKey = Buffer.from(content.signing.publicKeyPem)
  zip.addBuffer(publicKey, ZIP_PUBLIC_KEY, { mtime })
  files.push({ path: ZIP_PUBLIC_KEY, size: publicKey.length, sha256: sha256(publicKey) })

  const manifest: ZipManifest = {
    format: ZIP_MANIFEST_FORMAT,
    pack: manifestPack(content),
    files,
    signing: { algorithm: 'Ed25519', publicKeyFingerprint: content.signing.fingerprint }
  }
  const bytes = manifestBytes(manifest)
  const signature = Buffer.from(`${signManifest(bytes, options.privateKeyPem)}\n`)
  zip.addBuffer(bytes, ZIP_MANIFEST, { mtime })
  zip.addBuffer(signature, ZIP_SIGNATURE, { mtime })
  const sums = [
    ...files.map((file) => `${file.sha256}  ${file.path}`),
    `${sha256(bytes)}  ${ZIP_MANIFEST}`,
    `${sha256(signature)}  ${ZIP_SIGNATURE}`
  ]
  zip.addBuffer(Buffer.from(`${sums.join('\n')}\n`), ZIP_CHECKSUMS, { mtime })
  zip.end()

  const total = files.reduce((sum, file) => sum + file.size, 0)
  const tap = hashingTap((_chunk, size) => options.onProgress(Math.min(size, total), total))
  await pipeline(
    zip.outputStream,
    tap.stream,
    createWriteStream(options.zipPath, { flags: 'wx', mode: 0o600, flush: true })
  )
  return { sha256: tap.hash.digest('hex'), size: tap.size() }
}
