import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A fresh data folder in the system's temporary directory, removed by `cleanup`. */
export function tempDir(prefix = 'evidence-desk-test-'): { path: string; cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix))
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) }
}

/** A clock that starts at a fixed instant and moves `stepMs` (a second unless given) per reading. */
export function steppingClock(start = '2026-11-28T09:00:00.000Z', stepMs = 1000): () => Date {
  let time = Date.parse(start)
  return () => {
    const now = new Date(time)
    time += stepMs
    return now
  }
}
