/**
 * xds mode writes what full-mesh sidecars have in common once (`_mesh/`).
 * These tests read the emitted files back the way Envoy would — following
 * each bootstrap's CDS path and each connection manager's RDS path — and
 * check that every proxy ends up with exactly the resources static mode gives
 * it, that the files pass Envoy's API as a set, and that the output of a full
 * mesh grows linearly.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateMesh } from '../../bench/generate.js';
import { compile } from '../../src/compile.js';
import type { ProxyConfig } from '../../src/lower/index.js';
import { diffOutputs, emit, SHARED_DIR } from '../../src/output/index.js';
import { assertXdsEquivalent as assertEquivalent } from '../helpers/xds.js';

type Json = Record<string, any>;

function compileDir(dir: string): readonly ProxyConfig[] {
  const inputs = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => ({ path: path.join(dir, f), text: fs.readFileSync(path.join(dir, f), 'utf8') }));
  return compileInputs(inputs);
}

function compileInputs(inputs: readonly { path: string; text: string }[]): readonly ProxyConfig[] {
  const r = compile(inputs);
  assert.deepEqual(
    r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`),
    [],
  );
  return r.proxies!;
}

describe('xds mode: files shared by full-mesh sidecars', () => {
  for (const example of fs.readdirSync('examples').sort()) {
    test(`${example}: every proxy's xds files resolve to its static bootstrap`, () => {
      assertEquivalent(compileDir(path.join('examples', example)));
    });
  }

  test('a full mesh: one _mesh/cds, one rds per namespace and port, and per sidecar a bootstrap and lds only', () => {
    const proxies = compileInputs(generateMesh({ services: 12, namespaces: 3, upstreams: 'all', rules: 2 }));
    assert.ok(proxies.every((p) => p.shared !== undefined));
    const xds = assertEquivalent(proxies);
    const shared = [...xds.keys()].filter((f) => f.startsWith(`${SHARED_DIR}/`)).sort();
    // 12 services on ports 9000-9011: each namespace's sidecars reach every one of them.
    const namespaces = [...new Set(proxies.map((p) => p.shared!.namespace))].sort();
    const ports = Array.from({ length: 12 }, (_, i) => String(9000 + i));
    assert.deepEqual(shared, ['_mesh/cds.json', ...namespaces.flatMap((ns) => ports.map((port) => `_mesh/${ns}/${port}/rds.json`))].sort());
    for (const p of proxies) {
      assert.deepEqual(
        [...xds.keys()].filter((f) => f.startsWith(`${p.name}/`)).sort(),
        [`${p.name}/bootstrap.json`, `${p.name}/lds.json`],
      );
      // Outbound connection managers read their routes through RDS; the inbound one keeps its own inline.
      const hcms = (JSON.parse(xds.get(`${p.name}/lds.json`)!) as Json)['resources'].flatMap((l: Json) =>
        l['filter_chains'].flatMap((c: Json) => c['filters'].map((f: Json) => [l['name'], f.typed_config])),
      );
      const http = hcms.filter(([, t]: [string, Json]) => t['@type'].endsWith('HttpConnectionManager'));
      const outbound = http.filter(([name]: [string]) => name.startsWith('outbound|'));
      assert.ok(outbound.length > 0);
      for (const [name, t] of http) {
        assert.equal(t.rds !== undefined, name.startsWith('outbound|'), `${p.name} ${name}`);
        assert.equal(t.route_config !== undefined, !name.startsWith('outbound|'), `${p.name} ${name}`);
      }
    }
    // The shared CDS holds every service's clusters; a sidecar's bootstrap only its own.
    const cds = JSON.parse(xds.get('_mesh/cds.json')!) as Json;
    const fqdns = new Set((cds['resources'] as Json[]).map((c) => String(c['name']).split('|')[3]));
    assert.equal(fqdns.size, 12);
    for (const p of proxies) {
      const own = (JSON.parse(xds.get(`${p.name}/bootstrap.json`)!) as Json)['static_resources'].clusters as Json[];
      assert.ok(own.every((c) => !String(c['name']).startsWith('outbound|')), p.name);
    }
  });

  test('meshc diff reads the shared files as folders of their own, routes one by one', () => {
    const dir = path.join('examples', 'storefront');
    const before = emit(compileDir(dir), { mode: 'xds' });
    const inputs = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => {
        const text = fs.readFileSync(path.join(dir, f), 'utf8');
        return { path: path.join(dir, f), text: f === 'payments.yaml' ? text.replace('timeout: 10s', 'timeout: 12s') : text };
      });
    const result = diffOutputs(before, emit(compileInputs(inputs), { mode: 'xds' }));
    const route = '8080 / checkout.payments.svc.storefront.internal:8080 / payment-intents';
    assert.deepEqual(
      result.changes.map((c) => [c.proxy, c.kind, c.name, c.change]),
      [
        ['_mesh/shop', 'route', route, 'changed'],
        // frontend lists checkout among its upstreams: its routes are its own, inline.
        ['frontend.shop', 'route', route, 'changed'],
      ],
    );
    assert.deepEqual(
      result.proxies.filter((p) => p.change !== 'unchanged').map((p) => p.name),
      ['_mesh/shop', 'frontend.shop'],
    );
  });

  test('scoped sidecars keep their own cds and inline routes next to full-mesh ones', () => {
    const files = generateMesh({ services: 6, namespaces: 2, upstreams: 'all', rules: 2 });
    // svc-0 gets an upstreams list (its file starts with its Service): that sidecar is scoped.
    const scoped = files.map((f) => (f.path.endsWith('/svc-0.yaml') ? { ...f, text: f.text.replace(/(kind: Service\n.*\nspec:\n)/, '$1  upstreams: []\n') } : f));
    const proxies = compileInputs(scoped);
    const alone = proxies.filter((p) => p.shared === undefined);
    assert.equal(alone.length, 1);
    const xds = assertEquivalent(proxies);
    assert.ok(xds.has(`${alone[0]!.name}/cds.json`));
  });

  test('a full mesh grows linearly in xds mode and quadratically in static mode', () => {
    const bytes = (services: number): { xds: number; static: number } => {
      // Verification checks resources, it does not change them: lowering is enough here.
      const r = compile(generateMesh({ services, namespaces: 2, upstreams: 'all', rules: 2 }), { until: 'lower' });
      const size = (mode: 'xds' | 'static'): number => {
        let n = 0;
        for (const text of emit(r.proxies!, { mode, format: 'json' }).values()) n += text.length;
        return n;
      };
      return { xds: size('xds'), static: size('static') };
    };
    // From 50 services on every one of the generator's 50 ports is used, so listeners per sidecar stop growing.
    const [small, large] = [bytes(50), bytes(150)];
    const xds = large.xds / small.xds;
    const stat = large.static / small.static;
    assert.ok(xds < 3.3, `xds ×${xds.toFixed(2)} for 3× the services`);
    assert.ok(stat > 6, `static ×${stat.toFixed(2)} for 3× the services`);
  });
});
