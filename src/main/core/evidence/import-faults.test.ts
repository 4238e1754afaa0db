import { spawn, spawnSync } from 'node:child_process'
import { appendFileSync, existsSync, mkdirSync, readdirSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runCli } from '../../../cli/testing/run-cli'
import { Register } from '../register'
import { openTempRegister, steppingClock } from '../testing/temp-register'

/*
 * Imports never lost, never torn: files that change while they are copied, a failure after the
 * copy, and a second process opening the register while an import runs.
 */

let register: Register
let dataDir: string
let cleanup: () => void

beforeEach(async () => {
  ;({ register, dataDir, cleanup } = await openTempRegister())
})
afterEach(() => cleanup())

const MiB = 1024 * 1024

function vaultFiles(): { objects: string[]; temporary: string[] } {
  const objects = join(dataDir, 'vault', 'objects')
  const temporary = join(dataDir, 'vault', 'tmp')
  return {
    objects: existsSync(objects) ? readdirSync(objects).flatMap((prefix) => readdirSync(join(objects, prefix))) : [],
    temporary: existsSync(temporary) ? readdirSync(temporary) : []
  }
}

/** A file of `size` bytes that does not compress, so copying it takes a few reads. */
function sourceFile(name: string, size: number): string {
  const folder = join(dataDir, '..', `${dataDir.split('/').at(-1)}-files`)
  mkdirSync(folder, { recursive: true })
  const path = join(folder, name)
  writeFileSync(path, Buffer.alloc(size, 7))
  return path
}

/** Runs `change` once, at the first progress report of the import (after its first block is read). */
function onFirstProgress(change: () => void): () => void {
  let done = false
  return register.jobs.onProgress((progress) => {
    if (done || progress.state !== 'running' || progress.done === 0) return
    done = true
    change()
  })
}

describe('a file that changes while it is attached', () => {
  it.each([
    ['truncated', (path: string) => truncateSync(path, 6 * MiB)],
    ['grown', (path: string) => appendFileSync(path, Buffer.alloc(MiB, 1))]
  ])('is refused when %s mid-import: nothing stored, no record, no temporary file', async (_label, change) => {
    const path = sourceFile('changing.bin', 32 * MiB)
    const stop = onFirstProgress(() => change(path))
    const result = await register.evidence.importFiles([path])
    stop()
    expect(result.imported).toEqual([])
    expect(result.failed).toEqual([
      {
        name: 'changing.bin',
        code: 'CONFLICT',
        message: expect.stringMatching(/^changing\.bin changed while attaching .*; try again/)
      }
    ])
    expect(register.evidence.listAll({ includeRemoved: true })).toEqual([])
    expect(vaultFiles()).toEqual({ objects: [], temporary: [] })
  })

  it('is stored when it does not change', async () => {
    const path = sourceFile('steady.bin', 32 * MiB)
    const result = await register.evidence.importFiles([path])
    expect(result.failed).toEqual([])
    expect(result.imported[0]!.size).toBe(32 * MiB)
  })
})

describe('an import that fails after its file was copied', () => {
  it('removes the file it stored, and evidence verify reports one left by an earlier crash', async () => {
    const path = sourceFile('doomed.bin', 8 * MiB)
    register.db.exec(`CREATE TRIGGER refuse BEFORE INSERT ON evidence BEGIN SELECT RAISE(ABORT, 'disk error'); END`)
    const result = await register.evidence.importFiles([path])
    expect(result.failed).toHaveLength(1)
    expect(vaultFiles()).toEqual({ objects: [], temporary: [] })
    register.db.exec(`DROP TRIGGER refuse`)

    // A file a crashed process left in the vault with no record: reported, not deleted.
    const orphan = 'ab'.repeat(32)
    mkdirSync(join(dataDir, 'vault', 'objects', 'ab'), { recursive: true })
    writeFileSync(join(dataDir, 'vault', 'objects', 'ab', orphan), 'left behind')
    const verification = await register.evidence.verify()
    expect(verification).toMatchObject({ ok: true, unreferenced: [orphan] })
    const run = runCli(['--data-dir', dataDir, 'evidence', 'verify'])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain(
      `UNREFERENCED: a file no record refers to, left by an import that failed (SHA-256 ${orphan})`
    )
    expect(existsSync(join(dataDir, 'vault', 'objects', 'ab', orphan))).toBe(true)
  })
})

describe('opening the register while another process imports', () => {
  it('leaves the temporary files of running processes alone and removes those of ended ones', async () => {
    const tmp = join(dataDir, 'vault', 'tmp')
    mkdirSync(tmp, { recursive: true })
    const running = spawn('sleep', ['30'])
    const ended = spawnSync('true').pid!
    writeFileSync(join(tmp, `${running.pid}-aaaa.part`), 'in progress')
    writeFileSync(join(tmp, `${ended}-bbbb.part`), 'abandoned')
    writeFileSync(join(tmp, 'cccc.part'), 'from an older version')
    try {
      const other = await Register.open({ dataDir, actor: 'other', now: steppingClock() })
      other.close()
      expect(readdirSync(tmp)).toEqual([`${running.pid}-aaaa.part`])
    } finally {
      running.kill()
    }
  })

  it('an evidence add in progress survives a controls list run meanwhile', async () => {
    register.close()
    const big = join(dataDir, '..', `${dataDir.split('/').at(-1)}-big.bin`)
    // A sparse file: large enough that the copy is still running when the second process starts.
    writeFileSync(big, '')
    truncateSync(big, 2 * 1024 * MiB)
    const bin = join(__dirname, '../../../../bin/evidence-desk.cjs')
    const add = spawn(process.execPath, [bin, '--data-dir', dataDir, 'evidence', 'add', big, '--json'], {
      env: { ...process.env, EVIDENCE_DESK_USER: 'importer' }
    })
    let stdout = ''
    add.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    const exited = new Promise<number | null>((resolve) => add.on('exit', resolve))
    const tmp = join(dataDir, 'vault', 'tmp')
    const started = Date.now()
    while (!(existsSync(tmp) && readdirSync(tmp).length > 0) && Date.now() - started < 30_000) {
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    expect(readdirSync(tmp)).toHaveLength(1)
    const list = runCli(['--data-dir', dataDir, 'controls', 'list', '--json'])
    expect(list.code).toBe(0)
    expect(await exited).toBe(0)
    expect(JSON.parse(stdout)).toMatchObject({ size: 2 * 1024 * MiB })
    register = await Register.open({ dataDir, actor: 'test', now: steppingClock() })
  }, 120_000)
})
