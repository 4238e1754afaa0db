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
 * Libraries only some commands use (writing and reading PDFs, ASN.1 for signatures, OSCAL schema
 * validation): each is replaced in the CLI by a stand-in with the same exports that loads it on
 * first use, so a command that never writes a PDF or checks a schema does not pay for loading
 * them (over half a second together).
 */
const LOADED_ON_FIRST_USE = /^(pdfkit|ajv|ajv-formats|pdf-lib|asn1js|@peculiar\/asn1-(schema|x509|cms))$/

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
      // A module whose exports are a class or function (pdfkit) is its own default export.
      const defaultExport = `Object.defineProperty(exports, 'default', { enumerable: true, get: () => { const module = load(); return module.__esModule ? module.default : module } })`
      const getters = names.map(
        (name) =>
          `Object.defineProperty(exports, ${JSON.stringify(name)}, { enumerable: true, get: () => load()[${JSON.stringify(name)}] })`
      )
      return {
        contents: [
          `let loaded`,
          `const load = () => (loaded ??= require(${specifier}))`,
          `Object.defineProperty(exports, '__esModule', { value: true })`,
          defaultExport,
          ...getters
        ].join('\n'),
        loader: 'js',
        resolveDir: root
      }
    })
  }
}

/**
 * Libraries built into the CLI file itself: every command loads them, and one file parses and
 * starts faster than dozens (zod's unused locales are left out). The rest stay in node_modules.
 */
const BUILT_IN = /^(zod|commander)(\/|$)/

const dependenciesOutside = {
  name: 'dependencies-outside',
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, (args) =>
      BUILT_IN.test(args.path) || args.namespace === 'first-use' ? undefined : { path: args.path, external: true }
    )
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
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [loadOnFirstUse, dependenciesOutside]
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
