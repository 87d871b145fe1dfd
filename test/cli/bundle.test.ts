import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { Messages } from '../../src/diagnostics/index.js';
import { tempDir } from '../helpers/cli.js';
import { repoPath } from '../helpers/paths.js';

interface Loaded {
  readonly exports: { run(argv: readonly string[]): Promise<number> };
  readonly script: { cachedDataRejected?: boolean };
  readonly cacheFile: string | undefined;
}
const { loadBundle } = createRequire(import.meta.url)(repoPath('bin', 'meshc.cjs')) as {
  loadBundle(useCache?: boolean): Loaded;
};

// bin/meshc.cjs runs dist/src/bundle/meshc.cjs through the code cache the
// build writes (scripts/build-cli-bundle.mjs); docs/performance.md says why.
describe('the CLI bundle and its code cache', () => {
  test('the build writes a cache for this bundle, and V8 accepts it', () => {
    const loaded = loadBundle();
    assert.ok(loaded.cacheFile, 'the bundle states its id on its first line');
    assert.ok(fs.statSync(loaded.cacheFile).size > 0);
    assert.equal(loaded.script.cachedDataRejected, false);
    assert.equal(typeof loaded.exports.run, 'function');
  });

  test("the cache is named after the bundle's content, and it is the only cache there", () => {
    const dir = repoPath('dist', 'src', 'bundle');
    const first = fs.readFileSync(path.join(dir, 'meshc.cjs'), 'utf8').split('\n', 1)[0];
    const id = /^\/\/ meshc-bundle ([0-9a-f]{16})$/.exec(first ?? '')?.[1];
    assert.ok(id);
    assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith('.cache')), [`meshc.${id}.cache`]);
  });

  test('without a build the command says so with MESH1016 from the message table, exit 2', () => {
    // A copy of bin/ beside an empty dist/: what a checkout looks like before npm run build.
    const root = tempDir();
    fs.cpSync(repoPath('bin'), path.join(root, 'bin'), { recursive: true });
    const r = spawnSync(process.execPath, [path.join(root, 'bin', 'meshc.js'), 'validate', '.'], { encoding: 'utf8' });
    assert.equal(r.status, 2, r.stderr);
    const def = Messages.CliNotBuilt;
    const bundle = path.join(root, 'dist', 'src', 'bundle', 'meshc.cjs');
    const [line, hint] = r.stderr.split('\n');
    const text = def.text.replace('{bundle}', bundle).replace(': {detail}', ': ');
    assert.ok(line!.startsWith(`${def.severity} ${def.code}: ${text}`), line);
    assert.match(line!, /ENOENT/);
    assert.equal(hint, `hint: ${def.hint}`);
  });

  test('without the cache the bundle still runs', () => {
    const loaded = loadBundle(false);
    assert.equal(loaded.script.cachedDataRejected, undefined, 'no cache was offered');
    assert.equal(typeof loaded.exports.run, 'function');
  });
});
