#!/usr/bin/env node
'use strict'
// The command-line face of Evidence Desk: runs the built CLI (out/cli, made by `npm install` or
// `npm run build:cli`) with the Node.js that runs this file, or the app's own runtime when packaged.
const [major, minor] = process.versions.node.split('.').map(Number)
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(`evidence-desk: Node.js 22.12 or newer is required (this is ${process.version}).\n`)
  process.exit(1)
}
const { join } = require('node:path')
const built = join(__dirname, '..', 'out', 'cli', 'evidence-desk.js')
try {
  require.resolve(built)
} catch {
  process.stderr.write('evidence-desk: the command line is not built. Run "npm run build:cli" (npm install does it).\n')
  process.exit(1)
}
// V8 keeps the compiled code of the CLI and its dependencies on disk: later calls start sooner.
require('node:module').enableCompileCache?.()
require(built)
