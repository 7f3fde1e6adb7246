#!/usr/bin/env node
// The `custodian` command (package.json "bin"). A thin wrapper so the command exists before and
// after a build: the real command line is the bundle dist/cli.cjs, made by build/build.mjs.
const fs = require('node:fs');
const path = require('node:path');

const cli = path.join(__dirname, '..', 'dist', 'cli.cjs');
if (!fs.existsSync(cli)) {
  console.error(`custodian: the command line is not built yet. Run "npm run build" in ${path.dirname(__dirname)}.`);
  process.exit(1);
}
require(cli);
