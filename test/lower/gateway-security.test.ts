/** JWT and authorization at gateway proxies, and observability on their listeners. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE } from '../helpers/compile.js';
import { build, cluster, doc, listener, mesh, proxy, type J } from './helpers.js';

const gw = doc(
  'Gateway',
  'public',
  [
    '  listeners:',
    '    - { name: web, port: 8080, protocol: http, hosts: [shop.example.com] }',
    '    - { name: db, port: 5432, protocol: tcp, backend: { service: db } }',
    '',
  ].join('\n'),
);
const route = doc('HTTPRoute', 'r', '  gateway: public\n  hosts: [shop.example.com]\n  rules:\n    - backends: [{ service: a }]\n');
const files = {
  's.yaml': BASE.svc('a') + '---\n' + doc('Service', 'db', '  protocol: tcp\n  port: 5432\n  endpoints: [{ address: 10.0.5.1 }]\n  upstreams: []\n'),
  'g.yaml': gw,
  'r.yaml': route,
  'j.yaml': doc('RequestAuthentication', 'j', '  gateway: public\n  providers: [{ name: idp, issuer: https://idp.example/, jwks: { uri: "https://idp.example/jwks" } }]\n'),
  'p.yaml': doc(
    'AuthorizationPolicy',
    'admins',
    '  gateway: public\n  rules:\n    - from: [{ ipBlock: 192.0.2.0/24 }]\n      to: [{ ports: [8080], paths: ["/admin/*"] }]\n      when: [{ claim: role, values: [admin] }]\n',
  ),
  'm.yaml': mesh('  observability:\n    accessLog: {}\n    metrics: { prometheus: {} }\n'),
};
const hcmOf = (l: J): J => l['filter_chains'][0].filters[0].typed_config;

describe('security at a gateway', () => {
  test('the http listener gets jwt_authn then the ALLOW RBAC filter; ports stay destination_port', () => {
    const p = proxy(build(files), 'gateway-public');
    const hcm = hcmOf(listener(p, 'gateway|8080'));
    const filters = hcm['http_filters'] as J[];
    assert.deepEqual(filters.map((f) => f['name']), ['envoy.filters.http.jwt_authn', 'envoy.filters.http.rbac', 'envoy.filters.http.router']);
    assert.deepEqual(filters[0]!['typed_config'].rules, [{ match: { prefix: '/' }, requires: { provider_name: 'idp' } }]);
    assert.deepEqual(filters[1]!['typed_config'].rules.policies['ns[default]-policy[admins]-rule[0]'].permissions, [
      { and_rules: { rules: [{ url_path: { path: { prefix: '/admin/' } } }, { destination_port: 8080 }] } },
    ]);
    assert.ok(cluster(p, 'jwks|idp.example:443'));
    assert.equal(hcm['access_log'].length, 1);
  });

  test('the tcp listener gets the network form: an ALLOW rule that needs HTTP attributes matches nothing', () => {
    const p = proxy(build(files), 'gateway-public');
    const filters = listener(p, 'gateway|5432')['filter_chains'][0].filters as J[];
    assert.deepEqual(filters.map((f) => f['name']), ['envoy.filters.network.rbac', 'envoy.filters.network.tcp_proxy']);
    assert.deepEqual(filters[0]!['typed_config'].rules, { action: 'ALLOW', policies: {} });
    assert.equal(filters[1]!['typed_config'].access_log.length, 1);
  });

  test('gateway proxies get the Prometheus listener too; sidecars get no gateway policy', () => {
    const ps = build(files);
    assert.ok(listener(proxy(ps, 'gateway-public'), 'prometheus'));
    const a = hcmOf(listener(proxy(ps, 'a'), 'inbound'));
    assert.deepEqual((a['http_filters'] as J[]).map((f) => f['name']), ['envoy.filters.http.router']);
  });
});
