/** `meshc diff` as a reviewer and CI see it. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { copyExample, edit, meshc, tempDir } from '../helpers/cli.js';
import { repoPath } from '../helpers/paths.js';

/** A bookinfo whose canary is 50/50 instead of 90/10. */
function fiftyFifty(): string {
  const dir = copyExample('bookinfo');
  const file = path.join(dir, 'reviews-routing.yaml');
  edit(file, '{ subset: v1, weight: 90 }', '{ subset: v1, weight: 50 }');
  edit(file, '{ subset: v3, weight: 10 }', '{ subset: v3, weight: 50 }');
  return dir;
}

/** A private copy of the bookinfo goldens, for tests that update them. */
function goldenCopy(): string {
  const dir = path.join(tempDir(), 'golden');
  fs.cpSync(repoPath('golden', 'bookinfo'), dir, { recursive: true });
  return dir;
}

describe('meshc diff', () => {
  test('exit 0 when the inputs compile to the goldens', () => {
    const r = meshc(['diff', 'examples/bookinfo', '--golden', 'golden/bookinfo']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'no differences: 4 proxies identical\n');
  });

  test('text: names the changed route and shows the weights change, exit 1', () => {
    const r = meshc(['diff', fiftyFifty(), '--golden', 'golden/bookinfo']);
    assert.equal(r.code, 1);
    const lines = r.stdout.split('\n');
    assert.equal(lines[0], '1 of 4 proxies differ (1 changed, 3 unchanged)');
    assert.ok(lines.includes('productpage'));
    assert.ok(lines.includes('  changed  route      9080 / reviews.default.svc.cluster.local:9080 / default'));
    assert.ok(lines.includes('--- golden/bookinfo/productpage/bootstrap.json\t'));
    assert.ok(lines.includes('-                                    "weight": 90'));
    assert.ok(lines.includes('+                                    "weight": 50'));
    assert.ok(lines.includes('-                                    "weight": 10'));
  });

  test('markdown: a table row for the route and a collapsible diff with the weights', () => {
    const r = meshc(['diff', fiftyFifty(), '--golden', 'golden/bookinfo', '--format', 'markdown']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^### meshc diff: golden\/bookinfo\n/);
    assert.match(r.stdout, /\| productpage \| route \| `9080 \/ reviews\.default\.svc\.cluster\.local:9080 \/ default` \| changed \|/);
    assert.match(r.stdout, /<summary><code>productpage\/bootstrap\.json<\/code> changed \(\+2 −2\)<\/summary>/);
    assert.match(r.stdout, /```diff\n[\s\S]*-\s+"weight": 90\n\+\s+"weight": 50\n[\s\S]*```\n<\/details>/);
  });

  test('json: the same facts, machine-readable', () => {
    const r = meshc(['diff', fiftyFifty(), '--golden', 'golden/bookinfo', '--format', 'json']);
    assert.equal(r.code, 1);
    const j = JSON.parse(r.stdout) as { identical: boolean; changes: unknown[]; files: { path: string }[] };
    assert.equal(j.identical, false);
    assert.deepEqual(j.changes, [
      { proxy: 'productpage', kind: 'route', name: '9080 / reviews.default.svc.cluster.local:9080 / default', change: 'changed' },
    ]);
    assert.deepEqual(
      j.files.map((f) => f.path),
      ['productpage/bootstrap.json'],
    );
  });

  test('--update rewrites the goldens, then diff exits 0; orphans are removed', () => {
    const golden = goldenCopy();
    fs.mkdirSync(path.join(golden, 'gone'));
    fs.writeFileSync(path.join(golden, 'gone', 'bootstrap.json'), '{}\n');
    const inputs = fiftyFifty();
    const before = meshc(['diff', inputs, '--golden', golden, '--format', 'json']);
    assert.equal(before.code, 1);
    assert.deepEqual(
      (JSON.parse(before.stdout) as { proxies: { name: string; change: string }[] }).proxies.filter((p) => p.change !== 'unchanged'),
      [
        { name: 'gone', change: 'removed' },
        { name: 'productpage', change: 'changed' },
      ],
    );
    assert.equal(meshc(['diff', inputs, '--golden', golden, '--update']).code, 0);
    assert.equal(fs.existsSync(path.join(golden, 'gone')), false);
    assert.equal(meshc(['diff', inputs, '--golden', golden]).code, 0);
  });

  test('detects the xds mode of a golden directory; counts the shared folders apart', () => {
    const r = meshc(['diff', 'examples/storefront', '--golden', 'golden/storefront']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(r.stdout, 'no differences: 4 proxies and 2 shared folders identical\n');
    const dir = copyExample('storefront');
    edit(path.join(dir, 'payments.yaml'), 'timeout: 10s', 'timeout: 12s');
    const changed = meshc(['diff', dir, '--golden', 'golden/storefront']);
    assert.equal(changed.code, 1);
    const lines = changed.stdout.split('\n');
    assert.equal(lines[0], '1 of 4 proxies differ (1 changed, 3 unchanged); 1 of 2 shared folders differ');
    assert.ok(lines.includes('_mesh/shop'), changed.stdout);
    assert.ok(lines.includes('  changed  route      8080 / checkout.payments.svc.storefront.internal:8080 / payment-intents'), changed.stdout);
  });

  test('exit 2 when the golden path is a file; exit 1 with diagnostics when the inputs are broken', () => {
    assert.equal(meshc(['diff', 'examples/bookinfo', '--golden', 'README.md']).code, 2);
    const dir = copyExample('bookinfo');
    edit(path.join(dir, 'reviews-routing.yaml'), 'subset: v2', 'subset: v9');
    const r = meshc(['diff', dir, '--golden', 'golden/bookinfo']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /MESH3004/);
    assert.equal(r.stdout, '');
  });
});
