/** The real executable: exit codes, what goes to stdout and stderr, and what is written. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readOutputDir } from '../../src/output/index.js';
import { copyExample, edit, meshc, tempDir } from '../helpers/cli.js';
import { repoPath } from '../helpers/paths.js';

describe('meshc validate', () => {
  test('exit 0 and silence on a valid mesh', () => {
    const r = meshc(['validate', 'examples/bookinfo']);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, '');
  });

  test('exit 1 with coded, positioned errors on a broken copy of bookinfo; --format json gives the same', () => {
    const dir = copyExample('bookinfo');
    const routing = path.join(dir, 'reviews-routing.yaml');
    edit(routing, '      timeout: 3s', '      timout: 3s'); // a misspelled field
    edit(routing, '{ subset: v3, weight: 10 }', '{ subset: v3, weight: 20 }'); // weights 90/20
    edit(routing, '{ service: reviews, subset: v2, weight: 100 }', '{ service: reviews, subset: v9, weight: 100 }');
    const r = meshc(['validate', dir]);
    assert.equal(r.code, 1);
    const heads = r.stderr.split('\n').filter((l) => /: (error|warning) MESH/.test(l));
    const rel = routing;
    assert.deepEqual(heads, [
      `${rel}:8:3: error MESH3006: backend weights sum to 110, not 100`,
      `${rel}:23:39: error MESH3004: service "reviews" has no subset "v9"`,
      `${rel}:24:7: error MESH2004: unknown field "timout" in spec.rules[0]`,
    ]);
    // The code frame and hint of the misspelled field.
    assert.match(r.stderr, / 24 \|       timout: 3s\n {4}\| {7}\^{6}\nhint: did you mean "timeout"\?/);
    assert.match(r.stderr, /3 errors, 0 warnings\n$/);

    const j = meshc(['validate', dir, '--format', 'json']);
    assert.equal(j.code, 1);
    const parsed = JSON.parse(j.stdout) as { diagnostics: { code: string; line: number; column: number }[] };
    assert.deepEqual(
      parsed.diagnostics.map((d) => `${d.code}@${d.line}:${d.column}`),
      ['MESH3006@8:3', 'MESH3004@23:39', 'MESH2004@24:7'],
    );
  });

  test('exit 2 for a path that does not exist', () => {
    const r = meshc(['validate', 'no/such/dir']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^error MESH1004: cannot read no\/such\/dir: no such file or directory$/m);
  });

  test('exit 2 for usage errors: unknown command, unknown option, missing argument', () => {
    assert.equal(meshc(['frobnicate']).code, 2);
    assert.equal(meshc(['validate', '--bogus', 'x']).code, 2);
    assert.equal(meshc(['validate']).code, 2);
    assert.equal(meshc(['validate', 'examples/bookinfo', '--format', 'xml']).code, 2);
  });

  test('--help and --version exit 0', () => {
    const h = meshc(['--help']);
    assert.equal(h.code, 0);
    assert.match(h.stdout, /validate/);
    assert.equal(meshc(['--version']).code, 0);
  });
});

describe('meshc build', () => {
  test('writes one bootstrap per sidecar and exits 0', () => {
    const out = path.join(tempDir(), 'out');
    const r = meshc(['build', 'examples/bookinfo', '-o', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(fs.readdirSync(out).sort(), ['details', 'productpage', 'ratings', 'reviews']);
    for (const p of fs.readdirSync(out)) assert.deepEqual(fs.readdirSync(path.join(out, p)), ['bootstrap.json']);
    assert.equal(
      fs.readFileSync(path.join(out, 'reviews', 'bootstrap.json'), 'utf8'),
      fs.readFileSync(repoPath('golden', 'bookinfo', 'reviews', 'bootstrap.json'), 'utf8'),
    );
  });

  test('-o writes exactly the golden files of every example, in its mode and format, byte for byte', () => {
    const examples = fs.readdirSync(repoPath('examples'), { withFileTypes: true }).filter((d) => d.isDirectory());
    assert.ok(examples.length >= 4);
    const root = tempDir();
    for (const { name: example } of examples) {
      const file = repoPath('examples', example, 'example.json');
      const o = (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {}) as { mode?: string; format?: string; configDir?: string };
      const flags = [
        ...(o.mode !== undefined ? ['--mode', o.mode] : []),
        ...(o.format !== undefined ? ['--format', o.format] : []),
        ...(o.configDir !== undefined ? ['--config-dir', o.configDir] : []),
      ];
      const out = path.join(root, example);
      const r = meshc(['build', `examples/${example}`, '-o', out, ...flags]);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual([...readOutputDir(out)], [...readOutputDir(repoPath('golden', example))], example);
    }
  });

  test('errors: exit 1 and no output directory at all', () => {
    const dir = copyExample('bookinfo');
    edit(path.join(dir, 'reviews-routing.yaml'), '{ subset: v3, weight: 10 }', '{ subset: v3, weight: 20 }');
    const out = path.join(tempDir(), 'out');
    const r = meshc(['build', dir, '-o', out]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /MESH3006/);
    assert.equal(fs.existsSync(out), false);
  });

  test('errors leave a previous output untouched', () => {
    const out = path.join(tempDir(), 'out');
    assert.equal(meshc(['build', 'examples/bookinfo', '-o', out]).code, 0);
    const before = fs.readFileSync(path.join(out, 'reviews', 'bootstrap.json'), 'utf8');
    const dir = copyExample('bookinfo');
    edit(path.join(dir, 'reviews-routing.yaml'), 'subset: v2', 'subset: v9');
    assert.equal(meshc(['build', dir, '-o', out]).code, 1);
    assert.equal(fs.readFileSync(path.join(out, 'reviews', 'bootstrap.json'), 'utf8'), before);
  });

  test('--proxy NAME --stdout prints exactly that bootstrap', () => {
    const r = meshc(['build', 'examples/bookinfo', '--proxy', 'reviews', '--stdout']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, fs.readFileSync(repoPath('golden', 'bookinfo', 'reviews', 'bootstrap.json'), 'utf8'));
  });

  test('--stdout with several proxies, an unknown --proxy, or no -o: exit 2', () => {
    const many = meshc(['build', 'examples/bookinfo', '--stdout']);
    assert.equal(many.code, 2);
    assert.match(many.stderr, /MESH1011: --stdout prints one proxy, but 4 are selected/);
    const unknown = meshc(['build', 'examples/bookinfo', '--proxy', 'reveiws', '--stdout']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /MESH1010: no proxy named "reveiws"\nhint: did you mean "reviews"\?/);
    assert.equal(meshc(['build', 'examples/bookinfo']).code, 2);
  });

  test('--format yaml writes the same config as YAML, which meshc verify accepts', async () => {
    const { parse } = await import('yaml');
    const out = path.join(tempDir(), 'out');
    const r = meshc(['build', 'examples/bookinfo', '-o', out, '--format', 'yaml']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(fs.readdirSync(path.join(out, 'reviews')), ['bootstrap.yaml']);
    const yamlText = fs.readFileSync(path.join(out, 'reviews', 'bootstrap.yaml'), 'utf8');
    const golden = JSON.parse(fs.readFileSync(repoPath('golden', 'bookinfo', 'reviews', 'bootstrap.json'), 'utf8')) as unknown;
    assert.deepEqual(parse(yamlText), golden);
    assert.equal(meshc(['verify', out]).code, 0);
    const xds = path.join(tempDir(), 'xds');
    assert.equal(meshc(['build', 'examples/storefront', '-o', xds, '--mode', 'xds', '--format', 'yaml']).code, 0);
    assert.deepEqual(fs.readdirSync(path.join(xds, 'frontend.shop')).sort(), ['bootstrap.yaml', 'cds.yaml', 'lds.yaml']);
    assert.match(fs.readFileSync(path.join(xds, 'frontend.shop', 'bootstrap.yaml'), 'utf8'), /path: \/etc\/envoy\/lds\.yaml/);
    assert.deepEqual(fs.readdirSync(path.join(xds, '_mesh'), { recursive: true }).sort(), [
      'cds.yaml',
      'shop',
      'shop/80',
      'shop/80/rds.yaml',
      'shop/8080',
      'shop/8080/rds.yaml',
    ]);
    assert.match(fs.readFileSync(path.join(xds, 'catalog.shop', 'bootstrap.yaml'), 'utf8'), /path: \/etc\/envoy\/_mesh\/cds\.yaml/);
    assert.equal(meshc(['verify', xds]).code, 0);
  });

  test('xds mode, one full-mesh sidecar: its folder and the shared files it reads; rebuilding replaces them', () => {
    const out = path.join(tempDir(), 'out');
    for (let i = 0; i < 2; i++) {
      const r = meshc(['build', 'examples/storefront', '-o', out, '--mode', 'xds', '--proxy', 'catalog.shop']);
      assert.equal(r.code, 0, r.stderr);
    }
    assert.deepEqual(fs.readdirSync(out, { recursive: true }).sort(), [
      '_mesh',
      '_mesh/cds.json',
      '_mesh/shop',
      '_mesh/shop/80',
      '_mesh/shop/80/rds.json',
      '_mesh/shop/8080',
      '_mesh/shop/8080/rds.json',
      'catalog.shop',
      'catalog.shop/bootstrap.json',
      'catalog.shop/lds.json',
    ]);
    for (const f of ['_mesh/cds.json', '_mesh/shop/80/rds.json', '_mesh/shop/8080/rds.json', 'catalog.shop/bootstrap.json', 'catalog.shop/lds.json']) {
      assert.equal(fs.readFileSync(path.join(out, f), 'utf8'), fs.readFileSync(repoPath('golden', 'storefront', f), 'utf8'), f);
    }
  });

  test('refuses to replace a directory it did not write', () => {
    const out = tempDir();
    fs.writeFileSync(path.join(out, 'notes.txt'), 'mine');
    const r = meshc(['build', 'examples/bookinfo', '-o', out]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /MESH1012: refusing to replace .* it holds notes\.txt/);
    assert.equal(fs.readFileSync(path.join(out, 'notes.txt'), 'utf8'), 'mine');
  });
});
