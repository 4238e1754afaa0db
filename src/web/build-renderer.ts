import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Plugin } from 'vite'

const projectRoot = resolve(__dirname, '../..')
export const WEB_RENDERER_DIR = join(projectRoot, 'out/web')
const STAMP = join(WEB_RENDERER_DIR, '.source-stamp')
const SOURCES = ['src/renderer', 'src/shared', 'src/web/client', 'electron.vite.config.ts', 'package-lock.json']

/** Adds the HTTP implementation of window.api ahead of the renderer's own entry. */
function installWebApi(): Plugin {
  return {
    name: 'evidence-desk:web-api',
    transformIndexHtml: {
      order: 'pre',
      handler: () => [
        { tag: 'script', attrs: { type: 'module', src: '../web/client/install-api.ts' }, injectTo: 'head-prepend' }
      ]
    }
  }
}

/** Builds the renderer for the browser host unless the last build is newer than every source. */
export async function ensureWebRenderer(log: (line: string) => void): Promise<string> {
  const stamp = sourceStamp()
  if (existsSync(STAMP) && readFileSync(STAMP, 'utf8') === stamp) return WEB_RENDERER_DIR
  log('Building the renderer for the browser...')
  // Vite is ESM-only: load it natively, not through the CommonJS loader this script runs under.
  const { build } = await import('vite')
  const { rendererConfig } = await import('../../electron.vite.config')
  await build({
    ...rendererConfig,
    configFile: false,
    logLevel: 'warn',
    plugins: [...(rendererConfig.plugins ?? []), installWebApi()],
    build: { ...rendererConfig.build, outDir: WEB_RENDERER_DIR, emptyOutDir: true }
  })
  writeFileSync(STAMP, stamp)
  return WEB_RENDERER_DIR
}

/** The newest modification time and the file count of the sources: changes when any source does. */
function sourceStamp(): string {
  let newest = 0
  let files = 0
  const visit = (path: string): void => {
    const stats = statSync(path, { throwIfNoEntry: false })
    if (!stats) return
    if (stats.isDirectory()) {
      for (const entry of readdirSync(path)) visit(join(path, entry))
      return
    }
    files++
    newest = Math.max(newest, stats.mtimeMs)
  }
  for (const source of SOURCES) visit(join(projectRoot, source))
  return `${newest}:${files}`
}

// `tsx src/web/build-renderer.ts` builds it from the command line (the end-to-end tests' set-up does).
if (require.main === module) {
  ensureWebRenderer((line) => console.log(line)).catch((error: unknown) => {
    console.error(error)
    process.exit(1)
  })
}
