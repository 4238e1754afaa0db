import { createWriteStream } from 'node:fs'
import { rm, stat } from 'node:fs/promises'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import yazl from 'yazl'
import { toCsv } from '../../util/csv'
import { hashingTap } from '../../util/hashing-tap'
import { hashFile, worthCompressing } from './zip-members'
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
export const ZIP_INDEX = 'index.csv'
export const ZIP_README = 'README.txt'

/** The evidence cross-reference as a spreadsheet: the same facts as the PDF's evidence index. */
function indexCsv(content: PackContent, paths: Map<string, string[]>): Buffer {
  const names = new Map(content.pack.accounts.map((account) => [account.accountId, account.name]))
  return Buffer.from(
    toCsv(
      [
        'id',
        'reference',
        'title',
        'kind',
        'source',
        'effective_date',
        'period_start',
        'period_end',
        'review_by',
        'freshness',
        'accounts',
        'controls',
        'requirements',
        'size',
        'sha256',
        'files'
      ],
      content.evidence.map((item) => [
        item.id,
        item.docRef,
        item.title,
        item.kind,
        item.sourceDetail ? `${item.source} (${item.sourceDetail})` : item.source,
        item.effectiveDate,
        item.periodStart,
        item.periodEnd,
        item.reviewBy,
        item.freshness,
        item.accounts.map((id) => (names.has(id) ? `${names.get(id)} (${id})` : id)).join('; '),
        item.controls.join('; '),
        item.requirements.join('; '),
        item.size,
        item.sha256,
        (paths.get(item.id) ?? []).join('; ')
      ])
    )
  )
}

/** What is where in the ZIP, and how to check it, for whoever opens it first. */
function readme(content: PackContent): Buffer {
  const { pack } = content
  const lines = [
    `Evidence pack: ${pack.name}`,
    `${pack.organisation} - ${content.frameworks.map((framework) => `${framework.name} ${framework.version}`).join(', ')}`,
    `Audit period ${pack.periodStart} to ${pack.periodEnd}; scope: ${pack.scopeLabel}`,
    `Generated ${pack.generatedAt} by ${pack.generator}`,
    '',
    'What is where',
    `  ${ZIP_PDF}          the pack: scope, results, open items, matrix, controls, requirements, evidence index,`,
    "                    audit log; every evidence file and the period's audit log are attached to it too",
    '  evidence/         the evidence files, in folders by framework and requirement group (a file that',
    '                    supports several groups is in each of their folders)',
    `  ${ZIP_INDEX}         every evidence file: reference, dates, freshness, accounts, controls,`,
    '                    requirements, size and SHA-256 (opens in a spreadsheet)',
    `  ${content.audit.logName || 'audit-log.jsonl'}`,
    '                    every audit-log entry of the period, one JSON object a line, hash-chained',
    `  ${ZIP_MANIFEST}     every file above with its size and SHA-256, signed: ${ZIP_SIGNATURE} (Ed25519)`,
    `  ${ZIP_PUBLIC_KEY}   the public key that signed it; its SHA-256 fingerprint is on the PDF's cover`,
    `  ${ZIP_CHECKSUMS}        the same hashes for sha256sum -c`,
    '',
    'How to verify',
    '  evidence-desk pack verify <this zip>  (or Verify a pack in Evidence Desk) checks the signature,',
    '  every file and the PDF inside. Compare the key fingerprint it prints with the one the preparer',
    '  sent you separately. "sha256sum -c SHA256SUMS" alone proves only that the files match that list,',
    '  not who made the list: whoever changed a file could have changed the list too.',
    ''
  ]
  return Buffer.from(lines.join('\r\n'))
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
  files.push({ path: ZIP_PDF, size: pdfSize, sha256: (await hashFile(options.pdfPath)).sha256 })

  const paths = new Map<string, string[]>()
  for (const item of content.evidence) {
    for (const folder of item.folders) {
      const path = `evidence/${folder}/${item.fileName}`
      zip.addFile(item.path, path, { mtime, compress: worthCompressing(item.mediaType) })
      files.push({ path, size: item.size, sha256: item.sha256, evidenceId: item.id })
      paths.set(item.id, [...(paths.get(item.id) ?? []), path])
    }
  }
  if (content.audit.logPath) {
    // Streamed in like the evidence (a large register's log of a year is tens of MB), never read whole.
    const { size, sha256 } = await hashFile(content.audit.logPath)
    zip.addFile(content.audit.logPath, content.audit.logName, { mtime })
    files.push({ path: content.audit.logName, size, sha256 })
  }
  for (const [name, bytes] of [
    [ZIP_INDEX, indexCsv(content, paths)],
    [ZIP_README, readme(content)]
  ] as const) {
    zip.addBuffer(bytes, name, { mtime })
    files.push({ path: name, size: bytes.length, sha256: sha256(bytes) })
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
  // An evidence file that cannot be read (gone from the vault since the PDF was written) is an error
  // of the archive, not of its output stream: end the output with it, so the export fails cleanly.
  zip.on('error', (error: Error) => (zip.outputStream as Readable).destroy(error))
  try {
    await pipeline(
      zip.outputStream,
      tap.stream,
      createWriteStream(options.zipPath, { flags: 'wx', mode: 0o600, flush: true })
    )
  } catch (error) {
    await rm(options.zipPath, { force: true })
    throw error
  }
  return { sha256: tap.hash.digest('hex'), size: tap.size() }
}
