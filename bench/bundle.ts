/**
 * Builds bench programs the way the desktop app's main process is built (Vite, CommonJS for Node,
 * packages left in node_modules), so that what a child process measures is the code as shipped:
 * no TypeScript compiler loaded at run time, in the process or in its worker threads.
 */
import { execFileSync } from 'node:child_process'
import { basename, join, resolve } from 'node:path'

/** Where the bundles go: inside the project, so that their packages resolve from node_modules. */
export const BUNDLE_DIR = resolve(__dirname, '../node_modules/.cache/evidence-desk-bench')

export async function bundle(entries: Record<string, string>): Promise<void> {
  // Vite's ES module build: its CommonJS build cannot write libraries when loaded through tsx.
  const { build } = await import('vite')
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      ssr: true,
      target: 'node22',
      outDir: BUNDLE_DIR,
      emptyOutDir: true,
      minify: false,
      manifest: false,
      ssrManifest: false,
      lib: { entry: entries, formats: ['cjs'], fileName: (_format, name) => `${name}.js` }
    }
  })
}

/**
 * Bundles a child program with the task worker it may start, then runs it with the program's
 * arguments in a process of its own, so its time and peak memory are those of the code as shipped.
 * Returns the one JSON object it printed.
 */
export async function runBundledChild<T>(entry: string, args: string[]): Promise<T> {
  const name = basename(entry, '.ts')
  await bundle({ [name]: entry, 'task-worker': resolve(__dirname, '../src/main/workers/task-worker.ts') })
  const output = execFileSync(process.execPath, [join(BUNDLE_DIR, `${name}.js`), ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit']
  })
  return JSON.parse(output) as T
}
