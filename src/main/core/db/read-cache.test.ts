import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ReadCache } from './read-cache'

describe('ReadCache', () => {
  const dirs: string[] = []
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })))

  const open = (): { path: string; db: Database.Database } => {
    const dir = mkdtempSync(join(tmpdir(), 'read-cache-'))
    dirs.push(dir)
    const path = join(dir, 'register.sqlite')
    const db = new Database(path)
    db.pragma('journal_mode = WAL')
    db.exec(`CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (1)`)
    return { path, db }
  }
  const sum = (db: Database.Database) => () => db.prepare(`SELECT sum(n) FROM t`).pluck().get() as number

  it('reads once while nothing changes', () => {
    const { db } = open()
    const cache = new ReadCache(db)
    let reads = 0
    const read = () => (reads++, sum(db)())
    expect(cache.get('sum', read)).toBe(1)
    expect(cache.get('sum', read)).toBe(1)
    expect(reads).toBe(1)
  })

  it('reads again after a write on the same connection, even one that changes nothing visible', () => {
    const { db } = open()
    const cache = new ReadCache(db)
    expect(cache.get('sum', sum(db))).toBe(1)
    db.exec(`INSERT INTO t VALUES (2)`)
    expect(cache.get('sum', sum(db))).toBe(3)
    db.exec(`UPDATE t SET n = n WHERE n = 2`)
    let reads = 0
    cache.get('sum', () => (reads++, sum(db)()))
    expect(reads).toBe(1)
  })

  it('reads again after another process commits (the command line while the app is open)', () => {
    const { path, db } = open()
    const cache = new ReadCache(db)
    expect(cache.get('sum', sum(db))).toBe(1)
    const other = new Database(path)
    other.exec(`INSERT INTO t VALUES (5)`)
    other.close()
    expect(cache.get('sum', sum(db))).toBe(6)
  })

  it('keeps nothing read inside a transaction, which may yet be rolled back', () => {
    const { db } = open()
    const cache = new ReadCache(db)
    expect(cache.get('sum', sum(db))).toBe(1)
    expect(() =>
      db.transaction(() => {
        db.exec(`INSERT INTO t VALUES (100)`)
        expect(cache.get('sum', sum(db))).toBe(101)
        throw new Error('rolled back')
      })()
    ).toThrow('rolled back')
    expect(cache.get('sum', sum(db))).toBe(1)
  })

  it('keeps at most its limit of entries, dropping the least recently used', () => {
    const { db } = open()
    const cache = new ReadCache(db, 2)
    let reads = 0
    const read = () => ++reads
    cache.get('a', read)
    cache.get('b', read)
    cache.get('a', read)
    cache.get('c', read)
    expect(cache.get('a', read)).toBe(1)
    expect(cache.get('b', read)).toBe(4)
  })
  it('keeps values read elsewhere only when nothing was written since the read began', () => {
    const { db } = open()
    const cache = new ReadCache(db)
    const version = cache.version()
    expect(cache.seed(version, [['sum', 1]])).toBe(true)
    expect(cache.has('sum')).toBe(true)
    expect(cache.get('sum', () => -1)).toBe(1)

    const before = cache.version()
    db.exec(`INSERT INTO t VALUES (5)`)
    expect(cache.seed(before, [['sum', 1]])).toBe(false)
    expect(cache.has('sum')).toBe(false)
    expect(cache.get('sum', sum(db))).toBe(6)
  })
})
