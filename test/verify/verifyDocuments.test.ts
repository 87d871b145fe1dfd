import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { SourceFile } from '../../src/source/index.js';
import { repoPath } from '../helpers/paths.js';
import { detectType, verifyConfigSet, verifyDocuments } from '../../src/verify/index.js';

const minimal = JSON.parse(readFileSync(repoPath('test', 'fixtures', 'envoy', 'minimal.bootstrap.json'), 'utf8')) as Record<string, any>;
const T = 'type.googleapis.com/';

test('importing the verify module does not read the bundle', () => {
  const code = `import('${repoPath('dist', 'src', 'verify', 'index.js').replace(/\\/g, '/')}').then((m) => { if (m.envoyApiLoaded()) process.exit(3); m.verifyEnvoyConfig({}, 'cluster'); process.exit(m.envoyApiLoaded() ? 0 : 4); })`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code]);
  assert.equal(r.status, 0, r.stderr.toString());
});

test('issues map to the span of the offending value, or of the key of an unknown field', () => {
  const text = ['static_resources:', '  clusters:', '  - name: c', '    connect_timeout: 250ms', '    colour: red', ''].join('\n');
  const ds = verifyDocuments([{ path: 'b.yaml', text }]);
  const file = new SourceFile('b.yaml', text);
  const at = (code: string) => {
    const d = ds.find((x) => x.code === code)!;
    assert.ok(d, code);
    return { ...file.lineCol(d.span!.start), text: text.slice(d.span!.start, d.span!.start + d.span!.length) };
  };
  assert.deepEqual(at('MESH5003'), { line: 4, col: 22, text: '250ms' });
  assert.deepEqual(at('MESH5002'), { line: 5, col: 5, text: 'colour' });
  assert.match(ds.find((x) => x.code === 'MESH5002')!.message, /^static_resources\.clusters\[0\]\.colour: unknown field "colour"/);
});

test('JSON input keeps offsets too; syntax errors are MESH1001', () => {
  const text = JSON.stringify({ static_resources: { clusters: [{ name: 'c', connect_timeout: '1s', type: 'STATICC' }] } }, null, 2);
  const [d] = verifyDocuments([{ path: 'b.json', text }]);
  assert.equal(d!.code, 'MESH5003');
  assert.equal(text.slice(d!.span!.start, d!.span!.start + d!.span!.length), '"STATICC"');
  const bad = verifyDocuments([{ path: 'x.json', text: '{"a": ' }]);
  assert.equal(bad[0]!.code, 'MESH1001');
});

test('a missing field points at the key of the message that lacks it', () => {
  const text = ['static_resources:', '  clusters:', '  - name: c', '    connect_timeout: 1s', '    load_assignment:', '      endpoints: []', ''].join('\n');
  const ds = verifyDocuments([{ path: 'b.yaml', text }]);
  assert.equal(ds.length, 1);
  assert.equal(ds[0]!.code, 'MESH5004');
  assert.match(ds[0]!.message, /load_assignment\.cluster_name: is missing/);
  assert.equal(text.slice(ds[0]!.span!.start, ds[0]!.span!.start + ds[0]!.span!.length), 'load_assignment');
});

test('bootstrap vs DiscoveryResponse is detected, and files are verified together', () => {
  assert.equal(detectType(minimal), 'bootstrap');
  assert.equal(detectType({ version_info: '1', resources: [] }), 'discovery-response');
  const lds = { version_info: '1', type_url: `${T}envoy.config.listener.v3.Listener`, resources: [{ '@type': `${T}envoy.config.listener.v3.Listener`, ...minimal.static_resources.listeners[0] }] };
  const cds = { version_info: '1', type_url: `${T}envoy.config.cluster.v3.Cluster`, resources: [{ '@type': `${T}envoy.config.cluster.v3.Cluster`, ...minimal.static_resources.clusters[0], name: 'other' }] };
  const ds = verifyDocuments([
    { path: 'out/lds.json', text: JSON.stringify(lds) },
    { path: 'out/cds.json', text: JSON.stringify(cds) },
  ]);
  assert.deepEqual(ds.map((d) => [d.code, d.span?.file]), [['MESH5007', 'out/lds.json']]);
  assert.match(ds[0]!.message, /refers to cluster "c"/);
});

test('verifyConfigSet resolves clusters across bootstrap, lds and cds, with file-prefixed paths', () => {
  const bootstrap = {
    node: minimal.node,
    dynamic_resources: {
      lds_config: { path_config_source: { path: '/etc/envoy/lds.json' }, resource_api_version: 'V3' },
      cds_config: { path_config_source: { path: '/etc/envoy/cds.json' }, resource_api_version: 'V3' },
    },
  };
  const listener = { '@type': `${T}envoy.config.listener.v3.Listener`, ...minimal.static_resources.listeners[0] };
  const cluster = { '@type': `${T}envoy.config.cluster.v3.Cluster`, ...minimal.static_resources.clusters[0] };
  const lds = { version_info: '1', type_url: `${T}envoy.config.listener.v3.Listener`, resources: [listener] };
  const cds = { version_info: '1', type_url: `${T}envoy.config.cluster.v3.Cluster`, resources: [cluster] };
  assert.deepEqual(verifyConfigSet({ bootstrap, lds, cds }), []);
  const renamed = { ...cds, resources: [{ ...cluster, name: 'd', load_assignment: { cluster_name: 'd' } }] };
  const issues = verifyConfigSet({ bootstrap, lds, cds: renamed });
  assert.deepEqual(
    issues.map((i) => `${i.path} ${i.rule}`),
    ['lds.json:resources[0].filter_chains[0].filters[0].typed_config.route_config.virtual_hosts[0].routes[0].route.cluster dangling-cluster'],
  );
  // Without the CDS file the set of clusters is unknown: no dangling check.
  assert.deepEqual(verifyConfigSet({ bootstrap, lds }), []);
  // A CDS file serving listeners is caught (and then no cluster "c" exists).
  assert.deepEqual(verifyConfigSet({ cds: lds }).map((i) => i.rule), ['discovery.type-url', 'dangling-cluster']);
});

test('an RDS file holds exactly one route configuration (MESH5011), as Envoy requires of a file', () => {
  const config = (name: string) => ({ '@type': `${T}envoy.config.route.v3.RouteConfiguration`, name, virtual_hosts: [] });
  const rds = (...names: string[]) => ({ version_info: '1', type_url: `${T}envoy.config.route.v3.RouteConfiguration`, resources: names.map(config) });
  assert.deepEqual(verifyConfigSet({ rds: rds('80') }), []);
  assert.deepEqual(
    verifyConfigSet({ rds: rds('80', '8080') }).map((i) => `${i.path} ${i.rule}`),
    ['rds.json:resources discovery.rds-one-config'],
  );
  assert.deepEqual(verifyConfigSet({ rds: rds() }).map((i) => i.rule), ['discovery.rds-one-config']);
  // By the file's name in meshc verify; the same response under another name is not an RDS file.
  const text = JSON.stringify(rds('80', '8080'), null, 2);
  const ds = verifyDocuments([{ path: 'out/_mesh/shop/rds.json', text }]);
  assert.deepEqual(ds.map((d) => d.code), ['MESH5011']);
  assert.match(ds[0]!.message, /this one holds 2/);
  assert.deepEqual(verifyDocuments([{ path: 'out/routes.json', text }]), []);
});
