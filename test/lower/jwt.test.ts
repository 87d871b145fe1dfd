/** RequestAuthentication → jwt_authn: providers, requirements and JWKS clusters, field by field. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE } from '../helpers/compile.js';
import { build, cluster, doc, inboundHttpFilters, proxy, type J } from './helpers.js';

const services = { 's.yaml': BASE.svc('a') + '---\n' + BASE.svc('b') };
const ra = (spec: string): Record<string, string> => ({ 'j.yaml': doc('RequestAuthentication', 'j', `  service: b\n${spec}`) });
const jwtFilter = (files: Record<string, string>): J => {
  const f = inboundHttpFilters(proxy(build({ ...services, ...files }), 'b'))[0]!;
  assert.equal(f['name'], 'envoy.filters.http.jwt_authn');
  assert.equal(f['typed_config']['@type'], 'type.googleapis.com/envoy.extensions.filters.http.jwt_authn.v3.JwtAuthentication');
  return f['typed_config'];
};

describe('jwt_authn providers', () => {
  test('a remote JWKS: http_uri to the JWKS host cluster, cache duration, async fetch; defaults for the token location', () => {
    const cfg = jwtFilter(
      ra('  providers:\n    - name: auth0\n      issuer: https://shop.eu.auth0.com/\n      audiences: [shop-api]\n      jwks: { uri: "https://shop.eu.auth0.com/.well-known/jwks.json" }\n'),
    );
    assert.deepEqual(cfg['providers'], {
      auth0: {
        issuer: 'https://shop.eu.auth0.com/',
        audiences: ['shop-api'],
        remote_jwks: {
          http_uri: { uri: 'https://shop.eu.auth0.com/.well-known/jwks.json', cluster: 'jwks|shop.eu.auth0.com:443', timeout: '5s' },
          cache_duration: '300s',
          async_fetch: {},
        },
        from_headers: [{ name: 'authorization', value_prefix: 'Bearer ' }],
        payload_in_metadata: 'jwt_payload',
      },
    });
  });

  test('the JWKS cluster: STRICT_DNS to host:port, TLS with SNI and the host verified against the system CAs', () => {
    const ps = build({ ...services, ...ra('  providers: [{ name: p, issuer: i, jwks: { uri: "https://keys.example.com:8443/jwks" } }]\n') });
    const c = cluster(proxy(ps, 'b'), 'jwks|keys.example.com:8443');
    assert.equal(c['type'], 'STRICT_DNS');
    assert.deepEqual(c['load_assignment'].endpoints[0].lb_endpoints[0].endpoint.address, {
      socket_address: { address: 'keys.example.com', port_value: 8443 },
    });
    assert.deepEqual(c['transport_socket'], {
      name: 'envoy.transport_sockets.tls',
      typed_config: {
        '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext',
        sni: 'keys.example.com',
        common_tls_context: {
          alpn_protocols: ['http/1.1'],
          validation_context: {
            trusted_ca: { filename: '/etc/ssl/certs/ca-certificates.crt' },
            match_typed_subject_alt_names: [{ san_type: 'DNS', matcher: { exact: 'keys.example.com' } }],
          },
        },
      },
    });
    // Only the proxy that validates tokens gets the cluster.
    assert.equal(cluster(proxy(ps, 'a'), 'jwks|keys.example.com:8443'), undefined);
  });

  test('a plain http JWKS URI: port 80, no TLS; file and inline JWKS: local_jwks, no cluster', () => {
    const providers = [
      '  providers:',
      '    - { name: web, issuer: w, jwks: { uri: "http://keys.internal/jwks" } }',
      '    - { name: file, issuer: f, jwks: { file: /etc/jwks.json }, fromHeaders: [{ name: x-token }] }',
      "    - { name: inline, issuer: n, jwks: { inline: '{\"keys\":[]}' }, fromHeaders: [{ name: x-jwt, prefix: 'JWT ' }] }",
      '',
    ].join('\n');
    const ps = build({ ...services, ...ra(providers) });
    const c = cluster(proxy(ps, 'b'), 'jwks|keys.internal:80');
    assert.equal(c['transport_socket'], undefined);
    const cfg = jwtFilter(ra(providers));
    assert.deepEqual(cfg['providers'].file, {
      issuer: 'f',
      local_jwks: { filename: '/etc/jwks.json' },
      from_headers: [{ name: 'x-token' }],
      payload_in_metadata: 'jwt_payload',
    });
    assert.deepEqual(cfg['providers'].inline.local_jwks, { inline_string: '{"keys":[]}' });
    assert.deepEqual(cfg['providers'].inline.from_headers, [{ name: 'x-jwt', value_prefix: 'JWT ' }]);
  });

  test('forwardClaims become claim_to_headers, in the order written', () => {
    const cfg = jwtFilter(ra('  providers: [{ name: p, issuer: i, jwks: { file: /j.json }, forwardClaims: { sub: x-user-id, email: x-email } }]\n'));
    assert.deepEqual(cfg['providers'].p.claim_to_headers, [
      { header_name: 'x-user-id', claim_name: 'sub' },
      { header_name: 'x-email', claim_name: 'email' },
    ]);
  });
});

describe('jwt_authn requirements', () => {
  const two = '  providers:\n    - { name: p1, issuer: a, jwks: { file: /a.json } }\n    - { name: p2, issuer: b, jwks: { file: /b.json } }\n';

  test('requireToken (default true), one provider: the provider is required on every path', () => {
    const cfg = jwtFilter(ra('  providers: [{ name: p1, issuer: a, jwks: { file: /a.json } }]\n'));
    assert.deepEqual(cfg['rules'], [{ match: { prefix: '/' }, requires: { provider_name: 'p1' } }]);
  });

  test('requireToken true, several providers: any of them', () => {
    const cfg = jwtFilter(ra(`${two}  requireToken: true\n`));
    assert.deepEqual(cfg['rules'], [
      { match: { prefix: '/' }, requires: { requires_any: { requirements: [{ provider_name: 'p1' }, { provider_name: 'p2' }] } } },
    ]);
  });

  test('requireToken false: any provider, or no token at all (allow_missing: an invalid token still fails)', () => {
    const cfg = jwtFilter(ra(`${two}  requireToken: false\n`));
    assert.deepEqual(cfg['rules'], [
      {
        match: { prefix: '/' },
        requires: { requires_any: { requirements: [{ provider_name: 'p1' }, { provider_name: 'p2' }, { allow_missing: {} }] } },
      },
    ]);
  });

  test('jwt_authn comes first, before the RBAC filters that read its metadata', () => {
    const files = {
      ...ra('  providers: [{ name: p1, issuer: a, jwks: { file: /a.json } }]\n'),
      'p.yaml': doc('AuthorizationPolicy', 'p', '  service: b\n  rules:\n    - when: [{ claim: sub, values: [u1] }]\n'),
    };
    const names = inboundHttpFilters(proxy(build({ ...services, ...files }), 'b')).map((f) => f['name']);
    assert.deepEqual(names, ['envoy.filters.http.jwt_authn', 'envoy.filters.http.rbac', 'envoy.filters.http.router']);
  });
});
