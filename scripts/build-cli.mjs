// Builds the command line to JavaScript (out/cli): the CLI and its task worker, each one file,
// with the project's dependencies loaded from node_modules as they are. Run by `npm install`
// (prepare), before the tests and by `npm run build`; takes about a second.
import { build } from 'esbuild'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const requireFromRoot = createRequire(join(root, 'package.json'))

/**
 * Libraries only packs and their verification use (PDF structure, ASN.1 for signatures): each is
 * replaced in the CLI by a stand-in with the same exports that loads it on first use, so a
 * command that never signs or reads a PDF does not pay for loading them (a third of a second).
 */
const LOADED_ON_FIRST_USE = /^(pdf-lib|asn1js|@peculiar\/asn1-(schema|x509|cms))$/

const loadOnFirstUse = {
  name: 'load-on-first-use',
  setup(builder) {
    builder.onResolve({ filter: LOADED_ON_FIRST_USE }, (args) =>
      args.namespace === 'first-use' ? { path: args.path, external: true } : { path: args.path, namespace: 'first-use' }
    )
    builder.onLoad({ filter: /.*/, namespace: 'first-use' }, (args) => {
      const names = Object.keys(requireFromRoot(args.path)).filter(
        (name) => name !== 'default' && name !== '__esModule'
      )
      const specifier = JSON.stringify(args.path)
      const getters = names.map(
        (name) =>
          `Object.defineProperty(exports, ${JSON.stringify(name)}, { enumerable: true, get: () => load()[${JSON.stringify(name)}] })`
      )
      return {
        contents: [
          `let loaded`,
          `const load = () => (loaded ??= require(${specifier}))`,
          `Object.defineProperty(exports, '__esModule', { value: true })`,
          ...getters
        ].join('\n'),
        loader: 'js',
        resolveDir: root
      }
    })
  }
}

await build({
  absWorkingDir: root,
  entryPoints: { 'evidence-desk': 'src/cli/main.ts' },
  outdir: 'out/cli',
  bundle: true,
  platform: 'node',
  target: 'node22.12',
  format: 'cjs',
  packages: 'external',
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [loadOnFirstUse]
})

// The worker the CLI starts for long work (task-runner.ts looks for it beside the CLI).
await build({
  absWorkingDir: root,
  entryPoints: { 'task-worker': 'src/main/workers/task-worker.ts' },
  outdir: 'out/cli',
  bundle: true,
  platform: 'node',
  target: 'node22.12',
  format: 'cjs',
  packages: 'external',
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning'
})
