import Database from 'better-sqlite3'
import { join } from 'node:path'
import { CONTROL_STATUSES, RESPONSIBILITIES } from '../src/shared/domain'
import { controlListQuery } from '../src/main/core/controls/control-service'
import { Register } from '../src/main/core/register'
import { createDispatcher } from '../src/main/ipc/dispatcher'
import { createHandlers } from '../src/main/ipc/handlers'
import { measurement, medianMs, medianMsAsync, report } from './measure'
import { WORDS } from './words'

const CONTROLS = 10_000
const MAPPINGS_PER_CONTROL = 5
const AUDIT_ENTRIES = 100_000

/** A register the size of a large organisation's: 10,000 controls, 50,000 mappings, 100,000 audit entries. */
export async function seed(dataDir: string): Promise<void> {
  const register = await Register.open({ dataDir, actor: 'bench' })
  const db = register.db
  const requirementIds = db.prepare(`SELECT id FROM requirements WHERE assessable = 1`).pluck().all() as number[]
  const insertControl = db.prepare(
    `INSERT INTO controls (id, title, statement, domain, owner, status, responsibility, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, '2026-01-01', '2026-01-01')`
  )
  const insertMapping = db.prepare(`INSERT OR IGNORE INTO control_requirements VALUES (?, ?)`)
  // mulberry32: a small seeded generator, so every run seeds the same register.
  let state = 42
  const next = (limit: number): number => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * limit)
  }
  db.transaction(() => {
    db.exec(`DELETE FROM control_requirements; DELETE FROM controls;`)
    for (let index = 0; index < CONTROLS; index++) {
      const id = `B${String.fromCharCode(65 + (index % 26))}${String.fromCharCode(65 + (Math.floor(index / 26) % 26))}-${String(index % 1000).padStart(3, '0')}`
      const words = Array.from({ length: 12 }, () => WORDS[next(WORDS.length)]).join(' ')
      insertControl.run(
        id,
        `Control ${index} ${words.slice(0, 40)}`,
        words,
        `Domain ${index % 12}`,
        `Owner ${index % 40}`,
        CONTROL_STATUSES[next(CONTROL_STATUSES.length)],
        RESPONSIBILITIES[next(RESPONSIBILITIES.length)]
      )
      for (let mapping = 0; mapping < MAPPINGS_PER_CONTROL; mapping++) {
        insertMapping.run(id, requirementIds[next(requirementIds.length)])
      }
    }
  })()
  db.transaction(() => {
    for (let index = register.audit.count(); index < AUDIT_ENTRIES; index++) {
      register.audit.append({
        action: 'control.update',
        entityType: 'control',
        entityId: `C-${index % CONTROLS}`,
        summary: `Seeded change ${index}`,
        before: { status: 'planned' },
        after: { status: 'implemented' }
      })
    }
  })()
  register.close()
}

export async function registerBenchmarks(workDir: string): Promise<(string | undefined)[]> {
  const dataDir = join(workDir, 'register')
  await seed(dataDir)
  const register = await Register.open({ dataDir, actor: 'bench' })
  const dispatch = createDispatcher(createHandlers(register))
  const raw = new Database(join(dataDir, 'register.sqlite'), { readonly: true })
  const misses: (string | undefined)[] = []

  // The register list as the renderer asks for it, through the contract, against the same SQL run raw.
  const filter = { framework: 'pci', status: 'implemented' } as const
  const listQuery = controlListQuery(filter)
  const listSql = raw.prepare(listQuery.sql)
  const listBaseline = medianMs(() => listSql.all(listQuery.params))
  const list = await medianMsAsync(() => dispatch('controls:list', filter), 31, 5)
  misses.push(report(measurement('register.list.filtered', list, 'ms', listBaseline), { maxRatio: 2, maxValue: 16 }))

  const search = { search: 'guardduty findings' }
  const searchQuery = controlListQuery(search)
  const searchSql = raw.prepare(searchQuery.sql)
  const searchBaseline = medianMs(() => searchSql.all(searchQuery.params))
  const searched = await medianMsAsync(() => dispatch('controls:list', search), 31, 5)
  misses.push(report(measurement('register.search.fts', searched, 'ms', searchBaseline), { maxRatio: 2, maxValue: 16 }))

  register.close()
  // Opening: the app's open (schema check, catalog check) against opening the file and reading its version.
  const openBaseline = medianMs(
    () => {
      const db = new Database(join(dataDir, 'register.sqlite'))
      db.pragma('user_version', { simple: true })
      db.close()
    },
    15,
    2
  )
  const open = await medianMsAsync(async () => (await Register.open({ dataDir, mustExist: true })).close(), 15, 2)
  misses.push(report(measurement('register.open', open, 'ms', openBaseline), { maxValue: 100 }))

  const verifyBaseline = medianMs(() => raw.prepare(`SELECT * FROM audit_log ORDER BY seq`).all(), 5, 1)
  const verifyRegister = await Register.open({ dataDir, mustExist: true })
  const verify = medianMs(() => verifyRegister.audit.verify(), 5, 1)
  verifyRegister.close()
  misses.push(report(measurement('audit.verify.100k', verify, 'ms', verifyBaseline)))
  raw.close()
  return misses
}
