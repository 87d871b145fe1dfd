/** What the traffic-management features become in Envoy, field by field (issue 5). */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ProxyConfig } from '../../src/lower/index.js';
import { BASE, compileFiles } from '../helpers/compile.js';

type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function build(files: Record<string, string>): ProxyConfig[] {
  const r = compileFiles(files);
  assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
  return [...r.proxies!];
}
const proxy = (ps: ProxyConfig[], name: string): ProxyConfig => ps.find((p) => p.name === name)!;
const listener = (p: ProxyConfig, name: string): J => p.listeners.find((l) => l['name'] === name) as J;
const cluster = (p: ProxyConfig, name: string): J => p.clusters.find((c) => c['name'] === name) as J;
const doc = (kind: string, name: string, spec: string): string => `apiVersion: meshc.dev/v1\nkind: ${kind}\nmetadata: { name: ${name} }\nspec:\n${spec}`;
const route = (rules: string): string => doc('HTTPRoute', 'r', `  service: a\n  rules:\n${rules}`);
const CA = 'outbound|8080||a.default.svc.cluster.local';
const V1 = 'outbound|8080|v1|a.default.svc.cluster.local';
const V2 = 'outbound|8080|v2|a.default.svc.cluster.local';
const typed = (t: string): string => `type.googleapis.com/${t}`;

/** The outbound HCM of caller `c` towards service a (port 8080). */
function hcm(files: Record<string, string>): J {
  const ps = build({ 'a.yaml': BASE.svc('a'), 'c.yaml': BASE.svc('c', '  upstreams: [a]\n'), ...files });
  return listener(proxy(ps, 'c'), 'outbound|8080')['filter_chains'][0].filters[0].typed_config;
}
const routesOf = (h: J): J[] => h['route_config'].virtual_hosts[0].routes;
const filterNames = (h: J): string[] => h['http_filters'].map((f: J) => f.name);

describe('route features', () => {
  test('fault: delay and abort with percentages as per-route HTTPFault; the fault filter before the router', () => {
    const h = hcm({ 'r.yaml': route('    - fault: { delay: { fixed: 1.5s, percent: 25 }, abort: { status: 503, percent: 0.5 } }\n') });
    assert.deepEqual(routesOf(h)[0]!['typed_per_filter_config'], {
      'envoy.filters.http.fault': {
        '@type': typed('envoy.extensions.filters.http.fault.v3.HTTPFault'),
        delay: { fixed_delay: '1.5s', percentage: { numerator: 25, denominator: 'HUNDRED' } },
        abort: { http_status: 503, percentage: { numerator: 50, denominator: 'TEN_THOUSAND' } },
      },
    });
    assert.deepEqual(filterNames(h), ['envoy.filters.http.fault', 'envoy.filters.http.router']);
  });

  test('no route needs a filter: only the router', () => {
    assert.deepEqual(filterNames(hcm({})), ['envoy.filters.http.router']);
  });

  test('mirror: request_mirror_policies with a runtime fraction below 100 %, none at 100 %', () => {
    const h = hcm({
      'r.yaml': route('    - match: [{ method: GET }]\n      mirror: { service: a, subset: v2, percent: 10 }\n    - mirror: { service: a, subset: v2 }\n'),
    });
    const [a, b] = routesOf(h);
    assert.deepEqual(a!['route'].request_mirror_policies, [{ cluster: V2, runtime_fraction: { default_value: { numerator: 10, denominator: 'HUNDRED' } } }]);
    assert.deepEqual(b!['route'].request_mirror_policies, [{ cluster: V2 }]);
  });

  test('mirror target cluster is emitted for the caller', () => {
    const ps = build({ 'a.yaml': BASE.svc('a'), 'c.yaml': BASE.svc('c', '  upstreams: [a]\n'), 'r.yaml': route('    - backends: [{ service: a, subset: v1 }]\n      mirror: { service: a, subset: v2 }\n') });
    assert.ok(cluster(proxy(ps, 'c'), V2));
  });

  test('rewrites: prefix_rewrite, regex_rewrite and host_rewrite_literal', () => {
    const h = hcm({
      'r.yaml': route(
        '    - match: [{ path: { prefix: /old/ } }]\n      rewrite: { path: { prefix: /new/ }, host: a.internal }\n    - rewrite: { path: { regex: "^/api/(.*)$", substitution: "/\\\\1" } }\n',
      ),
    });
    const [a, b] = routesOf(h);
    assert.equal(a!['route'].prefix_rewrite, '/new/');
    assert.equal(a!['route'].host_rewrite_literal, 'a.internal');
    assert.deepEqual(b!['route'].regex_rewrite, { pattern: { regex: '^/api/(.*)$' }, substitution: '/\\1' });
  });

  test('redirect: a redirect action instead of a route, with every part and the status code', () => {
    const h = hcm({
      'r.yaml': route(
        '    - match: [{ path: { exact: /a } }]\n      redirect: { scheme: https, host: b.example.com, port: 8443, path: /b, status: 307 }\n    - redirect: { scheme: http }\n',
      ),
    });
    const [a, b] = routesOf(h);
    assert.equal(a!['route'], undefined);
    assert.deepEqual(a!['redirect'], {
      https_redirect: true,
      host_redirect: 'b.example.com',
      port_redirect: 8443,
      path_redirect: '/b',
      response_code: 'TEMPORARY_REDIRECT',
    });
    assert.deepEqual(b!['redirect'], { scheme_redirect: 'http', response_code: 'MOVED_PERMANENTLY' });
  });

  test('headers: set overwrites, add appends, remove lists, on request and response', () => {
    const h = hcm({
      'r.yaml': route(
        '    - headers:\n        request: { set: { x-env: prod }, add: { x-trace: on }, remove: [x-debug] }\n        response: { set: { cache-control: no-store }, remove: [server] }\n',
      ),
    });
    const r = routesOf(h)[0]!;
    assert.deepEqual(r['request_headers_to_add'], [
      { header: { key: 'x-env', value: 'prod' }, append_action: 'OVERWRITE_IF_EXISTS_OR_ADD' },
      { header: { key: 'x-trace', value: 'on' }, append_action: 'APPEND_IF_EXISTS_OR_ADD' },
    ]);
    assert.deepEqual(r['request_headers_to_remove'], ['x-debug']);
    assert.deepEqual(r['response_headers_to_add'], [{ header: { key: 'cache-control', value: 'no-store' }, append_action: 'OVERWRITE_IF_EXISTS_OR_ADD' }]);
    assert.deepEqual(r['response_headers_to_remove'], ['server']);
  });

  test('CORS: per-route CorsPolicy with exact, suffix and regex origins; the CORS filter', () => {
    const h = hcm({
      'r.yaml': route(
        '    - cors:\n        allowOrigins: ["https://shop.example.com", "*.example.com", "https://*.example.org", "*"]\n        allowMethods: [GET, POST]\n        allowHeaders: [authorization]\n        exposeHeaders: [x-id]\n        maxAge: 1h\n        allowCredentials: true\n',
      ),
    });
    assert.deepEqual(routesOf(h)[0]!['typed_per_filter_config']['envoy.filters.http.cors'], {
      '@type': typed('envoy.extensions.filters.http.cors.v3.CorsPolicy'),
      allow_origin_string_match: [
        { exact: 'https://shop.example.com' },
        { suffix: '.example.com' },
        { safe_regex: { regex: 'https://[a-z0-9-]+(\\.[a-z0-9-]+)*\\.example\\.org' } },
        { safe_regex: { regex: '.*' } },
      ],
      allow_methods: 'GET,POST',
      allow_headers: 'authorization',
      expose_headers: 'x-id',
      max_age: '3600',
      allow_credentials: true,
    });
    assert.deepEqual(h['http_filters'][0], { name: 'envoy.filters.http.cors', typed_config: { '@type': typed('envoy.extensions.filters.http.cors.v3.Cors') } });
  });

  test('rate limit: a per-route token bucket, enabled and enforced; the filter limits nothing by itself', () => {
    const h = hcm({ 'r.yaml': route('    - name: api\n      rateLimit: { requests: 100, per: 1s }\n') });
    const all = { default_value: { numerator: 100, denominator: 'HUNDRED' } };
    assert.deepEqual(routesOf(h)[0]!['typed_per_filter_config']['envoy.filters.http.local_ratelimit'], {
      '@type': typed('envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit'),
      stat_prefix: 'rate_limit_api',
      token_bucket: { max_tokens: 100, tokens_per_fill: 100, fill_interval: '1s' },
      filter_enabled: all,
      filter_enforced: all,
    });
    assert.deepEqual(h['http_filters'][0].typed_config, {
      '@type': typed('envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit'),
      stat_prefix: 'http_local_rate_limiter',
    });
  });

  test('filter order: cors, fault, local_ratelimit, router', () => {
    const h = hcm({
      'r.yaml': route('    - match: [{ method: GET }]\n      rateLimit: { requests: 1, per: 1s }\n    - fault: { abort: { status: 500 } }\n      cors: { allowOrigins: ["*"] }\n'),
    });
    assert.deepEqual(filterNames(h), ['envoy.filters.http.cors', 'envoy.filters.http.fault', 'envoy.filters.http.local_ratelimit', 'envoy.filters.http.router']);
  });
});

describe('TrafficPolicy', () => {
  const policy = (spec: string, name = 'p'): string => doc('TrafficPolicy', name, `  service: a\n${spec}`);
  const clusters = (files: Record<string, string>): ProxyConfig =>
    proxy(build({ 'a.yaml': BASE.svc('a'), 'c.yaml': BASE.svc('c', '  upstreams: [a]\n'), ...files }), 'c');

  test('ring-hash: lb_policy on the cluster, the cookie hash policy on every route leading there', () => {
    const p = clusters({ 'p.yaml': policy('  loadBalancer: { algorithm: ring-hash, hash: { cookie: { name: session, ttl: 1h } } }\n') });
    assert.equal(cluster(p, CA)['lb_policy'], 'RING_HASH');
    const r = listener(p, 'outbound|8080')['filter_chains'][0].filters[0].typed_config.route_config.virtual_hosts[0].routes[0];
    assert.deepEqual(r.route.hash_policy, [{ cookie: { name: 'session', ttl: '3600s' } }]);
  });

  test('maglev with a header hash; source IP hashing', () => {
    const p = clusters({
      'p.yaml': policy('  loadBalancer: { algorithm: maglev, hash: { header: x-user } }\n'),
      'q.yaml': policy('  subset: v1\n  loadBalancer: { algorithm: ring-hash, hash: { sourceIP: true } }\n', 'q'),
      'r.yaml': route('    - backends: [{ service: a, subset: v1, weight: 50 }, { service: a, weight: 50 }]\n'),
    });
    assert.equal(cluster(p, CA)['lb_policy'], 'MAGLEV');
    const r = listener(p, 'outbound|8080')['filter_chains'][0].filters[0].typed_config.route_config.virtual_hosts[0].routes[0];
    assert.deepEqual(r.route.hash_policy, [{ connection_properties: { source_ip: true } }, { header: { header_name: 'x-user' } }]);
  });

  test('a TCP service with maglev on the source IP: the hash policy is on its tcp_proxy', () => {
    const ps = build({
      'db.yaml': BASE.svc('db', '  protocol: tcp\n  upstreams: []\n'),
      'c.yaml': BASE.svc('c', '  upstreams: [db]\n'),
      'p.yaml': doc('TrafficPolicy', 'p', '  service: db\n  loadBalancer: { algorithm: maglev, hash: { sourceIP: true } }\n'),
    });
    const tcp = listener(proxy(ps, 'c'), 'outbound|8080')['filter_chains'][0].filters[0].typed_config;
    assert.equal(tcp.cluster, 'outbound|8080||db.default.svc.cluster.local');
    assert.deepEqual(tcp.hash_policy, [{ source_ip: {} }]);
    assert.equal(cluster(proxy(ps, 'c'), 'outbound|8080||db.default.svc.cluster.local')['lb_policy'], 'MAGLEV');
  });

  test('least-request and random; round-robin is Envoy\'s default and not written', () => {
    assert.equal(cluster(clusters({ 'p.yaml': policy('  loadBalancer: { algorithm: least-request }\n') }), CA)['lb_policy'], 'LEAST_REQUEST');
    assert.equal(cluster(clusters({ 'p.yaml': policy('  loadBalancer: { algorithm: random }\n') }), CA)['lb_policy'], 'RANDOM');
    assert.equal(cluster(clusters({ 'p.yaml': policy('  loadBalancer: { algorithm: round-robin }\n') }), CA)['lb_policy'], undefined);
  });

  test('circuit breaker, outlier detection and connect timeout, defaults filled in per section', () => {
    const c = cluster(
      clusters({ 'p.yaml': policy('  connectTimeout: 250ms\n  circuitBreaker: { maxRequests: 10 }\n  outlierDetection: { consecutive5xx: 2 }\n') }),
      CA,
    );
    assert.equal(c['connect_timeout'], '0.25s');
    assert.deepEqual(c['circuit_breakers'], { thresholds: [{ max_connections: 1024, max_pending_requests: 1024, max_requests: 10, max_retries: 3 }] });
    assert.deepEqual(c['outlier_detection'], { consecutive_5xx: 2, interval: '10s', base_ejection_time: '30s', max_ejection_percent: 10 });
  });

  test('health checks: HTTP with the service name as host, TCP', () => {
    const http = cluster(clusters({ 'p.yaml': policy('  healthCheck: { http: { path: /healthz }, interval: 3s, healthyThreshold: 1 }\n') }), CA);
    assert.deepEqual(http['health_checks'], [
      {
        timeout: '1s',
        interval: '3s',
        unhealthy_threshold: 3,
        healthy_threshold: 1,
        http_health_check: { host: 'a.default.svc.cluster.local', path: '/healthz' },
      },
    ]);
    const tcp = cluster(clusters({ 'p.yaml': policy('  healthCheck: { tcp: {} }\n') }), CA);
    assert.deepEqual(tcp['health_checks'][0].tcp_health_check, {});
  });

  test('connection: HttpProtocolOptions with common_http_protocol_options and an explicit HTTP/1.1 config', () => {
    const c = cluster(clusters({ 'p.yaml': policy('  connection: { idleTimeout: 5m, maxRequestsPerConnection: 100 }\n') }), CA);
    assert.deepEqual(c['typed_extension_protocol_options'], {
      'envoy.extensions.upstreams.http.v3.HttpProtocolOptions': {
        '@type': typed('envoy.extensions.upstreams.http.v3.HttpProtocolOptions'),
        common_http_protocol_options: { idle_timeout: '300s', max_requests_per_connection: 100 },
        explicit_http_config: { http_protocol_options: {} },
      },
    });
  });

  test('a subset policy overrides the service policy field by field', () => {
    const p = clusters({
      'p.yaml': policy('  connectTimeout: 2s\n  circuitBreaker: { maxConnections: 50, maxRequests: 60 }\n'),
      'q.yaml': policy('  subset: v1\n  circuitBreaker: { maxRequests: 5 }\n', 'q'),
      'r.yaml': route('    - backends: [{ service: a, subset: v1, weight: 50 }, { service: a, subset: v2, weight: 50 }]\n'),
    });
    assert.equal(cluster(p, V1)['connect_timeout'], '2s');
    assert.deepEqual(cluster(p, V1)['circuit_breakers'].thresholds[0], { max_connections: 50, max_pending_requests: 1024, max_requests: 5, max_retries: 3 });
    assert.deepEqual(cluster(p, V2)['circuit_breakers'].thresholds[0], { max_connections: 50, max_pending_requests: 1024, max_requests: 60, max_retries: 3 });
  });
});

describe('gateways', () => {
  const gw = (listeners: string): string => doc('Gateway', 'public', `  listeners:\n${listeners}`);
  const gwRoute = (hosts: string, rules: string): string => doc('HTTPRoute', 'web', `  gateway: public\n  hosts: ${hosts}\n  rules:\n${rules}`);
  const files = {
    'a.yaml': BASE.svc('a'),
    'db.yaml': BASE.svc('db', '  protocol: tcp\n', 'data').replace('port: 8080', 'port: 5432'),
    'g.yaml': gw(
      [
        '    - { name: https, port: 8443, protocol: https, hosts: [shop.example.com], tls: { certificateChain: /c.pem, privateKey: /k.pem, minVersion: "1.3" } }',
        '    - { name: db, port: 8443, protocol: tls, hosts: [db.example.com], backend: { service: db.data, subset: v2 } }',
        '    - { name: http, port: 8080, protocol: http, hosts: [shop.example.com], redirectToHttps: true }',
        '    - { name: raw, port: 5432, protocol: tcp, backend: { service: db.data } }',
        '',
      ].join('\n'),
    ),
    'r.yaml': gwRoute('[shop.example.com]', '    - backends: [{ service: a, subset: v1 }]\n'),
  };

  test('a gateway proxy gateway-<name> with one listener per port, sorted', () => {
    const p = proxy(build(files), 'gateway-public');
    assert.deepEqual(p.node, { id: 'gateway-public', cluster: 'gateway-public' });
    assert.deepEqual(p.listeners.map((l) => l['name']), ['gateway|5432', 'gateway|8080', 'gateway|8443']);
    assert.deepEqual(listener(p, 'gateway|8443')['address'], { socket_address: { address: '0.0.0.0', port_value: 8443 } });
  });

  test('https: TLS termination with SNI server_names, the certificate from files, the minimum version', () => {
    const l = listener(proxy(build(files), 'gateway-public'), 'gateway|8443');
    assert.equal(l['listener_filters'][0].name, 'envoy.filters.listener.tls_inspector');
    const chain = l['filter_chains'][1];
    assert.equal(chain.name, 'https');
    assert.deepEqual(chain.filter_chain_match, { server_names: ['shop.example.com'] });
    assert.deepEqual(chain.transport_socket.typed_config.common_tls_context, {
      tls_params: { tls_minimum_protocol_version: 'TLSv1_3' },
      tls_certificates: [{ certificate_chain: { filename: '/c.pem' }, private_key: { filename: '/k.pem' } }],
      alpn_protocols: ['h2', 'http/1.1'],
    });
    assert.equal(chain.transport_socket.typed_config.require_client_certificate, undefined);
    const h = chain.filters[0].typed_config;
    assert.equal(h.route_config.name, 'gateway|https');
    assert.deepEqual(h.route_config.virtual_hosts.map((v: J) => [v.name, v.domains]), [['web.default', ['shop.example.com']]]);
    assert.equal(h.route_config.virtual_hosts[0].routes[0].route.cluster, V1);
    assert.equal(h.use_remote_address, true);
    assert.equal(h.strip_any_host_port, true);
  });

  test('tls passthrough: SNI chain with tcp_proxy to the TCP cluster', () => {
    const chain = listener(proxy(build(files), 'gateway-public'), 'gateway|8443')['filter_chains'][0]; // chains sorted by listener name: db, https
    assert.deepEqual(chain, {
      name: 'db',
      filter_chain_match: { server_names: ['db.example.com'] },
      filters: [
        {
          name: 'envoy.filters.network.tcp_proxy',
          typed_config: {
            '@type': typed('envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy'),
            stat_prefix: 'gateway_db',
            cluster: 'outbound|5432|v2|db.data.svc.cluster.local',
          },
        },
      ],
    });
  });

  test('tcp: a plain tcp_proxy chain, no TLS inspector', () => {
    const l = listener(proxy(build(files), 'gateway-public'), 'gateway|5432');
    assert.equal(l['listener_filters'], undefined);
    assert.equal(l['filter_chains'][0].filters[0].typed_config.cluster, 'outbound|5432||db.data.svc.cluster.local');
  });

  test('redirectToHttps: every request gets a 301 to https', () => {
    const h = listener(proxy(build(files), 'gateway-public'), 'gateway|8080')['filter_chains'][0].filters[0].typed_config;
    assert.deepEqual(h.route_config.virtual_hosts, [
      {
        name: 'redirect-to-https',
        domains: ['shop.example.com'],
        routes: [{ name: 'redirect-to-https', match: { prefix: '/' }, redirect: { https_redirect: true, response_code: 'MOVED_PERMANENTLY' } }],
      },
    ]);
  });

  test('the gateway reaches services with mesh mTLS, verifying the upstream identity', () => {
    const p = proxy(build(files), 'gateway-public');
    const tls = cluster(p, V1)['transport_socket'].typed_config;
    assert.equal(tls.sni, 'a.default.svc.cluster.local');
    assert.deepEqual(tls.common_tls_context.combined_validation_context.default_validation_context.match_typed_subject_alt_names, [
      { san_type: 'URI', matcher: { exact: 'spiffe://cluster.local/ns/default/sa/a' } },
    ]);
    assert.deepEqual(p.bootstrapClusters.map((c) => c['name']), ['sds-agent']);
  });

  test('an SDS certificate needs the SDS agent even with mTLS disabled', () => {
    const ps = build({
      'a.yaml': BASE.svc('a'),
      'm.yaml': doc('Mesh', 'm', '  mtls: { mode: disabled }\n'),
      'g.yaml': gw('    - { name: https, port: 443, protocol: https, tls: { sds: { secret: shop } } }\n'),
      'r.yaml': gwRoute('[shop.example.com]', '    - backends: [{ service: a }]\n'),
    });
    const p = proxy(ps, 'gateway-public');
    assert.deepEqual(p.bootstrapClusters.map((c) => c['name']), ['sds-agent']);
    const chain = listener(p, 'gateway|443')['filter_chains'][0];
    assert.equal(chain.filter_chain_match, undefined);
    assert.equal(chain.transport_socket.typed_config.common_tls_context.tls_certificate_sds_secret_configs[0].name, 'shop');
    assert.equal(proxy(ps, 'a').bootstrapClusters.length, 0);
  });

  test('a listener whose hosts include "*" serves any host: no server_names, whatever else it lists', () => {
    const ps = build({
      'a.yaml': BASE.svc('a'),
      'db.yaml': BASE.svc('db', '  protocol: tcp\n', 'data').replace('port: 8080', 'port: 5432'),
      'g.yaml': gw(
        [
          '    - { name: https, port: 8443, protocol: https, hosts: ["*", shop.example.com], tls: { sds: { secret: shop } } }',
          '    - { name: db, port: 8443, protocol: tls, hosts: [db.example.com], backend: { service: db.data } }',
          '    - { name: ledger, port: 9443, protocol: tls, hosts: [ledger.example.com, "*"], backend: { service: db.data } }',
          '',
        ].join('\n'),
      ),
      'r.yaml': gwRoute('[api.example.com]', '    - backends: [{ service: a }]\n'),
    });
    const p = proxy(ps, 'gateway-public');
    const chains = (port: number): J[] => listener(p, `gateway|${port}`)['filter_chains'];
    assert.deepEqual(chains(8443).map((c) => [c.name, c.filter_chain_match]), [['db', { server_names: ['db.example.com'] }], ['https', undefined]]);
    assert.deepEqual(chains(9443).map((c) => [c.name, c.filter_chain_match]), [['ledger', undefined]]);
  });
});
