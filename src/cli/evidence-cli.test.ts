import { spawn, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  chmodSync,
  copyFileSync,
  createReadStream,
  existsSync,
  mkdirSync,
  readdirSync,
  truncateSync,
  writeFileSync
} from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { artifactWrapper } from '../main/core/evidence/testing/pdf-fixtures'
import { tempDir } from '../main/core/testing/temp-dir'
import { CLI_BIN, runCli } from './testing/run-cli'

let dir: ReturnType<typeof tempDir>
let dataDir: string
let files: string
const cli = (...args: string[]) => runCli(['--data-dir', dataDir, ...args])
const asRoot = process.getuid?.() === 0

function file(name: string, content: Buffer | string): string {
  const path = join(files, name)
  writeFileSync(path, content)
  return path
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

function expectOneLineError(run: ReturnType<typeof runCli>, code: number, pattern: RegExp): void {
  expect(run.code).toBe(code)
  expect(run.stderr.trim().split('\n').at(-1)).toMatch(pattern)
  expect(run.stderr).not.toMatch(/\bat .+:\d+:\d+/)
}

beforeAll(() => {
  dir = tempDir()
  dataDir = join(dir.path, 'register')
  files = join(dir.path, 'files')
  mkdirSync(files)
  expect(cli('init').code).toBe(0)
})
afterAll(() => dir.cleanup())

describe('evidence add', () => {
  it('prints the documented JSON, including the reports extracted from an AWS Artifact download', async () => {
    const { wrapper, inner } = await artifactWrapper()
    const run = cli(
      'evidence',
      'add',
      file('AWS-SOC2.pdf', wrapper),
      '--control',
      'PHY-01',
      '--review-by',
      '2027-06-30',
      '--json'
    )
    expect(run.code).toBe(0)
    const result = run.json<Record<string, unknown>>()
    expect(result).toMatchObject({
      id: 'EV-0001',
      sha256: createHash('sha256').update(wrapper).digest('hex'),
      size: wrapper.length,
      kind: 'artifact-report',
      title: 'AWS-SOC2',
      extracted: [{ id: 'EV-0002', sha256: createHash('sha256').update(inner).digest('hex'), name: 'SOC2-report.pdf' }]
    })
    const listed = cli('evidence', 'list', '--control', 'PHY-01', '--json').json<{ id: string; reviewBy: string }[]>()
    expect(listed.map((item) => item.id).sort()).toEqual(['EV-0001', 'EV-0002'])
  })

  it('shows what it read from a report and applies it only when asked', async () => {
    const shown = cli('evidence', 'show', 'EV-0002')
    expect(shown.stdout).toMatch(
      /Read from the file \(not applied\): SOC 2 Type 2 report.*period 2025-10-01 to 2026-03-31/
    )
    expect(cli('evidence', 'set', 'EV-0002', '--accept-detected').code).toBe(0)
    expect(cli('evidence', 'show', 'EV-0002', '--json').json()).toMatchObject({
      periodStart: '2025-10-01',
      periodEnd: '2026-03-31',
      sourceDetail: 'Example Assurance LLP'
    })
  })

  it('records the AWS accounts evidence speaks for, and the whole organisation by default', () => {
    const added = cli('evidence', 'add', file('prod-waf.json', '{"rules":[]}'), '--account', '605183429774', '--json')
    const id = added.json<{ id: string }>().id
    expect(cli('evidence', 'show', id, '--json').json()).toMatchObject({ accounts: ['605183429774'] })
    expect(cli('evidence', 'show', id).stdout).toContain('AWS accounts:    605183429774')
    expect(cli('evidence', 'set', id, '--account', '472915036288', '--account', '605183429774').code).toBe(0)
    expect(cli('evidence', 'show', id, '--json').json()).toMatchObject({ accounts: ['472915036288', '605183429774'] })
    expect(cli('evidence', 'set', id, '--organisation-wide').code).toBe(0)
    expect(cli('evidence', 'show', id).stdout).toContain('AWS accounts:    the whole organisation')
    expectOneLineError(cli('evidence', 'set', id, '--account', '12345'), 1, /12 digits/)
    expectOneLineError(cli('evidence', 'set', id, '--account', '605183429774', '--organisation-wide'), 1, /not both/)
  })

  it('links a report to all AWS-inherited controls of a framework in one step', () => {
    const run = cli('evidence', 'link', 'EV-0002', '--aws-controls', 'pci')
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/Linked EV-0002 to \d+ AWS-inherited controls/)
  })

  it('answers bad input with a one-line message and the right exit code, storing nothing', () => {
    const before = cli('evidence', 'list', '--json', '--include-removed').json<unknown[]>().length
    expectOneLineError(cli('evidence', 'add', join(files, 'missing.pdf')), 2, /does not exist/)
    expectOneLineError(cli('evidence', 'add', files), 1, /is a folder/)
    expectOneLineError(cli('evidence', 'add', file('empty.txt', '')), 1, /is empty \(0 bytes\)/)
    expectOneLineError(
      cli('evidence', 'add', file('x.txt', 'x'), '--effective-date', '2026-02-30'),
      1,
      /not a real date/
    )
    expectOneLineError(
      cli('evidence', 'add', file('y.txt', 'y'), '--period-start', '2026-05-01', '--period-end', '2026-01-01'),
      1,
      /start on or before its end/
    )
    expectOneLineError(cli('evidence', 'add', file('z.txt', 'z'), '--control', 'NOPE-01'), 2, /no control NOPE-01/)
    expectOneLineError(cli('evidence', 'show', 'EV-9999'), 2, /no evidence EV-9999/)
    expect(cli('evidence', 'list', '--json', '--include-removed').json<unknown[]>().length).toBe(before)
  })

  it('refuses a file it cannot read', () => {
    const secret = file('secret.txt', 'salary data')
    chmodSync(secret, 0o000)
    const run = asRoot ? runAsUnprivileged(['evidence', 'add', secret]) : cli('evidence', 'add', secret)
    expectOneLineError(run, 1, /permission denied/)
  })

  it('says when the disk fills up mid-copy, leaving no record and no temporary file', () => {
    const big = join(files, 'big.bin')
    writeFileSync(big, Buffer.alloc(24 * 1024 * 1024, 1))
    // A 12 MB file system of the test's own: room for the register, not for the file.
    const script = `mount -t tmpfs -o size=12m tmpfs "$1" && "$2" "$3" --data-dir "$1/reg" init > /dev/null &&
      "$2" "$3" --data-dir "$1/reg" evidence add "$4"; echo "exit=$?";
      echo "temp=$(ls -A "$1/reg/vault/tmp" | wc -l)"; "$2" "$3" --data-dir "$1/reg" evidence list --json`
    const mountPoint = join(dir.path, 'small-disk')
    mkdirSync(mountPoint)
    const run = spawnSync('unshare', ['-rm', 'sh', '-c', script, 'sh', mountPoint, process.execPath, CLI_BIN, big], {
      encoding: 'utf8',
      env: { ...process.env, EVIDENCE_DESK_USER: 'cli.tester' }
    })
    const output = `stdout: ${run.stdout}\nstderr: ${run.stderr}`
    expect(run.stderr, output).toMatch(/disk .* is full/)
    expect(run.stdout, output).toContain('exit=1')
    expect(run.stdout).toContain('temp=0')
    expect(run.stdout).toMatch(/\[\]\s*$/)
  })

  it('leaves no record and no temporary file after a crash mid-copy', async () => {
    const crashDir = join(dir.path, 'crash')
    expect(runCli(['--data-dir', crashDir, 'init']).code).toBe(0)
    const huge = join(files, 'huge.bin')
    writeFileSync(huge, '')
    truncateSync(huge, 1024 * 1024 * 1024)
    const child = spawn(process.execPath, [CLI_BIN, '--data-dir', crashDir, 'evidence', 'add', huge], {
      stdio: 'ignore'
    })
    const temp = join(crashDir, 'vault', 'tmp')
    await new Promise<void>((resolve, reject) => {
      const started = Date.now()
      const poll = setInterval(() => {
        if (existsSync(temp) && readdirSync(temp).length > 0) {
          clearInterval(poll)
          child.kill('SIGKILL')
          resolve()
        } else if (Date.now() - started > 30_000) {
          clearInterval(poll)
          reject(new Error('the import never started'))
        }
      }, 5)
    })
    await new Promise((resolve) => child.once('exit', resolve))
    expect(readdirSync(temp).length).toBe(1)
    const after = runCli(['--data-dir', crashDir, 'evidence', 'list', '--json', '--include-removed'])
    expect(after.json()).toEqual([])
    expect(readdirSync(temp)).toEqual([])
  }, 60_000)

  it('imports a file of several gigabytes, hashing it as it streams', async () => {
    const large = join(files, 'large.bin')
    writeFileSync(large, '')
    truncateSync(large, 2.25 * 1024 * 1024 * 1024)
    writeFileSync(large, 'header', { flag: 'r+' })
    const largeRegister = join(dir.path, 'large-register')
    expect(runCli(['--data-dir', largeRegister, 'init']).code).toBe(0)
    const run = runCli(['--data-dir', largeRegister, 'evidence', 'add', large, '--json'])
    expect(run.code).toBe(0)
    const item = run.json<{ id: string; size: number; sha256: string }>()
    expect(item.size).toBe(2.25 * 1024 * 1024 * 1024)
    expect(item.sha256).toBe(await sha256Of(large))
  }, 120_000)
})

describe('evidence verify', () => {
  it('exits 3 naming each missing or altered file', () => {
    const kept = cli('evidence', 'add', file('kept.txt', 'kept'), '--json').json<{ id: string }>()
    const altered = cli('evidence', 'add', file('altered.txt', 'to be altered'), '--json').json<{
      id: string
      sha256: string
    }>()
    expect(cli('evidence', 'verify').stdout).toMatch(/Vault intact: \d+ files verified/)
    const stored = join(dataDir, 'vault', 'objects', altered.sha256.slice(0, 2), altered.sha256)
    chmodSync(stored, 0o644)
    writeFileSync(stored, 'tampered')
    const run = cli('evidence', 'verify')
    expect(run.code).toBe(3)
    expect(run.stdout).toContain(`ALTERED: ${altered.id}`)
    expect(run.stdout).not.toContain(kept.id)
    expect(run.stderr).toMatch(new RegExp(`Vault check failed: ${altered.id} altered`))
  })
})

/** Runs the command line as an unprivileged user (permission bits do not bind the superuser). */
function runAsUnprivileged(args: string[]): ReturnType<typeof runCli> {
  const sandbox = join(dir.path, 'unprivileged')
  if (!existsSync(sandbox)) {
    mkdirSync(sandbox)
    copyFileSync(process.execPath, join(sandbox, 'node'))
    chmodSync(sandbox, 0o777)
    chmodSync(join(sandbox, 'node'), 0o755)
    chmodSync(dir.path, 0o755)
    chmodSync(files, 0o755)
    expect(runCli(['--data-dir', join(sandbox, 'reg'), 'init']).code).toBe(0)
    spawnSync('chown', ['-R', '65534:65534', join(sandbox, 'reg')])
  }
  return runCli(['--data-dir', join(sandbox, 'reg'), ...args], {
    command: ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', join(sandbox, 'node')],
    env: { HOME: sandbox, TMPDIR: sandbox }
  })
}
