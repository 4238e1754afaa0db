import Database from 'better-sqlite3'
import { randomBytes } from 'node:crypto'
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { addMonths } from '../src/shared/dates'
import { EVIDENCE_COUNT_SQL, EVIDENCE_PAGE_SQL, evidenceListQuery } from '../src/main/core/evidence/evidence-service'
import { Register } from '../src/main/core/register'
import { createDispatcher } from '../src/main/ipc/dispatcher'
import { createHandlers } from '../src/main/ipc/handlers'
import { runBundledChild } from './bundle'
import { measurement, medianMs, medianMsAsync, report } from './measure'

const GIB = 1024 * 1024 * 1024
const EVIDENCE_RECORDS = 100_000

/** A 1 GiB file of random bytes (written in 8 MiB blocks, so this never holds it in memory). */
function largeFile(path: string): void {
  const fd = openSync(path, 'w')
  const block = randomBytes(8 * 1024 * 1024)
  for (let written = 0; written < GIB; written += block.length) {
    block[0] = written & 0xff // every block differs
    writeSync(fd, block)
  }
  closeSync(fd)
}

async function importBenchmarks(workDir: string): Promise<(string | undefined)[]> {
  mkdirSync(workDir, { recursive: true })
  const source = join(workDir, 'one-gibibyte.bin')
  largeFile(source)
  // Measured as the app runs it: bundled, with no TypeScript compiler loaded in the process or its workers.
  const child = await runBundledChild<{ baselineMs: number; importMs: number; peakRssBytes: number }>(
    resolve(__dirname, 'import-child.ts'),
    [source, workDir]
  )
  const throughput = GIB / 1048576 / (child.importMs / 1000)
  const baselineThroughput = GIB / 1048576 / (child.baselineMs / 1000)
  const peakMb = child.peakRssBytes / 1048576
  return [
    report(measurement('evidence.import.1GiB.throughput', throughput, 'MiB/s', baselineThroughput), { minRatio: 0.8 }),
    // Against the 150 MB budget: the ratio says how much of it the import used.
    report(measurement('evidence.import.1GiB.peakRss', peakMb, 'MB', 150), { maxValue: 150 })
  ]
}

/** A vault of 100,000 evidence records, inserted directly (the import path is measured above). */
export async function seedVault(dataDir: string): Promise<void> {
  const register = await Register.open({ dataDir, actor: 'bench' })
  const db = register.db
  const insertBlob = db.prepare(`INSERT INTO blobs VALUES (?, ?, 'application/pdf', '2026-01-01')`)
  const insertEvidence = db.prepare(
    `INSERT INTO evidence (id, title, kind, source, original_name, sha256, imported_at, imported_by, effective_date, review_by)
     VALUES (?, ?, ?, 'internal', ?, ?, '2026-01-01T00:00:00Z', 'bench', ?, ?)`
  )
  const link = db.prepare(`INSERT INTO evidence_controls VALUES (?, ?, '2026-01-01')`)
  const controls = db.prepare(`SELECT id FROM controls`).pluck().all() as string[]
  const kinds = ['artifact-report', 'policy', 'screenshot', 'config-export', 'finding-export'] as const
  db.transaction(() => {
    for (let index = 1; index <= EVIDENCE_RECORDS; index++) {
      const sha = index.toString(16).padStart(64, '0')
      insertBlob.run(sha, 1000 + index)
      const effective = addMonths('2024-01-01', index % 36)
      insertEvidence.run(
        `EV-${String(index).padStart(6, '0')}`,
        `Evidence ${index}`,
        kinds[index % kinds.length],
        `file-${index}.pdf`,
        sha,
        effective,
        addMonths(effective, 12)
      )
      link.run(`EV-${String(index).padStart(6, '0')}`, controls[index % controls.length])
    }
  })()
  register.close()
}

async function listBenchmarks(workDir: string): Promise<(string | undefined)[]> {
  const dataDir = join(workDir, 'vault-100k')
  await seedVault(dataDir)
  const register = await Register.open({ dataDir, actor: 'bench' })
  const dispatch = createDispatcher(createHandlers(register))
  const raw = new Database(join(dataDir, 'register.sqlite'), { readonly: true })
  const misses: (string | undefined)[] = []

  for (const [name, query] of [
    ['evidence.list.100k', {}],
    ['evidence.list.100k.expiring', { freshness: 'expiring' as const }]
  ] as const) {
    const { where, params } = evidenceListQuery(query)
    const all = { ...params, ...register.evidence.freshnessParams() }
    const page = raw.prepare(EVIDENCE_PAGE_SQL(where))
    const count = raw.prepare(EVIDENCE_COUNT_SQL(where)).pluck()
    const baseline = medianMs(() => {
      page.all({ ...all, limit: 200, offset: 0 })
      count.get(all)
    })
    const value = await medianMsAsync(() => dispatch('evidence:list', { query, limit: 200 }), 31, 5)
    misses.push(report(measurement(name, value, 'ms', baseline), { maxValue: 16 }))
  }
  raw.close()
  register.close()
  return misses
}

export async function evidenceBenchmarks(workDir: string): Promise<(string | undefined)[]> {
  return [...(await listBenchmarks(workDir)), ...(await importBenchmarks(join(workDir, 'import')))]
}
