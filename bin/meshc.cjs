#!/usr/bin/env node
'use strict';
// The meshc executable. It runs the CLI bundle (dist/src/bundle/meshc.cjs,
// one CommonJS file made by scripts/build-cli-bundle.mjs) through V8's code
// cache: the build runs `meshc validate` on the examples once and saves the
// compiled code next to the bundle, so that a pre-commit hook does not pay
// for compiling yaml, the schema validators and the checks on every run
// (docs/performance.md). Node 20 has no module compile cache of its own.
//
// The cache file is named after a hash of the bundle (written into the
// bundle's first line), so a cache can only be used with the bundle it was
// made from. V8 itself refuses a cache made by another V8 version or with
// other flags; then the bundle is simply compiled as usual.
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { createRequire } = require('node:module');

const BUNDLE = path.join(__dirname, '..', 'dist', 'src', 'bundle', 'meshc.cjs');

/** The code-cache file for a bundle's source, from the id on its first line. */
function cachePathFor(source) {
  const id = /^\/\/ meshc-bundle ([0-9a-f]{16})\n/.exec(source);
  return id ? path.join(path.dirname(BUNDLE), `meshc.${id[1]}.cache`) : undefined;
}

/**
 * Loads the bundle and returns its exports (`run`) and the vm.Script, which
 * the build uses to write the cache. `useCache: false` compiles from source.
 */
function loadBundle(useCache = true) {
  const source = fs.readFileSync(BUNDLE, 'utf8');
  const cacheFile = cachePathFor(source);
  let cachedData;
  if (useCache && cacheFile) {
    try {
      cachedData = fs.readFileSync(cacheFile);
    } catch {
      // No cache (a partial build): compile from source.
    }
  }
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: BUNDLE,
    cachedData,
  });
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, createRequire(BUNDLE), mod, BUNDLE, path.dirname(BUNDLE));
  return { exports: mod.exports, script, cacheFile };
}

/** Runs the CLI with this process's arguments and sets the exit code. */
function main() {
  let cli;
  try {
    cli = loadBundle().exports;
  } catch (e) {
    // MESH1016 of the message table, which lives in the bundle that could not be loaded.
    const detail = e instanceof Error ? e.message.split('\n')[0] : String(e);
    process.stderr.write(`error MESH1016: cannot load ${BUNDLE}: ${detail}\nhint: run \`npm run build\` (npm ci does it) in the meshc checkout\n`);
    process.exitCode = 2;
    return;
  }
  cli.run(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}

if (require.main === module) main();

module.exports = { loadBundle, main };
