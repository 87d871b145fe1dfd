import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { repoPath } from '../helpers/paths.js';
import { VerifyMemo, verifyConfigSet, verifyEnvoyConfig, type EnvoyConfigType } from '../../src/verify/index.js';
import type { EnvoyApiBundle } from '../../src/verify/bundle.js';
import { WalkContext, WalkMemo, Walker } from '../../src/verify/walker.js';

// A VerifyMemo must never change a result: verifying with it gives exactly the
// issues (paths, rules, messages, order) of verifying without it, however the
// objects are shared between the documents of the pass.

const read = (...p: string[]): unknown => JSON.parse(readFileSync(repoPath('test', 'fixtures', 'envoy', ...p), 'utf8'));

const CLUSTER = 'envoy.config.cluster.v3.Cluster';
const ROUTE = 'envoy.config.route.v3.Route';

/** A copy of the top two levels of objects and arrays; everything deeper is the same objects. */
function shallowCopy(v: unknown, levels = 2): unknown {
  if (levels === 0 || typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) return v.map((x) => shallowCopy(x, levels - 1));
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shallowCopy(x, levels - 1)]));
}

const memos = (): [string, VerifyMemo][] => [
  ['every type', new VerifyMemo()],
  ['clusters and routes', new VerifyMemo([CLUSTER, ROUTE])],
];

const corpus: { name: string; value: unknown; type: EnvoyConfigType }[] = [
  { name: 'valid/reviews-sidecar.bootstrap.json', value: read('valid', 'reviews-sidecar.bootstrap.json'), type: 'bootstrap' },
  { name: 'minimal.bootstrap.json', value: read('minimal.bootstrap.json'), type: 'bootstrap' },
  ...(read('invalid', 'manifest.json') as { cases: { file: string; type: EnvoyConfigType }[] }).cases.map((c) => ({
    name: `invalid/${c.file}`,
    value: read('invalid', c.file),
    type: c.type,
  })),
];

test('the Envoy corpus verifies the same with a memo: first walk, again from the cache, and with the inner objects shared', () => {
  for (const [what, memo] of memos()) {
    for (const c of corpus) {
      const plain = verifyEnvoyConfig(c.value, c.type);
      assert.deepEqual(verifyEnvoyConfig(c.value, c.type, { memo }), plain, `${c.name}, ${what}, first`);
      const hits = memo.stats.hits;
      assert.deepEqual(verifyEnvoyConfig(c.value, c.type, { memo }), plain, `${c.name}, ${what}, again`);
      assert.deepEqual(verifyEnvoyConfig(shallowCopy(c.value), c.type, { memo }), plain, `${c.name}, ${what}, shared inner objects`);
      if (what === 'every type') assert.ok(memo.stats.hits > hits, `${c.name}: served from the cache`);
    }
  }
  // The corpus has issues of every family, so replaying them was exercised.
  const rules = new Set(corpus.flatMap((c) => verifyEnvoyConfig(c.value, c.type).map((i) => i.rule)));
  for (const r of ['dangling-cluster', 'duplicate-cluster-name', 'duplicate-listener-address', 'duplicate-domain', 'regex.invalid', 'filter-chain.not-terminal']) {
    assert.ok(rules.has(r), `the corpus has ${r}`);
  }
});

const cluster = (name: string, extra: Record<string, unknown> = {}) => ({ name, type: 'STATIC', connect_timeout: '1s', ...extra });
const routeTo = (cluster: string, extra: Record<string, unknown> = {}) => ({ match: { prefix: '/' }, route: { cluster }, ...extra });
const listener = (name: string, port: number, routes: unknown[], routeConfig: Record<string, unknown> = {}) => ({
  name,
  address: { socket_address: { address: '0.0.0.0', port_value: port } },
  filter_chains: [
    {
      filters: [
        {
          name: 'envoy.filters.network.http_connection_manager',
          typed_config: {
            '@type': 'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager',
            stat_prefix: name,
            route_config: { name, virtual_hosts: [{ name: 'all', domains: ['*'], routes }], ...routeConfig },
            http_filters: [
              { name: 'envoy.filters.http.router', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.http.router.v3.Router' } },
            ],
          },
        },
      ],
    },
  ],
});
const bootstrap = (listeners: unknown[], clusters: unknown[]) => ({ static_resources: { listeners, clusters } });

/** Verifies the bootstraps in one pass with each kind of memo and without, asserts they agree, and returns the issues. */
function verifyAll(bootstraps: unknown[]): string[][] {
  const plain = bootstraps.map((b) => verifyEnvoyConfig(b, 'bootstrap'));
  for (const [what, memo] of memos()) {
    assert.deepEqual(
      bootstraps.map((b) => verifyEnvoyConfig(b, 'bootstrap', { memo })),
      plain,
      what,
    );
    assert.ok(memo.stats.hits > 0, `${what}: something was served from the cache`);
  }
  return plain.map((issues) => issues.map((i) => `${i.path} ${i.rule}`));
}

test('a broken shared cluster is reported in each bootstrap, at its own index there', () => {
  const broken = cluster('shared', { connect_timeout: '1m', lb_polcy: 'RANDOM' });
  const a = bootstrap([], [broken]);
  const b = bootstrap([], [cluster('a'), cluster('b'), broken]);
  assert.deepEqual(verifyAll([a, b]), [
    ['static_resources.clusters[0].connect_timeout type.duration', 'static_resources.clusters[0].lb_polcy unknown-field'],
    ['static_resources.clusters[2].connect_timeout type.duration', 'static_resources.clusters[2].lb_polcy unknown-field'],
  ]);
});

test('a shared route naming a cluster one bootstrap has and another lacks dangles only in the other', () => {
  const route = routeTo('x');
  const x = cluster('x');
  const has = bootstrap([listener('l', 80, [route])], [x]);
  const lacks = bootstrap([listener('l', 80, [route])], [cluster('y')]);
  const lacksToo = bootstrap([listener('l', 80, [routeTo('z'), route])], []);
  assert.deepEqual(verifyAll([has, lacks, has, lacksToo]), [
    [],
    ['static_resources.listeners[0].filter_chains[0].filters[0].typed_config.route_config.virtual_hosts[0].routes[0].route.cluster dangling-cluster'],
    [],
    [
      'static_resources.listeners[0].filter_chains[0].filters[0].typed_config.route_config.virtual_hosts[0].routes[0].route.cluster dangling-cluster',
      'static_resources.listeners[0].filter_chains[0].filters[0].typed_config.route_config.virtual_hosts[0].routes[1].route.cluster dangling-cluster',
    ],
  ]);
});

test('duplicates across shared objects are reported within the bootstrap that has both', () => {
  const c1 = cluster('dup');
  const c2 = cluster('dup', { connect_timeout: '2s' });
  const l1 = listener('l', 80, []);
  const l2 = listener('l', 80, []);
  const issues = verifyAll([bootstrap([l1], [c1]), bootstrap([l1, l2], [c1, c2]), bootstrap([l2], [c2])]);
  assert.deepEqual(issues, [
    [],
    [
      'static_resources.clusters[1].name duplicate-cluster-name',
      'static_resources.listeners[1].name duplicate-listener-name',
      'static_resources.listeners[1].address.socket_address duplicate-listener-address',
    ],
    [],
  ]);
});

test('a shared route configuration with validate_clusters: false is exempt wherever it appears', () => {
  const rc = { name: 'rc', validate_clusters: false, virtual_hosts: [{ name: 'all', domains: ['*'], routes: [routeTo('nowhere')] }] };
  const hcm = (routeConfig: unknown) => ({
    name: 'l',
    address: { socket_address: { address: '0.0.0.0', port_value: 80 } },
    filter_chains: [
      {
        filters: [
          {
            name: 'envoy.filters.network.http_connection_manager',
            typed_config: {
              '@type': 'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager',
              stat_prefix: 'l',
              route_config: routeConfig,
              http_filters: [{ name: 'envoy.filters.http.router', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.http.router.v3.Router' } }],
            },
          },
        ],
      },
    ],
  });
  const validated = { ...rc, validate_clusters: true };
  assert.deepEqual(verifyAll([bootstrap([hcm(rc)], []), bootstrap([hcm(validated)], []), bootstrap([hcm(rc)], [])]), [
    [],
    ['static_resources.listeners[0].filter_chains[0].filters[0].typed_config.route_config.virtual_hosts[0].routes[0].route.cluster dangling-cluster'],
    [],
  ]);
});

test('the same object as another message type, or inside an Any, is not served from the cache', () => {
  const url = `type.googleapis.com/${CLUSTER}`;
  const c = { '@type': url, name: 'c', connect_timeout: '1s' };
  const response = { version_info: '1', type_url: url, resources: [c] };
  const memo = new VerifyMemo();
  const asAny = verifyEnvoyConfig(response, 'discovery-response', { memo });
  const inline = verifyEnvoyConfig(c, 'cluster', { memo });
  const asListener = verifyEnvoyConfig(c, 'listener', { memo });
  assert.deepEqual(asAny, verifyEnvoyConfig(response, 'discovery-response'));
  assert.deepEqual(asAny, []);
  assert.deepEqual(inline, verifyEnvoyConfig(c, 'cluster'));
  assert.deepEqual(inline.map((i) => i.rule), ['unknown-field']);
  assert.deepEqual(asListener, verifyEnvoyConfig(c, 'listener'));
  assert.ok(asListener.some((i) => i.path === 'connect_timeout' && i.rule === 'unknown-field'));
});

test('a config set shares a memo across its files and with other sets', () => {
  const url = `type.googleapis.com/${CLUSTER}`;
  const c = { '@type': url, ...cluster('x') };
  const cds = { version_info: '1', type_url: url, resources: [c] };
  const lurl = 'type.googleapis.com/envoy.config.listener.v3.Listener';
  const route = routeTo('x');
  const lds = (routes: unknown[]) => ({ version_info: '1', type_url: lurl, resources: [{ '@type': lurl, ...listener('l', 80, routes) }] });
  const sets = [{ cds, lds: lds([route]) }, { lds: lds([route]), cds: { ...cds, resources: [] } }];
  const plain = sets.map((s) => verifyConfigSet(s));
  const memo = new VerifyMemo();
  assert.deepEqual(
    sets.map((s) => verifyConfigSet(s, { memo })),
    plain,
  );
  assert.deepEqual(plain[0], []);
  assert.deepEqual(
    plain[1]!.map((i) => `${i.path} ${i.rule}`),
    ['lds.json:resources[0].filter_chains[0].filters[0].typed_config.route_config.virtual_hosts[0].routes[0].route.cluster dangling-cluster'],
  );
});

test('the PGV state is part of the cache key: an object under message.skip is not served as one checked in full', () => {
  const api: EnvoyApiBundle = {
    format: 1,
    source: { package: 'test', protobufjs: 'test', rootFiles: [] },
    enums: {},
    messages: {
      't.Inner': { fields: [{ name: 'name', json: 'name', kind: 's', type: 'string', rules: { string: { min_len: 1 } } }] },
      't.Outer': {
        fields: [
          { name: 'checked', json: 'checked', kind: 'm', type: 't.Inner' },
          { name: 'skipped', json: 'skipped', kind: 'm', type: 't.Inner', rules: { message: { skip: true } } },
        ],
      },
    },
  };
  const walker = new Walker(api);
  const inner = { name: '' };
  const issues = (value: unknown, memo?: WalkMemo) => {
    const ctx = new WalkContext(walker, new Map(), memo);
    walker.walk('t.Outer', value, ctx);
    return ctx.issues.map((i) => `${i.path} ${i.rule}`);
  };
  for (const value of [{ skipped: inner, checked: inner }, { checked: inner, skipped: inner }]) {
    const memo = new WalkMemo(walker);
    assert.deepEqual(issues(value, memo), ['checked.name string.min_len']);
    assert.deepEqual(issues(value, memo), issues(value));
  }
});
