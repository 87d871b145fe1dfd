/** `meshc verify` on hand-written and generated Envoy config. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { meshc, tempDir } from '../helpers/cli.js';

describe('meshc verify', () => {
  test('every golden directory verifies, each proxy directory as one config set', () => {
    const r = meshc(['verify', 'golden']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
  });

  test('xds output with shared files: references into _mesh/cds.json resolve, and a dangling one is caught', () => {
    const out = path.join(tempDir(), 'out');
    assert.equal(meshc(['build', 'examples/storefront', '-o', out, '--mode', 'xds']).code, 0);
    const ok = meshc(['verify', out]);
    assert.equal(ok.code, 0, ok.stderr);
    // A shared route to a cluster that is nowhere: found through the shared CDS, reported once, at the route.
    const rds = path.join(out, '_mesh', 'shop', '8080', 'rds.json');
    fs.writeFileSync(rds, fs.readFileSync(rds, 'utf8').replace('"outbound|8080||frontend.shop.svc.storefront.internal"', '"outbound|8080||nowhere"'));
    // The full-mesh sidecar's TCP listener to a cluster that is nowhere, likewise.
    const lds = path.join(out, 'catalog.shop', 'lds.json');
    fs.writeFileSync(lds, fs.readFileSync(lds, 'utf8').replace('"cluster": "outbound|5432||ledger.payments.svc.storefront.internal"', '"cluster": "outbound|5432||nowhere"'));
    const bad = meshc(['verify', out]);
    assert.equal(bad.code, 1);
    const errors = bad.stderr.split('\n').filter((l) => / error MESH/.test(l));
    assert.equal(errors.length, 2, bad.stderr);
    assert.match(errors[0]!, /_mesh\/shop\/8080\/rds\.json:\d+:\d+: error MESH5007: .*route\.cluster/);
    assert.match(errors[1]!, /catalog\.shop\/lds\.json:\d+:\d+: error MESH5007: .*typed_config\.cluster/);
  });

  test('the reference sidecar passes', () => {
    assert.equal(meshc(['verify', 'test/fixtures/envoy/valid/reviews-sidecar.bootstrap.json']).code, 0);
  });

  test('an invalid file: exit 1, the JSON path, the rule and the position', () => {
    const r = meshc(['verify', 'test/fixtures/envoy/invalid/port-70000.json']);
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /^test\/fixtures\/envoy\/invalid\/port-70000\.json:\d+:\d+: error MESH5004: static_resources\.clusters\[0\]\.load_assignment\.endpoints\[0\]\.lb_endpoints\[0\]\.endpoint\.address\.socket_address\.port_value: 70000 must be <= 65535 \[uint32\.lte\]$/m,
    );
  });

  test('YAML input and --type for a single resource', () => {
    const dir = tempDir();
    const file = path.join(dir, 'cluster.yaml');
    fs.writeFileSync(file, 'name: ""\nconnect_timeout: 250ms\n');
    const r = meshc(['verify', '--type', 'cluster', file, '--format', 'json']);
    assert.equal(r.code, 1);
    const codes = (JSON.parse(r.stdout) as { diagnostics: { code: string; line: number }[] }).diagnostics.map((d) => `${d.code}@${d.line}`);
    assert.ok(codes.includes('MESH5003@2'), codes.join(' ')); // "250ms" is not a Duration
  });

  test('exit 2 for a missing file', () => {
    assert.equal(meshc(['verify', 'no-such.json']).code, 2);
  });
});
