/** mTLS modes, per namespace: filter-chain matches, SAN matchers, and who originates mTLS to whom. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE } from '../helpers/compile.js';
import { build, cluster, listener, mesh, proxy, type J } from './helpers.js';

const services = { 's.yaml': [BASE.svc('a'), BASE.svc('old', '', 'legacy')].join('---\n') };
const san = (ctx: J): J[] =>
  (ctx['common_tls_context'].combined_validation_context ?? ctx['common_tls_context']).default_validation_context
    .match_typed_subject_alt_names;

describe('mTLS per namespace', () => {
  test('permissive for one namespace: its inbound has the TLS inspector and two chains; the rest stays strict', () => {
    const ps = build({ ...services, 'm.yaml': mesh('  mtls: { mode: strict, namespaces: { legacy: permissive } }\n') });
    const l = listener(proxy(ps, 'old.legacy'), 'inbound');
    assert.deepEqual(l['listener_filters'], [
      {
        name: 'envoy.filters.listener.tls_inspector',
        typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector' },
      },
    ]);
    assert.equal(l['continue_on_listener_filters_timeout'], true);
    const chains = l['filter_chains'] as J[];
    assert.deepEqual(chains.map((c) => c['filter_chain_match']), [{ transport_protocol: 'tls' }, { transport_protocol: 'raw_buffer' }]);
    assert.equal(chains[0]!['transport_socket'].typed_config.require_client_certificate, true);
    assert.deepEqual(san(chains[0]!['transport_socket'].typed_config), [{ san_type: 'URI', matcher: { prefix: 'spiffe://cluster.local/' } }]);
    assert.equal(chains[1]!['transport_socket'], undefined);
    assert.deepEqual(chains[0]!['filters'], chains[1]!['filters']);
    // a (default namespace) stays strict: one TLS chain, no inspector.
    const strict = listener(proxy(ps, 'a'), 'inbound');
    assert.equal(strict['listener_filters'], undefined);
    assert.equal(strict['filter_chains'].length, 1);
    // Callers keep originating mTLS to the permissive namespace, verifying its exact SPIFFE ID.
    const c = cluster(proxy(ps, 'a'), 'outbound|8080||old.legacy.svc.cluster.local');
    assert.deepEqual(san(c['transport_socket'].typed_config), [
      { san_type: 'URI', matcher: { exact: 'spiffe://cluster.local/ns/legacy/sa/old' } },
    ]);
  });

  test('disabled for one namespace: plaintext inbound there, callers send it plaintext, it needs no SDS', () => {
    const files = { 's.yaml': [BASE.svc('a'), BASE.svc('old', '  upstreams: []\n', 'legacy')].join('---\n') };
    const ps = build({ ...files, 'm.yaml': mesh('  mtls: { namespaces: { legacy: disabled } }\n') });
    const old = proxy(ps, 'old.legacy');
    assert.deepEqual(listener(old, 'inbound')['filter_chains'].map((c: J) => Object.keys(c)), [['filters']]);
    assert.deepEqual(old.bootstrapClusters, []);
    const a = proxy(ps, 'a');
    assert.equal(cluster(a, 'outbound|8080||old.legacy.svc.cluster.local')['transport_socket'], undefined);
    assert.deepEqual(a.bootstrapClusters.map((c) => c['name']), ['sds-agent']);
  });

  test('mesh disabled, one namespace strict: that namespace requires mTLS and its callers originate it (with SDS)', () => {
    const ps = build({ ...services, 'm.yaml': mesh('  mtls: { mode: disabled, namespaces: { legacy: strict } }\n') });
    const a = proxy(ps, 'a');
    assert.equal(listener(a, 'inbound')['filter_chains'][0].transport_socket, undefined);
    assert.ok(cluster(a, 'outbound|8080||old.legacy.svc.cluster.local')['transport_socket']);
    assert.deepEqual(a.bootstrapClusters.map((c) => c['name']), ['sds-agent']);
    assert.ok(listener(proxy(ps, 'old.legacy'), 'inbound')['filter_chains'][0].transport_socket);
  });
});
