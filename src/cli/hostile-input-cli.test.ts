import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EvidenceDetail, PackVerification } from '../shared/types'
import { readZipEntries } from '../main/core/packs/testing/pack-test-tools'
import {
  rawPdf,
  flateBombPdf,
  objectStreamBombPdf,
  storedMember,
  writeRawZip,
  zeroDeflate
} from '../main/core/testing/hostile-files'
import { tempDir } from '../main/core/testing/temp-dir'
import { EXIT } from './exit-codes'
import { runCli, runCliMeasured } from './testing/run-cli'

/*
 * Small files that expand to gigabytes, generated here: each is refused at a ceiling that is
 * named, within 300 MB of resident memory (the whole process, worker included) and 10 seconds.
 */

const MiB = 1024 * 1024
const GiB = 1024 * MiB
const RSS_CEILING_MB = 300
const TIME_CEILING_MS = 10_000

let dir: ReturnType<typeof tempDir>
let dataDir: string
let zip: string

function vaultObjects(): string[] {
  const root = join(dataDir, 'vault', 'objects')
  if (!existsSync(root)) return []
  return readdirSync(root).flatMap((prefix) => readdirSync(join(root, prefix)))
}

beforeAll(() => {
  dir = tempDir()
  dataDir = join(dir.path, 'register')
  expect(runCli(['--data-dir', dataDir, 'init']).code).toBe(0)
  zip = join(dir.path, 'pack.zip')
  const built = runCli([
    '--data-dir',
    dataDir,
    'pack',
    'build',
    '--framework',
    'gdpr',
    '--out',
    join(dir.path, 'pack.pdf'),
    '--zip',
    zip
  ])
  expect(built.code).toBe(0)
}, 60_000)
afterAll(() => dir.cleanup())

describe('a ZIP bomb sent as a pack', () => {
  it('2 MB whose pack.pdf expands to 2 GiB: refused naming the limit, exit 3, bounded memory and time', async () => {
    const entries = await readZipEntries(zip)
    const bomb = zeroDeflate(2 * GiB)
    const path = join(dir.path, 'bomb.zip')
    await writeRawZip(
      path,
      entries.map((entry) =>
        entry.name === 'pack.pdf'
          ? { name: entry.name, stored: bomb.data, deflated: true, crc: bomb.crc, size: 2 * GiB }
          : storedMember(entry.name, entry.data)
      )
    )
    expect(readFileSync(path).length).toBeLessThan(3 * MiB)
    const run = runCliMeasured(['pack', 'verify', path])
    expect(run.code).toBe(EXIT.integrity)
    expect(run.stdout.split('\n')[0]).toBe('NOT VALID — do not rely on this pack')
    expect(run.stdout).toContain('Refused: the file goes beyond the limit of 1 GB for the pack.pdf inside a ZIP.')
    expect(run.maxRssMb).toBeLessThan(RSS_CEILING_MB)
    expect(run.ms).toBeLessThan(TIME_CEILING_MS)
    const json = runCli(['pack', 'verify', path, '--json']).json<PackVerification>()
    expect(json).toMatchObject({ ok: false, refusedAtLimit: '1 GB for the pack.pdf inside a ZIP' })
  })

  it('a member that lies about its size is stopped where its declared size ends', async () => {
    const entries = await readZipEntries(zip)
    const bomb = zeroDeflate(2 * GiB)
    const path = join(dir.path, 'lying-bomb.zip')
    await writeRawZip(
      path,
      entries.map((entry) =>
        entry.name === 'pack.pdf'
          ? { name: entry.name, stored: bomb.data, deflated: true, crc: bomb.crc, size: entry.data.length }
          : storedMember(entry.name, entry.data)
      )
    )
    const run = runCliMeasured(['pack', 'verify', path])
    expect(run.code).toBe(EXIT.integrity)
    expect(run.stdout).toMatch(/Changed: pack\.pdf: /)
    expect(run.maxRssMb).toBeLessThan(RSS_CEILING_MB)
    expect(run.ms).toBeLessThan(TIME_CEILING_MS)
  })
})

describe('PDF bombs attached as evidence', () => {
  it.each([
    ['a 1 MB PDF whose attachment expands to 1 GiB', 'flate.pdf', () => flateBombPdf(GiB)],
    ['a 1 MB PDF whose object stream expands to 1 GiB', 'objstm.pdf', () => objectStreamBombPdf(GiB)]
  ])('%s is stored as it is, nothing extracted, the limit named', (_label, name, make) => {
    const path = join(dir.path, name)
    const bytes = make()
    expect(bytes.length).toBeLessThan(1.2 * MiB)
    writeFileSync(path, bytes)
    const before = vaultObjects().length
    const run = runCliMeasured(['--data-dir', dataDir, 'evidence', 'add', path, '--json'])
    expect(run.code).toBe(EXIT.ok)
    expect(run.maxRssMb).toBeLessThan(RSS_CEILING_MB)
    expect(run.ms).toBeLessThan(TIME_CEILING_MS)
    const item = run.json<{ id: string; size: number; extracted: unknown[]; notes: string[] }>()
    expect(item.size).toBe(bytes.length)
    expect(item.extracted).toEqual([])
    expect(item.notes.join(' ')).toMatch(/stored as it is and nothing was extracted from it: .*limit of 64 MB/)
    // Only the file itself went into the vault: nothing over the limit was written.
    expect(vaultObjects().length).toBe(before + 1)
    const shown = runCli(['--data-dir', dataDir, 'evidence', 'show', item.id, '--json']).json<EvidenceDetail>()
    expect(shown.metadata.inspectionRefused).toBe('pdfStreamBytes')
  })
})

describe('names and notes read from a file', () => {
  it('are printed escaped by evidence add and evidence show, never raw', () => {
    // A text string in UTF-16 (as PDF writers store names in any script): escapes and an override in it.
    const utf16 = Buffer.from('\u001b[2J\u001b[31mreport\u202efdp.exe\u0007', 'utf16le').swap16()
    const hostile = `<FEFF${utf16.toString('hex').toUpperCase()}>`
    const pdf = rawPdf([
      `<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names [${hostile} 4 0 R] >> >> >>`,
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>',
      `<< /Type /Filespec /F ${hostile} /UF ${hostile} /EF << /F 9 0 R >> >>`
    ])
    const path = join(dir.path, 'minutes\nof the review.pdf')
    writeFileSync(path, pdf)
    const added = runCli(['--data-dir', dataDir, 'evidence', 'add', path])
    expect(added.code).toBe(EXIT.ok)
    for (const output of [added.stdout, added.stderr]) {
      // eslint-disable-next-line no-control-regex
      expect(output).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/)
    }
    expect(added.stderr).toContain(
      'lists an attachment "\\x1b[2J\\x1b[31mreport\\u202efdp.exe\\x07" but does not contain it'
    )
    const id = /^Added (EV-\d+)/m.exec(added.stdout)![1]!
    const shown = runCli(['--data-dir', dataDir, 'evidence', 'show', id])
    // eslint-disable-next-line no-control-regex
    expect(shown.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/)
    expect(shown.stdout).toContain('Note: The PDF lists an attachment "\\x1b[2J')
    expect(shown.stdout).toMatch(/^File: +minutes\ufffdof the review\.pdf/m)
  })
})
