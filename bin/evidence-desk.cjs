#!/usr/bin/env node
'use strict'
// The command-line face of Evidence Desk: runs the TypeScript sources of src/cli directly.
const [major, minor] = process.versions.node.split('.').map(Number)
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(`evidence-desk: Node.js 22.12 or newer is required (this is ${process.version}).\n`)
  process.exit(1)
}
require('tsx/cjs/api').register()
require('../src/cli/main.ts')
