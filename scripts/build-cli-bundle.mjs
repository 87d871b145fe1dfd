// Bundles the command-line program into dist/src/bundle/ with esbuild, one
// chunk per lazily imported command. A run then reads a handful of files
// instead of some two hundred modules (yaml, commander, meshc's phases),
// which is most of what `meshc validate` costs in a pre-commit hook
// (docs/performance.md). The bundle sits at the same depth as the other
// dist/src/<phase>/ folders, so paths computed from import.meta.url (the
// schemas, the validators, the Envoy API bundle, package.json) stay right.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist', 'src', 'bundle');
fs.rmSync(outdir, { recursive: true, force: true });
await esbuild.build({
  entryPoints: [path.join(root, 'dist', 'src', 'cli', 'main.js')],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // re2-wasm loads its WebAssembly from its own folder; it stays a runtime dependency.
  external: ['re2-wasm'],
  // CommonJS dependencies inside an ES module bundle need a `require`.
  banner: { js: "import { createRequire as __meshcRequire } from 'node:module'; const require = __meshcRequire(import.meta.url);" },
  logLevel: 'warning',
});
console.log(`cli: bundled into ${path.relative(root, outdir)}/`);
