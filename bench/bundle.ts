/**
 * Builds bench programs the way the desktop app's main process is built (Vite, CommonJS for Node,
 * packages left in node_modules), so that what a child process measures is the code as shipped:
 * no TypeScript compiler loaded at run time, in the process or in its worker threads.
 */
import { resolve } from 'node:path'

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
