/** What the emitters produce, field by field, for the features of the compiler core. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ProxyConfig } from '../../src/lower/index.js';
import { BASE, compileFiles } from '../helpers/compile.js';

type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function build(files: Record<string, string>): ProxyConfig[] {
  const r = compileFiles(files);
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  assert.deepEqual(errors, []);
  return [...r.proxies!];
}
const proxy = (ps: ProxyConfig[], name: string): ProxyConfig => ps.find((p) => p.name === name)!;
const listener = (p: ProxyConfig, name: string): J => p.listeners.find((l) => l['name'] === name) as J;
const cluster = (p: ProxyConfig, name: string): J => p.clusters.find((c) => c['name'] === name) as J;
const mesh = (spec: string): string => `apiVersion: meshc.dev/v1\nkind: Mesh\nmetadata: { name: m }\nspec:\n${spec}`;

describe('inbound listener and mTLS modes', () => {
  test('strict: one TLS chain requiring a client certificate from the trust domain', () => {
    const p = proxy(build({ 'a.yaml': BASE.svc('a'), 'm.yaml': mesh('  trustDomain: example.org\n') }), 'a');
    const l = listener(p, 'inbound');
    assert.deepEqual(l['address'], { socket_address: { address: '0.0.0.0', port_value: 15006 } });
    assert.equal(l['filter_chains'].length, 1);
    const tls = l['filter_chains'][0].transport_socket.typed_config;
    assert.equal(tls['@type'], 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext');
    assert.equal(tls.require_client_certificate, true);
    assert.deepEqual(tls.common_tls_context.combined_validation_context.default_validation_context.match_typed_subject_alt_names, [
      { san_type: 'URI', matcher: { prefix: 'spiffe://example.org/' } },
    ]);
    assert.equal(l['listener_filters'], undefined);
  });

  test('permissive: TLS inspector and a TLS chain plus a plaintext chain', () => {
    const p = proxy(build({ 'a.yaml': BASE.svc('a'), 'm.yaml': mesh('  mtls: { mode: permissive }\n') }), 'a');
    const l = listener(p, 'inbound');
    assert.equal(l['listener_filters'][0].name, 'envoy.filters.listener.tls_inspector');
    assert.deepEqual(
      l['filter_chains'].map((c: J) => [c.filter_chain_match.transport_protocol, c.transport_socket !== undefined]),
      [
        ['tls', true],
        ['raw_buffer', false],
      ],
    );
  });

  test('disabled: plaintext everywhere and no SDS cluster', () => {
    const ps = build({ 'a.yaml': BASE.svc('a', '  upstreams: [a]\n'), 'm.yaml': mesh('  mtls: { mode: disabled }\n') });
    const p = proxy(ps, 'a');
    assert.equal(listener(p, 'inbound')['filter_chains'][0].transport_socket, undefined);
    assert.equal(cluster(p, 'outbound|8080|v1|a.default.svc.cluster.local'), undefined); // nobody routes to a subset
    assert.equal(cluster(p, 'outbound|8080||a.default.svc.cluster.local')['transport_socket'], undefined);
    assert.equal(cluster(p, 'sds-agent'), undefined);
  });

  test('certificates from files: no SDS cluster, files in both TLS contexts', () => {
    const files = '  certificates:\n    files: { certificateChain: /c/cert.pem, privateKey: /c/key.pem, trustedCA: /c/ca.pem }\n';
    const p = proxy(build({ 'a.yaml': BASE.svc('a', '  upstreams: [a]\n'), 'm.yaml': mesh(files) }), 'a');
    assert.equal(cluster(p, 'sds-agent'), undefined);
    const up = cluster(p, 'outbound|8080||a.default.svc.cluster.local')['transport_socket'].typed_config;
    assert.deepEqual(up.common_tls_context, {
      tls_certificates: [{ certificate_chain: { filename: '/c/cert.pem' }, private_key: { filename: '/c/key.pem' } }],
      validation_context: {
        trusted_ca: { filename: '/c/ca.pem' },
        match_typed_subject_alt_names: [{ san_type: 'URI', matcher: { exact: 'spiffe://cluster.local/ns/default/sa/a' } }],
      },
    });
  });

  test('the inbound route goes to the app on 127.0.0.1:targetPort with no timeout', () => {
    const p = proxy(build({ 'a.yaml': BASE.svc('a') }), 'a'); // BASE apps listen on 3000
    const hcm = listener(p, 'inbound')['filter_chains'][0].filters[0].typed_config;
    assert.deepEqual(hcm.route_config.virtual_hosts[0].routes, [
      { match: { prefix: '/' }, route: { cluster: 'inbound|3000||a.default.svc.cluster.local', timeout: '0s' } },
    ]);
    assert.deepEqual(cluster(p, 'inbound|3000||a.default.svc.cluster.local')['load_assignment'].endpoints[0].lb_endpoints, [
      { endpoint: { address: { socket_address: { address: '127.0.0.1', port_value: 3000 } } } },
    ]);
  });
});

describe('outbound', () => {
  test('one listener per HTTP port with a virtual host per service; short names only in the same namespace', () => {
    const ps = build({
      'a.yaml': BASE.svc('a', '  upstreams: [b, c.other]\n'),
      'b.yaml': BASE.svc('b'),
      'c.yaml': BASE.svc('c', '', 'other'),
    });
    const p = proxy(ps, 'a');
    assert.deepEqual(
      p.listeners.map((l) => l['name']),
      ['inbound', 'outbound|8080'],
    );
    const vhosts = listener(p, 'outbound|8080')['filter_chains'][0].filters[0].typed_config.route_config.virtual_hosts;
    assert.deepEqual(
      vhosts.map((v: J) => [v.name, v.domains]),
      [
        ['b.default.svc.cluster.local:8080', ['b', 'b:8080', 'b.default', 'b.default:8080', 'b.default.svc.cluster.local', 'b.default.svc.cluster.local:8080']],
        ['c.other.svc.cluster.local:8080', ['c.other', 'c.other:8080', 'c.other.svc.cluster.local', 'c.other.svc.cluster.local:8080']],
      ],
    );
    assert.deepEqual(
      ps.map((x) => x.name),
      ['a', 'b', 'c.other'],
    );
  });

  test('matches: path kinds, method, headers and query become one Envoy route per match item', () => {
    const p = proxy(
      build({
        'a.yaml': BASE.svc('a', '  upstreams: [a]\n'),
        'r.yaml': `apiVersion: meshc.dev/v1
kind: HTTPRoute
metadata: { name: a }
spec:
  service: a
  rules:
    - name: api
      match:
        - path: { regex: "^/api/v[0-9]+/.*" }
          method: POST
          headers: { x-user: { prefix: adm }, x-trace: { present: true } }
          query: { debug: { exact: "1" } }
        - path: { exact: /healthz }
      backends: [{ service: a, subset: v2 }]
    - name: rest
      backends: [{ service: a, subset: v1 }]
`,
      }),
      'a',
    );
    const routes = listener(p, 'outbound|8080')['filter_chains'][0].filters[0].typed_config.route_config.virtual_hosts[0].routes;
    assert.deepEqual(
      routes.map((r: J) => [r.name, r.match]),
      [
        [
          'api/0',
          {
            safe_regex: { regex: '^/api/v[0-9]+/.*' },
            headers: [
              { name: ':method', string_match: { exact: 'POST' } },
              { name: 'x-user', string_match: { prefix: 'adm' } },
              { name: 'x-trace', present_match: true },
            ],
            query_parameters: [{ name: 'debug', string_match: { exact: '1' } }],
          },
        ],
        ['api/1', { path: '/healthz' }],
        ['rest', { prefix: '/' }],
      ],
    );
    assert.equal(routes[0].route.cluster, 'outbound|8080|v2|a.default.svc.cluster.local');
  });

  test('retries with per-try timeout and backoff', () => {
    const p = proxy(
      build({
        'a.yaml': BASE.svc('a', '  upstreams: [a]\n'),
        'r.yaml': `apiVersion: meshc.dev/v1
kind: HTTPRoute
metadata: { name: a }
spec:
  service: a
  rules:
    - timeout: 1.5s
      retries: { attempts: 3, perTryTimeout: 500ms, on: [5xx, gateway-error], backoff: { base: 25ms, max: 250ms } }
`,
      }),
      'a',
    );
    const route = listener(p, 'outbound|8080')['filter_chains'][0].filters[0].typed_config.route_config.virtual_hosts[0].routes[0];
    assert.deepEqual(route.route, {
      cluster: 'outbound|8080||a.default.svc.cluster.local',
      timeout: '1.5s',
      retry_policy: {
        retry_on: '5xx,gateway-error',
        num_retries: 3,
        per_try_timeout: '0.5s',
        retry_back_off: { base_interval: '0.025s', max_interval: '0.25s' },
      },
    });
  });

  test('DNS services become STRICT_DNS clusters on the inbound port; zones group endpoints', () => {
    const ps = build({
      'a.yaml': `apiVersion: meshc.dev/v1
kind: Service
metadata: { name: a }
spec:
  port: 80
  targetPort: 3000
  dns: a.prod.internal
  upstreams: [a, b]
---
apiVersion: meshc.dev/v1
kind: Service
metadata: { name: b }
spec:
  port: 81
  endpoints:
    - { address: 10.0.0.2, zone: us-east-1b, weight: 3 }
    - { address: 10.0.0.1, zone: us-east-1a }
    - { address: 10.0.0.3 }
`,
    });
    const p = proxy(ps, 'a');
    const dns = cluster(p, 'outbound|80||a.default.svc.cluster.local');
    assert.equal(dns['type'], 'STRICT_DNS');
    assert.deepEqual(dns['load_assignment'].endpoints[0].lb_endpoints[0].endpoint.address, {
      socket_address: { address: 'a.prod.internal', port_value: 15006 },
    });
    const b = cluster(p, 'outbound|81||b.default.svc.cluster.local');
    assert.equal(b['type'], 'STATIC');
    assert.deepEqual(b['load_assignment'].endpoints, [
      { lb_endpoints: [{ endpoint: { address: { socket_address: { address: '10.0.0.3', port_value: 15006 } } } }] },
      {
        locality: { zone: 'us-east-1a' },
        lb_endpoints: [{ endpoint: { address: { socket_address: { address: '10.0.0.1', port_value: 15006 } } } }],
      },
      {
        locality: { zone: 'us-east-1b' },
        lb_endpoints: [
          { endpoint: { address: { socket_address: { address: '10.0.0.2', port_value: 15006 } } }, load_balancing_weight: 3 },
        ],
      },
    ]);
  });

  test('TCP services: tcp_proxy inbound and a listener of their own outbound, weighted when split', () => {
    const ps = build({
      'db.yaml': BASE.svc('db', '  protocol: tcp\n').replace('port: 8080', 'port: 5432'),
      'app.yaml': BASE.svc('app', '  upstreams: [db]\n'),
      'split.yaml': `apiVersion: meshc.dev/v1
kind: TrafficSplit
metadata: { name: db }
spec:
  service: db
  backends: [{ subset: v1, weight: 75 }, { subset: v2, weight: 25 }]
`,
    });
    const db = proxy(ps, 'db');
    assert.equal(listener(db, 'inbound')['filter_chains'][0].filters[0].name, 'envoy.filters.network.tcp_proxy');
    const app = proxy(ps, 'app');
    const tcp = listener(app, 'outbound|5432')['filter_chains'][0].filters[0].typed_config;
    assert.deepEqual(tcp, {
      '@type': 'type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy',
      stat_prefix: 'outbound_5432_db',
      weighted_clusters: {
        clusters: [
          { name: 'outbound|5432|v1|db.default.svc.cluster.local', weight: 75 },
          { name: 'outbound|5432|v2|db.default.svc.cluster.local', weight: 25 },
        ],
      },
    });
  });

  test('gRPC services get HTTP/2 upstream clusters, inbound and outbound', () => {
    const ps = build({ 'g.yaml': BASE.svc('g', '  protocol: grpc\n  upstreams: [g]\n') });
    const p = proxy(ps, 'g');
    const h2 = {
      'envoy.extensions.upstreams.http.v3.HttpProtocolOptions': {
        '@type': 'type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions',
        explicit_http_config: { http2_protocol_options: {} },
      },
    };
    assert.deepEqual(cluster(p, 'outbound|8080||g.default.svc.cluster.local')['typed_extension_protocol_options'], h2);
    assert.deepEqual(cluster(p, 'inbound|3000||g.default.svc.cluster.local')['typed_extension_protocol_options'], h2);
  });

  test('external services: no sidecar, their own port, TLS origination with SNI verified against the system CAs', () => {
    const ps = build({
      'a.yaml': BASE.svc('a', '  upstreams: [stripe]\n'),
      'x.yaml': `apiVersion: meshc.dev/v1
kind: Service
metadata: { name: stripe }
spec:
  port: 443
  external: true
  dns: api.stripe.com
  tls: { sni: api.stripe.com }
`,
    });
    assert.deepEqual(
      ps.map((p) => p.name),
      ['a'],
    );
    const c = cluster(proxy(ps, 'a'), 'outbound|443||stripe.default.svc.cluster.local');
    assert.deepEqual(c['load_assignment'].endpoints[0].lb_endpoints[0].endpoint.address, {
      socket_address: { address: 'api.stripe.com', port_value: 443 },
    });
    assert.deepEqual(c['transport_socket'].typed_config, {
      '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext',
      sni: 'api.stripe.com',
      common_tls_context: {
        alpn_protocols: ['http/1.1'],
        validation_context: {
          trusted_ca: { filename: '/etc/ssl/certs/ca-certificates.crt' },
          match_typed_subject_alt_names: [{ san_type: 'DNS', matcher: { exact: 'api.stripe.com' } }],
        },
      },
    });
  });
});

describe('external services, by name', () => {
  test('an external DNS service answers to its own name and rewrites Host; gRPC over TLS offers h2', () => {
    const ps = build({
      'a.yaml': BASE.svc('a', '  upstreams: [api]\n'),
      'x.yaml': `apiVersion: meshc.dev/v1
kind: Service
metadata: { name: api }
spec:
  protocol: grpc
  port: 80
  targetPort: 443
  external: true
  dns: grpc.vendor.example
  tls: {}
`,
    });
    const p = proxy(ps, 'a');
    const vh = listener(p, 'outbound|80')['filter_chains'][0].filters[0].typed_config.route_config.virtual_hosts[0];
    assert.deepEqual(vh.domains.slice(-2), ['grpc.vendor.example', 'grpc.vendor.example:80']);
    assert.equal(vh.routes[0].route.auto_host_rewrite, true);
    const tls = cluster(p, 'outbound|80||api.default.svc.cluster.local')['transport_socket'].typed_config;
    assert.equal(tls.sni, 'grpc.vendor.example'); // defaults to the dns name
    assert.deepEqual(tls.common_tls_context.alpn_protocols, ['h2']);
  });

  test('mesh services get no auto_host_rewrite and no external domain', () => {
    const p = proxy(build({ 'a.yaml': BASE.svc('a', '  upstreams: [b]\n'), 'b.yaml': BASE.svc('b') }), 'a');
    const vh = listener(p, 'outbound|8080')['filter_chains'][0].filters[0].typed_config.route_config.virtual_hosts[0];
    assert.equal(vh.routes[0].route.auto_host_rewrite, undefined);
    assert.equal(vh.domains.length, 6);
  });
});
