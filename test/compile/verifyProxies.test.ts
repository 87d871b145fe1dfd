/**
 * The verify phase of compile() (MESH5001): verifyProxies checks each object
 * that proxies share once and replays its result in every proxy, which must
 * give exactly what verifying every proxy's bootstrap in full gives. Broken
 * objects are injected into lowered proxies, since compile() never lowers one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateMesh } from '../../bench/generate.js';
import { readInputs } from '../../src/cli/inputs.js';
import { compile, verifyProxies } from '../../src/compile.js';
import { DiagnosticBag, type Diagnostic } from '../../src/diagnostics/index.js';
import { staticBootstrap, type Json, type ProxyConfig } from '../../src/lower/index.js';
import { byName } from '../../src/lower/proxy.js';
import type { SourceInput } from '../../src/source/index.js';
import { verifyEnvoyConfig } from '../../src/verify/index.js';
import { repoPath } from '../helpers/paths.js';

const EXAMPLES = ['bookinfo', 'secure-gateway', 'shop', 'storefront'];

function lowered(inputs: readonly SourceInput[]): ProxyConfig[] {
  const result = compile(inputs, { until: 'lower' });
  assert.deepEqual(result.diagnostics.filter((d) => d.severity === 'error'), []);
  return [...result.proxies!];
}

function example(name: string): ProxyConfig[] {
  const { inputs, bag } = readInputs([repoPath('examples', name)]);
  assert.equal(bag.hasErrors, false);
  return lowered(inputs);
}

/** What verifyProxies reports. */
function cached(proxies: readonly ProxyConfig[]): Diagnostic[] {
  const bag = new DiagnosticBag();
  verifyProxies(proxies, bag);
  return bag.sorted();
}

/** The same, verifying every proxy's bootstrap in full and on its own (no cache). */
function uncached(proxies: readonly ProxyConfig[]): Diagnostic[] {
  const bag = new DiagnosticBag();
  for (const p of proxies) {
    for (const issue of verifyEnvoyConfig(staticBootstrap(p), 'bootstrap')) {
      bag.report('EnvoyApiViolation', undefined, { proxy: p.name, path: issue.path, detail: `${issue.message} [${issue.rule}]` });
    }
  }
  return bag.sorted();
}

/** verifyProxies' diagnostics, asserted equal to the uncached ones, as `proxy path [rule]`. */
function verified(proxies: readonly ProxyConfig[]): string[] {
  const got = cached(proxies);
  assert.deepEqual(got, uncached(proxies));
  for (const d of got) assert.equal(d.code, 'MESH5001');
  return got.map((d) => {
    const m = /^generated Envoy config for (\S+) fails the Envoy API check: (\S+): .* \[([^\]]+)\]$/.exec(d.message);
    assert.ok(m, d.message);
    return `${m[1]} ${m[2]} [${m[3]}]`;
  });
}

/** The objects that more than one proxy holds, each with the proxies holding it, in the order found. */
function sharedObjects(proxies: readonly ProxyConfig[], pick: (value: Json, key: string | undefined) => boolean): Map<Json, string[]> {
  const holders = new Map<Json, Set<string>>();
  for (const p of proxies) {
    const visit = (v: unknown, key: string | undefined): void => {
      if (Array.isArray(v)) v.forEach((x) => visit(x, key));
      else if (typeof v === 'object' && v !== null) {
        if (pick(v as Json, key)) {
          const s = holders.get(v as Json) ?? new Set<string>();
          s.add(p.name);
          holders.set(v as Json, s);
        }
        for (const [k, x] of Object.entries(v)) visit(x, k);
      }
    };
    visit(staticBootstrap(p), undefined);
  }
  return new Map([...holders].filter(([, s]) => s.size > 1).map(([o, s]) => [o, [...s]]));
}

/** A Cluster (not a weighted cluster's entry, which also sits in a `clusters` list). */
const isCluster = (v: Json, key: string | undefined) => key === 'clusters' && v['connect_timeout'] !== undefined;
const isRoute = (v: Json, key: string | undefined) => key === 'routes' && v['match'] !== undefined;

/** A proxy with some of its clusters replaced. */
function withClusters(p: ProxyConfig, clusters: (cs: readonly Json[]) => Json[]): ProxyConfig {
  return { ...p, clusters: clusters(p.clusters).sort(byName) };
}

const where = (p: ProxyConfig, cluster: Json) => (staticBootstrap(p)['static_resources'] as { clusters: Json[] }).clusters.indexOf(cluster);

test('the cached verify phase passes every example and a generated mesh, as verifying each bootstrap in full does', () => {
  for (const name of EXAMPLES) assert.deepEqual(verified(example(name)), [], name);
  const proxies = lowered(generateMesh({ services: 40 }));
  assert.ok(sharedObjects(proxies, isCluster).size > 10 && sharedObjects(proxies, isRoute).size > 10, 'the mesh shares clusters and routes');
  assert.deepEqual(verified(proxies), []);
});

test('shared clusters and routes broken in a generated mesh: the same MESH5001 issues as without the cache, in every proxy holding them', () => {
  const proxies = lowered(generateMesh({ services: 40 }));
  const clusters = [...sharedObjects(proxies, isCluster)].slice(0, 3);
  const routes = [...sharedObjects(proxies, isRoute)].filter(([r]) => (r['route'] as Json | undefined)?.['cluster'] !== undefined).slice(0, 3);
  // Break a few shared objects in place (these proxies are this test's own; nothing was verified yet).
  for (const [c] of clusters) Object.assign(c, { connect_timeout: '1m', lb_polcy: 'RANDOM' });
  for (const [r] of routes) Object.assign(r, { match: { safe_regex: { regex: '(' } }, route: { ...(r['route'] as Json), cluster: 'nowhere' } });
  const issues = verified(proxies);
  const holders = new Set([...clusters, ...routes].flatMap(([, s]) => s));
  assert.deepEqual(new Set(issues.map((i) => i.split(' ')[0])), holders, 'every proxy holding a broken object, and only those');
  for (const rule of ['type.duration', 'unknown-field', 'regex.invalid', 'dangling-cluster']) {
    assert.ok(issues.some((i) => i.endsWith(`[${rule}]`)), rule);
  }
});

test('MESH5001: a broken cluster shared by two lowered proxies is reported for each, at its path in that proxy', () => {
  const proxies = example('storefront');
  const [[shared, holders]] = [...sharedObjects(proxies, isCluster)].filter(([c]) => String(c['name']).startsWith('outbound|5432||ledger'));
  assert.deepEqual(holders, ['catalog.shop', 'checkout.payments']);
  const broken: Json = { ...shared!, name: 'outbound|9999||broken', connect_timeout: 'soon' };
  const injected = proxies.map((p) => (holders!.includes(p.name) ? withClusters(p, (cs) => [...cs, broken]) : p));
  const [a, b] = holders!.map((h) => injected.find((p) => p.name === h)!);
  assert.notEqual(where(a!, broken), where(b!, broken), 'the broken cluster sits at a different index in each proxy');

  const got = cached(injected);
  assert.deepEqual(got, uncached(injected));
  assert.deepEqual(
    got.map((d) => [d.code, d.severity, d.message, d.hint]),
    [a!, b!].map((p) => [
      'MESH5001',
      'error',
      `generated Envoy config for ${p.name} fails the Envoy API check: static_resources.clusters[${where(p, broken)}].connect_timeout: ` +
        'must be a duration string in seconds such as "1.5s" or "0.250s", not the string "soon" [type.duration]',
      'this is a meshc bug; please report it with the input files',
    ]),
  );
});

test('a shared route naming a cluster one proxy has and another lacks dangles only in the other', () => {
  const proxies = example('storefront');
  const [[route, holders]] = [...sharedObjects(proxies, isRoute)].filter(([r]) => r['name'] === 'default');
  const target = (route!['route'] as Json)['cluster'] as string;
  assert.deepEqual(holders, ['catalog.shop', 'checkout.payments']);
  const injected = proxies.map((p) => (p.name === 'checkout.payments' ? withClusters(p, (cs) => cs.filter((c) => c['name'] !== target)) : p));
  const issues = verified(injected);
  assert.equal(issues.length, 1);
  assert.match(issues[0]!, /^checkout\.payments static_resources\.listeners\[\d+\]\..*\.routes\[\d+\]\.route\.cluster \[dangling-cluster\]$/);
});

test('two shared cluster objects with one name are a duplicate only in the proxy that holds both', () => {
  const proxies = example('storefront');
  const [[first, holders]] = [...sharedObjects(proxies, isCluster)].filter(([c]) => String(c['name']).startsWith('outbound|5432||ledger'));
  const second: Json = { ...first!, connect_timeout: '7s' };
  // catalog.shop holds both; checkout.payments only the first; frontend.shop only the second.
  const injected = proxies.map((p) =>
    p.name === 'catalog.shop' || p.name === 'frontend.shop' ? withClusters(p, (cs) => [...cs, second]) : p,
  );
  assert.deepEqual(holders, ['catalog.shop', 'checkout.payments']);
  const catalog = injected.find((p) => p.name === 'catalog.shop')!;
  assert.deepEqual(verified(injected), [`catalog.shop static_resources.clusters[${where(catalog, second)}].name [duplicate-cluster-name]`]);
});
