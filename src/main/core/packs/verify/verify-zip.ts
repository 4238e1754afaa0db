import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { PackVerification } from '../../../../shared/types'
import { LimitExceeded, LIMITS } from '../../util/limits'
import { sha256 } from '../signature/manifest'
import { ZIP_CHECKSUMS, ZIP_MANIFEST, ZIP_PDF, ZIP_PUBLIC_KEY, ZIP_SIGNATURE } from '../zip/write-pack-zip'
import {
  changedFile,
  checkSignature,
  failed,
  parseManifest,
  outcome,
  refused,
  shortHash,
  zipManifestSchema,
  type Problem
} from './manifest-check'
import { ZipArchive } from './read-zip'
import { innerManifestEvidence, verifyPdfFile } from './verify-pdf'

/**
 * Verifies a pack's ZIP: the manifest's signature, every member against it (changed, added,
 * removed, each read no further than its signed size), SHA256SUMS against the members, bytes
 * hidden outside the listed members, pack.pdf as a signed PDF in its own right signed by the
 * same key, and every evidence member against the signed PDF's attachment of the same evidence.
 */
export async function verifyPackZip(path: string): Promise<PackVerification> {
  let archive: ZipArchive
  try {
    archive = await ZipArchive.open(path)
  } catch (error) {
    if (error instanceof LimitExceeded) return refused('zip', error)
    return failed('zip', 'archive', `The ZIP cannot be read (${(error as Error).message}).`)
  }
  const work = await mkdtemp(join(tmpdir(), 'evidence-desk-verify-'))
  try {
    return await checkZip(archive, join(work, ZIP_PDF))
  } catch (error) {
    if (error instanceof LimitExceeded) return refused('zip', error)
    throw error
  } finally {
    archive.close()
    await rm(work, { recursive: true, force: true })
  }
}

async function checkZip(archive: ZipArchive, pdfCopy: string): Promise<PackVerification> {
  const problems: Problem[] = []
  const small = async (name: string) => {
    const member = await archive.read(name, {
      ceiling: LIMITS.zipSmallMember.value,
      limit: 'zipSmallMember',
      keep: true
    })
    return member.content
  }
  const manifestData = archive.members.get(ZIP_MANIFEST) ? await small(ZIP_MANIFEST) : undefined
  const signature = archive.members.get(ZIP_SIGNATURE) ? (await small(ZIP_SIGNATURE))?.toString('utf8') : undefined
  const publicKey = archive.members.get(ZIP_PUBLIC_KEY) ? (await small(ZIP_PUBLIC_KEY))?.toString('utf8') : undefined
  for (const [name, entry] of archive.members) {
    if (entry === null)
      problems.push({
        kind: 'changed',
        item: name,
        detail: 'The member cannot be read (the name is in the ZIP more than once).'
      })
  }
  if (!manifestData || !signature || !publicKey) {
    problems.push({
      kind: 'structure',
      item: 'signature',
      detail: 'The ZIP has no Evidence Desk manifest, signature or key.'
    })
    return { ok: false, kind: 'zip', pack: null, keyFingerprint: null, checked: archive.members.size, problems }
  }
  const manifest = parseManifest(zipManifestSchema, manifestData)
  if (!manifest) {
    problems.push({
      kind: 'structure',
      item: ZIP_MANIFEST,
      detail: 'The manifest cannot be read as an Evidence Desk manifest.'
    })
    return { ok: false, kind: 'zip', pack: null, keyFingerprint: null, checked: archive.members.size, problems }
  }
  const fingerprint = checkSignature(
    manifestData,
    signature,
    publicKey,
    manifest.signing.publicKeyFingerprint,
    problems
  )
  if (archive.comment)
    problems.push({
      kind: 'added',
      item: 'archive comment',
      detail: 'The ZIP carries a comment the pack did not have.'
    })
  if (archive.unlistedBytes > 0) {
    problems.push({
      kind: 'added',
      item: 'archive',
      detail: `${archive.unlistedBytes} bytes of the ZIP belong to no listed member (hidden data or members).`
    })
  }

  // Every listed member, read no further than the size the signed manifest gives it.
  const hashes = new Map<string, string>()
  let total = 0
  const listed = new Map(manifest.files.map((file) => [file.path, file]))
  for (const file of manifest.files) {
    const entry = archive.members.get(file.path)
    if (entry === undefined) {
      problems.push({ kind: 'removed', item: file.path, detail: 'The file is missing from the ZIP.' })
      continue
    }
    if (entry === null) continue
    const isPdf = file.path === ZIP_PDF
    if (isPdf && entry.uncompressedSize > LIMITS.zipPackPdf.value)
      throw new LimitExceeded('zipPackPdf', `The ZIP member ${ZIP_PDF}`)
    total += entry.uncompressedSize
    if (total > LIMITS.zipTotalBytes.value) throw new LimitExceeded('zipTotalBytes', 'The ZIP')
    if (entry.uncompressedSize !== file.size) {
      problems.push({
        kind: 'changed',
        item: file.path,
        detail: `It is ${entry.uncompressedSize} bytes, not ${file.size} as signed.`
      })
      continue
    }
    const member = await archive.read(file.path, {
      ceiling: Math.min(file.size, isPdf ? LIMITS.zipPackPdf.value : LIMITS.zipMemberBytes.value),
      limit: isPdf ? 'zipPackPdf' : 'zipMemberBytes',
      ...(isPdf ? { to: pdfCopy } : {})
    })
    if (member.error)
      problems.push({ kind: 'changed', item: file.path, detail: `The member cannot be read (${member.error}).` })
    else {
      hashes.set(file.path, member.sha256)
      if (member.sha256 !== file.sha256) problems.push(changedFile(file.path, file.sha256, member.sha256))
    }
  }
  for (const name of archive.members.keys()) {
    if (!listed.has(name) && ![ZIP_MANIFEST, ZIP_SIGNATURE, ZIP_CHECKSUMS].includes(name)) {
      problems.push({ kind: 'added', item: name, detail: 'This file is in the ZIP but not in the signed manifest.' })
    }
  }
  hashes.set(ZIP_MANIFEST, sha256(manifestData))
  hashes.set(ZIP_SIGNATURE, sha256(Buffer.from(signature)))

  const sums = archive.members.get(ZIP_CHECKSUMS) ? (await small(ZIP_CHECKSUMS))?.toString('utf8') : undefined
  if (!sums) problems.push({ kind: 'removed', item: ZIP_CHECKSUMS, detail: 'The checksum list is missing.' })
  else {
    for (const line of sums.split('\n').filter(Boolean)) {
      const match = /^([0-9a-f]{64}) {2}(.+)$/.exec(line)
      if (!match || hashes.get(match[2]!) !== match[1]) {
        problems.push({
          kind: 'changed',
          item: ZIP_CHECKSUMS,
          detail: `This line does not match the ZIP: ${match ? `${shortHash(match[1]!)}  ${match[2]}` : line.slice(0, 120)}`
        })
        break
      }
    }
  }

  // pack.pdf is a signed pack of its own: the same key, and the same evidence as the ZIP's members.
  const pdfEntry = listed.get(ZIP_PDF)
  let pdfSignature: PackVerification['pdfSignature'] = null
  if (pdfEntry && hashes.get(ZIP_PDF) === pdfEntry.sha256) {
    const inner = await verifyPdfFile(pdfCopy)
    for (const problem of inner.problems) problems.push({ ...problem, item: `${ZIP_PDF}: ${problem.item}` })
    if (inner.keyFingerprint && fingerprint && inner.keyFingerprint !== fingerprint) {
      problems.push({
        kind: 'signature',
        item: ZIP_PDF,
        detail: 'pack.pdf is signed with another key than the ZIP’s manifest.'
      })
    }
    const innerEvidence = await innerManifestEvidence(pdfCopy)
    for (const file of manifest.files) {
      if (!file.path.startsWith('evidence/')) continue
      const id = file.evidenceId ?? /^(EV-\d+)\b/.exec(file.path.split('/').at(-1) ?? '')?.[1]
      const signed = id ? innerEvidence.get(id) : undefined
      if (!signed) {
        problems.push({
          kind: 'added',
          item: file.path,
          detail: 'This evidence file is not attached to the signed pack.pdf.'
        })
      } else if (signed.sha256 !== file.sha256 || signed.size !== file.size) {
        problems.push({
          ...changedFile(file.path, signed.sha256, file.sha256),
          detail: 'It differs from the file of the same evidence attached to the signed pack.pdf.'
        })
      }
      // What a changed or missing member is evidence for, as the signed PDF files it.
      for (const problem of problems) {
        if (problem.item === file.path && !problem.requirements && signed?.requirements?.length) {
          problem.requirements = signed.requirements
        }
      }
    }
    pdfSignature = inner.pdfSignature ?? null
  }
  return outcome('zip', manifest.pack, fingerprint, manifest.files.length + 3, problems, {
    pdfSignature,
    appendedAfterSigning: null
  })
}
