import { spawnSync } from 'node:child_process'
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { version } from '../../package.json'
import { tempDir } from '../main/core/testing/temp-dir'

/**
 * The `evidence-desk` command an installed app puts on PATH (resources/cli/evidence-desk), run in
 * the layouts the Linux package and the macOS app bundle give it. The app's runtime is stood in for
 * by a program that, like Electron, runs a script as Node.js when ELECTRON_RUN_AS_NODE=1 and
 * otherwise opens the app (here: writes down that it was opened).
 */
const projectRoot = resolve(__dirname, '..', '..')
const launcher = join(projectRoot, 'resources', 'cli', 'evidence-desk')

let dir: ReturnType<typeof tempDir>
beforeAll(() => {
  dir = tempDir()
})
afterAll(() => dir.cleanup())

interface Installed {
  /** Where the package links the command, as /usr/bin/evidence-desk. */
  command: string
  /** Written when the app is opened rather than the command line run. */
  openedMarker: string
}

function fakeApp(path: string, openedMarker: string): void {
  writeFileSync(
    path,
    [
      '#!/bin/sh',
      `if [ "\${ELECTRON_RUN_AS_NODE:-}" = 1 ]; then exec '${process.execPath}' "$@"; fi`,
      `echo "opened $#" > '${openedMarker}'`
    ].join('\n')
  )
  chmodSync(path, 0o755)
}

/** /opt/Evidence Desk as the .deb installs it, with /usr/bin/evidence-desk linked to resources/bin. */
function installLinux(root: string): Installed {
  const app = join(root, 'opt', 'Evidence Desk')
  mkdirSync(join(app, 'resources', 'bin'), { recursive: true })
  mkdirSync(join(root, 'usr', 'bin'), { recursive: true })
  const openedMarker = join(root, 'opened')
  fakeApp(join(app, 'evidence-desk'), openedMarker)
  // The app's files: the built command line and its dependencies, as in app.asar.
  symlinkSync(projectRoot, join(app, 'resources', 'app.asar'))
  copyFileSync(launcher, join(app, 'resources', 'bin', 'evidence-desk'))
  const command = join(root, 'usr', 'bin', 'evidence-desk')
  symlinkSync(join(app, 'resources', 'bin', 'evidence-desk'), command)
  return { command, openedMarker }
}

/** Evidence Desk.app, with a relative link to its command as a user might make in ~/bin. */
function installMac(root: string): Installed {
  const contents = join(root, 'Applications', 'Evidence Desk.app', 'Contents')
  mkdirSync(join(contents, 'MacOS'), { recursive: true })
  mkdirSync(join(contents, 'Resources', 'bin'), { recursive: true })
  mkdirSync(join(root, 'bin'), { recursive: true })
  const openedMarker = join(root, 'opened')
  fakeApp(join(contents, 'MacOS', 'Evidence Desk'), openedMarker)
  symlinkSync(projectRoot, join(contents, 'Resources', 'app.asar'))
  copyFileSync(launcher, join(contents, 'Resources', 'bin', 'evidence-desk'))
  const command = join(root, 'bin', 'evidence-desk')
  symlinkSync('../Applications/Evidence Desk.app/Contents/Resources/bin/evidence-desk', command)
  return { command, openedMarker }
}

const run = (command: string, ...args: string[]) => spawnSync(command, args, { encoding: 'utf8', timeout: 60_000 })

describe.each([
  ['Linux package', installLinux],
  ['macOS app', installMac]
])('the installed evidence-desk command (%s)', (_layout, install) => {
  let installed: Installed
  let dataDir: string
  beforeAll(() => {
    const root = join(dir.path, install.name)
    mkdirSync(root)
    installed = install(root)
    dataDir = join(root, 'register')
  })

  it('runs the command line with the app runtime, through the link on PATH', () => {
    const versionRun = run(installed.command, '--version')
    expect(versionRun.stderr).toBe('')
    expect(versionRun.stdout.trim()).toBe(version)

    expect(run(installed.command, '--data-dir', dataDir, 'init', '--json').status).toBe(0)
    const frameworks = run(installed.command, '--data-dir', dataDir, 'frameworks', '--json')
    expect(frameworks.status).toBe(0)
    const listed = JSON.parse(frameworks.stdout) as { id: string }[]
    expect(listed.map((framework) => framework.id)).toEqual(['hipaa', 'gdpr', 'pci'])
    expect(existsSync(installed.openedMarker)).toBe(false)
  })

  it('passes the command line exit code and its error through', () => {
    const missing = run(installed.command, '--data-dir', dataDir, 'pack', 'verify', join(dataDir, 'no-such-pack.zip'))
    expect(missing.status).not.toBe(0)
    expect(missing.stderr).toMatch(/no-such-pack\.zip/)
  })

  it('opens the app when given no arguments', () => {
    const opened = run(installed.command)
    expect(opened.status).toBe(0)
    expect(readFileSync(installed.openedMarker, 'utf8').trim()).toBe('opened 0')
  })
})

describe('the installed evidence-desk command without its app', () => {
  it('says the app is missing and to reinstall, with exit 1', () => {
    const resources = join(dir.path, 'broken', 'resources')
    mkdirSync(join(resources, 'bin'), { recursive: true })
    copyFileSync(launcher, join(resources, 'bin', 'evidence-desk'))
    const broken = run(join(resources, 'bin', 'evidence-desk'), '--version')
    expect(broken.status).toBe(1)
    expect(broken.stderr).toMatch(/Reinstall Evidence Desk/)
  })
})

describe('the packaging configuration', () => {
  it('is valid for electron-builder and installs the command on PATH from the .deb', async () => {
    const { getConfig, validateConfiguration } = await import('app-builder-lib/out/util/config/config')
    const { DebugLogger } = await import('builder-util')
    const config = await getConfig(projectRoot, null, null)
    await validateConfiguration(config, new DebugLogger(false))

    expect(config.extraResources).toContainEqual({ from: 'resources/cli', to: 'bin' })
    expect(config.linux?.executableName).toBe('evidence-desk')
    for (const script of [config.deb?.afterInstall, config.deb?.afterRemove]) {
      expect(script).toBeTruthy()
      expect(readFileSync(join(projectRoot, script ?? ''), 'utf8')).toContain(
        "'/opt/${sanitizedProductName}/resources/bin/${executable}'"
      )
    }
  })
})
