import type Database from 'better-sqlite3'

/**
 * Results of whole-register reads kept while the register is unchanged: an entry lives until
 * anything is written, by this connection (total_changes) or by another process, such as the
 * command line while the app is open (data_version). A large register's grouped queries (evidence
 * per control, mappings per control) then cost once per change instead of once per screen.
 * Cached values are shared: callers treat them as read-only.
 */
export class ReadCache {
  private state = ''
  private readonly entries = new Map<string, unknown>()
  private readonly changes: Database.Statement

  constructor(
    private readonly db: Database.Database,
    private readonly limit = 32
  ) {
    this.changes = db.prepare(`SELECT total_changes()`).pluck()
  }

  /**
   * Where the register is: it changes with every write, by this connection or another. A read
   * made elsewhere (a worker's) is kept only if the register is still where it was when the read
   * began.
   */
  version(): string {
    return `${String(this.db.pragma('data_version', { simple: true }))}:${String(this.changes.get())}`
  }

  /** Drops every entry when the register has changed since they were read. */
  private current(): void {
    const state = this.version()
    if (state !== this.state) {
      this.entries.clear()
      this.state = state
    }
  }

  /** Whether an entry is kept for the register as it is now. */
  has(key: string): boolean {
    if (this.db.inTransaction) return false
    this.current()
    return this.entries.has(key)
  }

  /**
   * Keeps values read elsewhere (by a worker, from its own connection) when the register is still
   * at `version`, the version taken before that read began; after any write since, they are
   * dropped, and false says so. Entries already kept stay as they are.
   */
  seed(version: string, values: Iterable<[string, unknown]>): boolean {
    if (this.db.inTransaction) return false
    this.current()
    if (version !== this.state) return false
    for (const [key, value] of values) {
      if (this.entries.has(key)) continue
      this.entries.set(key, value)
      if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value as string)
    }
    return true
  }

  get<T>(key: string, read: () => T): T {
    // Inside a transaction the reads may see changes that are then rolled back: never kept.
    if (this.db.inTransaction) return read()
    this.current()
    if (this.entries.has(key)) {
      const value = this.entries.get(key) as T
      // Most recently used last, so the oldest entry is the one dropped.
      this.entries.delete(key)
      this.entries.set(key, value)
      return value
    }
    const value = read()
    this.entries.set(key, value)
    if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value as string)
    return value
  }
}
