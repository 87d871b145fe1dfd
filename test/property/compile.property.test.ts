/**
 * Property: for any input of the language's shape — valid or subtly not —
 * the compiler either reports coded diagnostics or produces output that
 * passed the Envoy API check. Never an exception (MESH9xxx) and never output
 * that Envoy would reject (MESH5001).
 *
 * `npm test` runs FUZZ_RUNS (default 200) cases; `npm run fuzz` runs thousands.
 * A failure prints the seed and the shrunk input; replay it with
 * FUZZ_SEED=<seed> FUZZ_PATH=<path>.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { compile } from '../../src/compile.js';
import type { ProxyConfig } from '../../src/lower/index.js';
import { assertXdsEquivalent } from '../helpers/xds.js';

const NAMES = ['web', 'api', 'db', 'reviews', 'ratings'];
const NAMESPACES = ['default', 'shop'];
const PORTS = [80, 443, 5432, 8080, 9080, 15006, 9901];
const LABELS = ['v1', 'v2', 'v3'];
const DURATIONS = ['0s', '1ms', '250ms', '1.5s', '2m', '1h', '10s'];
const PATH_STRINGS = ['/', '/api', '/api/v1', '/x y', ''];
const REGEXES = ['^/api/.*', '^/(?!admin).*', '[a-z]+', '(a+)+$', '\\d{1,3}', '(?P<id>[0-9]+)', '(', 'a{1000}'];
const HEADER_NAMES = ['x-user', 'end-user', 'X-Up', ':method', 'content-type'];

const ref = fc.oneof(
  fc.constantFrom(...NAMES),
  fc.tuple(fc.constantFrom(...NAMES), fc.constantFrom(...NAMESPACES)).map(([n, ns]) => `${n}.${ns}`),
  fc.constant('unknown'),
);

const stringMatch = fc.oneof(
  fc.record({ exact: fc.constantFrom('jason', '1', '', 'a\r\nb') }),
  fc.record({ prefix: fc.constantFrom('adm', 'b') }),
  fc.record({ suffix: fc.constantFrom('.com') }),
  fc.record({ regex: fc.constantFrom(...REGEXES) }),
  fc.record({ present: fc.constant(true) }),
  fc.record({ exact: fc.constant('x'), prefix: fc.constant('y') }),
);

const match = fc.record(
  {
    path: fc.oneof(
      fc.record({ prefix: fc.constantFrom(...PATH_STRINGS) }),
      fc.record({ exact: fc.constantFrom(...PATH_STRINGS) }),
      fc.record({ regex: fc.constantFrom(...REGEXES) }),
    ),
    method: fc.constantFrom('GET', 'POST', 'get'),
    headers: fc.dictionary(fc.constantFrom(...HEADER_NAMES), stringMatch, { maxKeys: 2 }),
    query: fc.dictionary(fc.constantFrom('debug', 'q'), stringMatch, { maxKeys: 1 }),
  },
  { requiredKeys: [] },
);

const backend = fc.record(
  { service: ref, subset: fc.constantFrom(...LABELS), weight: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constantFrom(33.3, 0.5, 99.5, 150)) },
  { requiredKeys: ['service'] },
);

const retries = fc.record(
  {
    attempts: fc.integer({ min: 0, max: 5 }),
    perTryTimeout: fc.constantFrom(...DURATIONS),
    on: fc.subarray(['5xx', 'reset', 'connect-failure', 'gateway-error', 'unavailable'], { minLength: 1 }),
    backoff: fc.record({ base: fc.constantFrom(...DURATIONS), max: fc.constantFrom(...DURATIONS) }, { requiredKeys: ['base'] }),
  },
  { requiredKeys: [] },
);

const rule = fc.record(
  {
    name: fc.constantFrom('a', 'b', 'default', 'Bad_Name'),
    match: fc.array(match, { maxLength: 2 }),
    backends: fc.array(backend, { minLength: 1, maxLength: 3 }),
    timeout: fc.constantFrom(...DURATIONS),
    retries,
  },
  { requiredKeys: [] },
);

const endpoint = fc.record(
  {
    address: fc.constantFrom('10.0.0.1', '10.0.0.2', 'fd00::1', '300.1.1.1'),
    labels: fc.record({ version: fc.constantFrom(...LABELS) }),
    zone: fc.constantFrom('a', 'b'),
    weight: fc.integer({ min: 1, max: 5 }),
  },
  { requiredKeys: ['address'] },
);

const serviceSpec = fc.record(
  {
    protocol: fc.constantFrom('http', 'http2', 'grpc', 'tcp'),
    port: fc.constantFrom(...PORTS),
    targetPort: fc.constantFrom(3000, 8080, 9080),
    identity: fc.constantFrom('sa-a', 'web'),
    endpoints: fc.array(endpoint, { minLength: 1, maxLength: 3 }),
    dns: fc.constantFrom('svc.example.com', 'db.internal'),
    subsets: fc.dictionary(fc.constantFrom(...LABELS), fc.record({ version: fc.constantFrom(...LABELS) }), { maxKeys: 3 }),
    upstreams: fc.array(ref, { maxLength: 3 }),
    external: fc.boolean(),
    tls: fc.record({ sni: fc.constantFrom('api.example.com') }, { requiredKeys: [] }),
  },
  { requiredKeys: ['port'] },
);

const meta = fc.record({ name: fc.constantFrom(...NAMES), namespace: fc.constantFrom(...NAMESPACES) }, { requiredKeys: ['name'] });

const gatewayRef = fc.constantFrom('public', 'edge', 'public.shop');

const trafficPolicySpec = fc.record(
  {
    service: ref,
    subset: fc.constantFrom(...LABELS),
    connectTimeout: fc.constantFrom(...DURATIONS),
    loadBalancer: fc.record(
      {
        algorithm: fc.constantFrom('round-robin', 'least-request', 'random', 'ring-hash', 'maglev'),
        hash: fc.oneof(
          fc.record({ header: fc.constantFrom('x-user', 'X-Bad') }),
          fc.record({ cookie: fc.record({ name: fc.constant('sid'), ttl: fc.constantFrom(...DURATIONS) }, { requiredKeys: ['name'] }) }),
          fc.record({ sourceIP: fc.constant(true) }),
        ),
      },
      { requiredKeys: [] },
    ),
    circuitBreaker: fc.record({ maxConnections: fc.integer({ min: 0, max: 2000 }), maxRetries: fc.integer({ min: 0, max: 5 }) }, { requiredKeys: [] }),
    outlierDetection: fc.record(
      { consecutive5xx: fc.integer({ min: 0, max: 10 }), interval: fc.constantFrom(...DURATIONS), maxEjectionPercent: fc.integer({ min: 0, max: 100 }) },
      { requiredKeys: [] },
    ),
    healthCheck: fc.record(
      {
        http: fc.record({ path: fc.constantFrom('/healthz', '/') }, { requiredKeys: [] }),
        tcp: fc.constant({}),
        interval: fc.constantFrom(...DURATIONS),
        timeout: fc.constantFrom(...DURATIONS),
      },
      { requiredKeys: [] },
    ),
    connection: fc.record({ idleTimeout: fc.constantFrom(...DURATIONS), maxRequestsPerConnection: fc.integer({ min: 1, max: 1000 }) }, { requiredKeys: [] }),
  },
  { requiredKeys: ['service'] },
);

const authorizationSpec = fc.record(
  {
    service: ref,
    gateway: gatewayRef,
    action: fc.constantFrom('allow', 'deny'),
    rules: fc.array(
      fc.record(
        {
          from: fc.array(
            fc.oneof(
              fc.record({ service: ref }),
              fc.record({ identity: fc.constantFrom('spiffe://cluster.local/ns/ops/sa/prober') }),
              fc.record({ namespace: fc.constantFrom(...NAMESPACES) }),
              fc.record({ ipBlock: fc.constantFrom('10.0.0.0/8', '192.168.1.1') }),
            ),
            { minLength: 1, maxLength: 2 },
          ),
          to: fc.array(
            fc.record(
              { methods: fc.subarray(['GET', 'POST'], { minLength: 1 }), paths: fc.subarray(['/a', '/b/*', '*.json', '*'], { minLength: 1 }), ports: fc.subarray([80, 8080, 9080], { minLength: 1 }) },
              { requiredKeys: [] },
            ),
            { minLength: 1, maxLength: 2 },
          ),
          when: fc.array(
            fc.oneof(
              fc.record({ header: fc.constant('x-tenant'), values: fc.constant(['acme']) }),
              fc.record({ claim: fc.constant('groups'), values: fc.constant(['admin']) }),
            ),
            { minLength: 1, maxLength: 2 },
          ),
        },
        { requiredKeys: [] },
      ),
      { maxLength: 2 },
    ),
  },
  { requiredKeys: [] },
);

const requestAuthenticationSpec = fc.record(
  {
    service: ref,
    gateway: gatewayRef,
    providers: fc.array(
      fc.record(
        {
          name: fc.constantFrom('idp', 'auth0'),
          issuer: fc.constant('https://idp.example.org/'),
          audiences: fc.constant(['api']),
          jwks: fc.oneof(
            fc.record({ uri: fc.constantFrom('https://idp.example.org/jwks.json', 'http://idp:8080/keys') }),
            fc.record({ file: fc.constant('/etc/jwks.json') }),
            fc.record({ inline: fc.constant('{"keys":[]}') }),
          ),
          forwardClaims: fc.constant({ sub: 'x-user-id' }),
        },
        { requiredKeys: ['name', 'issuer', 'jwks'] },
      ),
      { minLength: 1, maxLength: 2 },
    ),
    requireToken: fc.boolean(),
  },
  { requiredKeys: ['providers'] },
);

const gatewaySpec = fc.record({
  listeners: fc.array(
    fc.record(
      {
        name: fc.constantFrom('http', 'https', 'tls', 'tcp'),
        port: fc.constantFrom(8080, 8443, 9000, 15006, 9901, 15090),
        protocol: fc.constantFrom('http', 'https', 'tls', 'tcp'),
        hosts: fc.constantFrom(['shop.example.com'], ['*.example.com'], ['*']),
        tls: fc.oneof(
          fc.record({ certificateChain: fc.constant('/c.pem'), privateKey: fc.constant('/k.pem') }),
          fc.record({ sds: fc.record({ secret: fc.constant('cert') }) }),
        ),
        redirectToHttps: fc.boolean(),
        backend: fc.record({ service: ref, subset: fc.constantFrom(...LABELS) }, { requiredKeys: ['service'] }),
      },
      { requiredKeys: ['name', 'port', 'protocol'] },
    ),
    { minLength: 1, maxLength: 3 },
  ),
});

const gatewayRoute = fc.record({
  gateway: gatewayRef,
  hosts: fc.constantFrom(['shop.example.com'], ['api.example.com']),
  rules: fc.array(rule, { minLength: 1, maxLength: 2 }),
});

const doc = fc.oneof(
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('TrafficPolicy'), metadata: meta, spec: trafficPolicySpec }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('AuthorizationPolicy'), metadata: meta, spec: authorizationSpec }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('RequestAuthentication'), metadata: meta, spec: requestAuthenticationSpec }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('Gateway'), metadata: fc.record({ name: fc.constantFrom('public', 'edge'), namespace: fc.constantFrom(...NAMESPACES) }, { requiredKeys: ['name'] }), spec: gatewaySpec }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('HTTPRoute'), metadata: meta, spec: gatewayRoute }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('Service'), metadata: meta, spec: serviceSpec }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('HTTPRoute'), metadata: meta, spec: fc.record({ service: ref, rules: fc.array(rule, { minLength: 1, maxLength: 3 }) }) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('TrafficSplit'),
      metadata: meta,
      spec: fc.record({
        service: ref,
        backends: fc.array(
          fc.record({ service: ref, subset: fc.constantFrom(...LABELS), weight: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constant(50)) }, { requiredKeys: ['weight'] }),
          { minLength: 1, maxLength: 3 },
        ),
      }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('Mesh'),
      metadata: fc.record({ name: fc.constant('m') }),
      spec: fc.record(
        {
          trustDomain: fc.constantFrom('cluster.local', 'example.org'),
          mtls: fc.record({ mode: fc.constantFrom('strict', 'permissive', 'disabled') }),
          certificates: fc.oneof(
            fc.record({ sds: fc.record({ socket: fc.constant('/run/agent.sock') }) }),
            fc.record({ files: fc.record({ certificateChain: fc.constant('/c.pem'), privateKey: fc.constant('/k.pem'), trustedCA: fc.constant('/ca.pem') }) }),
          ),
          proxy: fc.record({ inboundPort: fc.constantFrom(15006, 16000), outboundAddress: fc.constantFrom('127.0.0.1', '127.0.0.2') }, { requiredKeys: [] }),
          defaults: fc.record({ timeout: fc.constantFrom(...DURATIONS), connectTimeout: fc.constantFrom(...DURATIONS), retries }, { requiredKeys: [] }),
          observability: fc.record({ metrics: fc.record({ prometheus: fc.record({ port: fc.constantFrom(15090, 8080, 9901) }, { requiredKeys: [] }) }) }),
        },
        { requiredKeys: [] },
      ),
    }),
  },
);

const mesh = fc.array(doc, { minLength: 1, maxLength: 8 });

/** Gateway listener ports. The admin (9901) and Prometheus (15090, 15020) ports are never among them; 9000 and 15006 are sidecar ports, free on a gateway. */
const GW_PORTS = [80, 443, 8080, 8443, 9000, 9443, 15001, 15006];
const GW_HOSTS = ['shop.example.com', 'api.example.com', '*.example.com', 'ledger.example.org', '*'];
const gwHosts = fc.option(fc.subarray(GW_HOSTS, { minLength: 1, maxLength: 3 }), { freq: 3 });

const gatewayListenerGen = fc.record({
  protocol: fc.constantFrom('http', 'https', 'https', 'tls', 'tcp'),
  // Often 8443, so that https and tls listeners share a port (chosen by SNI).
  port: fc.oneof(fc.constant(8443), fc.constantFrom(...GW_PORTS)),
  hosts: gwHosts,
  certificate: fc.constantFrom('files', 'sds'),
  minVersion: fc.option(fc.constantFrom('1.0', '1.1', '1.2', '1.3')),
  redirectToHttps: fc.option(fc.boolean()),
  backend: fc.nat({ max: 5 }),
  subset: fc.option(fc.constantFrom('v1', 'v2')),
});

const gatewayRuleGen = fc.record({
  match: fc.option(match, { freq: 2 }),
  backends: fc.array(fc.record({ service: fc.nat({ max: 5 }), subset: fc.option(fc.constantFrom('v1', 'v2')), short: fc.boolean() }), { minLength: 1, maxLength: 2 }),
  weight: fc.integer({ min: 0, max: 100 }),
  // One rule in six redirects.
  redirect: fc.oneof(
    { weight: 5, arbitrary: fc.constant(null) },
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.constant({ scheme: 'https' }),
        fc.record({ host: fc.constant('www.example.com'), status: fc.constantFrom(301, 302, 303, 307, 308) }),
        fc.record({ path: fc.constant('/moved'), port: fc.constant(8443) }, { requiredKeys: ['path'] }),
      ),
    },
  ),
  timeout: fc.option(fc.constantFrom('0s', '3s', '1m')),
  retries: fc.option(retries),
  feature: fc.constantFrom('none', 'none', 'none', 'headers', 'fault', 'rateLimit', 'cors', 'mirror', 'rewrite'),
});

const gatewayGen = fc.record({
  namespace: fc.constantFrom(...NAMESPACES),
  listeners: fc.array(gatewayListenerGen, { minLength: 1, maxLength: 4 }),
  routes: fc.array(fc.record({ namespace: fc.constantFrom(...NAMESPACES), hosts: gwHosts, rules: fc.array(gatewayRuleGen, { minLength: 1, maxLength: 3 }) }), {
    maxLength: 3,
  }),
  authz: fc.array(
    fc.record({
      namespace: fc.constantFrom(...NAMESPACES),
      action: fc.constantFrom('allow', 'deny'),
      ipBlock: fc.option(fc.constantFrom('10.0.0.0/8', '192.0.2.7', 'fd00::/8')),
      methods: fc.option(fc.subarray(['GET', 'POST', 'DELETE'], { minLength: 1 })),
      paths: fc.option(fc.subarray(['/admin', '/api/*', '*.json', '*'], { minLength: 1 })),
      port: fc.boolean(),
      header: fc.boolean(),
      claim: fc.boolean(),
    }),
    { maxLength: 2 },
  ),
  jwt: fc.option(
    fc.record({
      namespace: fc.constantFrom(...NAMESPACES),
      jwks: fc.constantFrom('file', 'inline', 'uri', 'uri-ip'),
      requireToken: fc.option(fc.boolean()),
      audiences: fc.boolean(),
      forwardClaims: fc.boolean(),
    }),
  ),
});
type GatewayGen = typeof gatewayGen extends fc.Arbitrary<infer T> ? T : never;

/**
 * Well-formed meshes: unique names and ports, apps on 3000, subsets that
 * select endpoints, weights that add up, references that resolve; with
 * TrafficSplits, mesh HTTPRoutes, TrafficPolicies, ipBlock RBAC, JWT, an
 * optional access log, tracing and Prometheus listener, and up to two
 * Gateways (see `gatewayDocs`). Every one must compile (warnings allowed), so
 * that lowering and verification are exercised on varied input, not only the
 * error paths.
 */
const wellFormed = fc
  .record({
    count: fc.integer({ min: 1, max: 6 }),
    namespaces: fc.array(fc.constantFrom(...NAMESPACES), { minLength: 6, maxLength: 6 }),
    protocols: fc.array(fc.constantFrom('http', 'http', 'http2', 'grpc', 'tcp'), { minLength: 6, maxLength: 6 }),
    dns: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
    upstreams: fc.array(fc.option(fc.subarray([0, 1, 2, 3, 4, 5])), { minLength: 6, maxLength: 6 }),
    splits: fc.array(fc.option(fc.integer({ min: 0, max: 100 })), { minLength: 6, maxLength: 6 }),
    routes: fc.array(fc.option(fc.array(fc.tuple(fc.option(match), fc.integer({ min: 0, max: 100 }), retries), { minLength: 1, maxLength: 3 })), {
      minLength: 6,
      maxLength: 6,
    }),
    mtls: fc.constantFrom('strict', 'permissive', 'disabled'),
    files: fc.boolean(),
    policies: fc.array(
      fc.option(
        fc.record({
          algorithm: fc.constantFrom('round-robin', 'least-request', 'random', 'ring-hash', 'maglev'),
          maxConnections: fc.integer({ min: 1, max: 4096 }),
          health: fc.constantFrom('http', 'tcp', 'none'),
          idle: fc.constantFrom('30s', '1h'),
        }),
      ),
      { minLength: 6, maxLength: 6 },
    ),
    authz: fc.array(fc.option(fc.record({ action: fc.constantFrom('allow', 'deny'), method: fc.constantFrom('GET', 'POST') })), {
      minLength: 6,
      maxLength: 6,
    }),
    jwt: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
    observability: fc.option(
      fc.record(
        {
          accessLog: fc.record({ format: fc.constantFrom('json', 'text') }, { requiredKeys: [] }),
          tracing: fc.record({ provider: fc.constantFrom('opentelemetry', 'zipkin'), samplingPercent: fc.constantFrom(0.5, 5, 100) }, { requiredKeys: [] }),
          prometheus: fc.record({ port: fc.constantFrom(15090, 15020) }, { requiredKeys: [] }),
        },
        { requiredKeys: [] },
      ),
      { freq: 2 },
    ),
    gateways: fc.array(gatewayGen, { maxLength: 2 }),
  })
  .map((m) => {
    const docs: Record<string, unknown>[] = [];
    const name = (i: number): string => `s${i}`;
    const qualified = (i: number): string => `${name(i)}.${m.namespaces[i]}`;
    docs.push({
      kind: 'Mesh',
      metadata: { name: 'm' },
      spec: {
        mtls: { mode: m.mtls },
        certificates: m.files
          ? { files: { certificateChain: '/c.pem', privateKey: '/k.pem', trustedCA: '/ca.pem' } }
          : { sds: { socket: '/run/agent.sock' } },
        ...(m.observability ? { observability: observabilitySpec(m.observability) } : {}),
      },
    });
    for (let i = 0; i < m.count; i++) {
      const http = m.protocols[i] !== 'tcp';
      const useDns = m.dns[i] === true;
      docs.push({
        kind: 'Service',
        metadata: { name: name(i), namespace: m.namespaces[i] },
        spec: {
          protocol: m.protocols[i],
          port: 9000 + i,
          targetPort: 3000,
          ...(useDns
            ? { dns: `${name(i)}.example.com` }
            : {
                endpoints: [
                  { address: `10.0.${i}.1`, labels: { version: 'v1' }, zone: 'a' },
                  { address: `10.0.${i}.2`, labels: { version: 'v2' }, zone: 'b', weight: 2 },
                ],
                subsets: { v1: { version: 'v1' }, v2: { version: 'v2' } },
              }),
          ...(m.upstreams[i] ? { upstreams: m.upstreams[i]!.filter((j) => j < m.count && j !== i).map(qualified) } : {}),
        },
      });
      const split = m.splits[i];
      if (split !== null && split !== undefined && !useDns) {
        docs.push({
          kind: 'TrafficSplit',
          metadata: { name: name(i), namespace: m.namespaces[i] },
          spec: { service: name(i), backends: [{ subset: 'v1', weight: split }, { subset: 'v2', weight: 100 - split }] },
        });
      }
      const policy = m.policies[i];
      if (policy) {
        const hashing = policy.algorithm === 'ring-hash' || policy.algorithm === 'maglev';
        docs.push({
          kind: 'TrafficPolicy',
          metadata: { name: name(i), namespace: m.namespaces[i] },
          spec: {
            service: name(i),
            loadBalancer: { algorithm: policy.algorithm, ...(hashing ? { hash: http ? { header: 'x-user' } : { sourceIP: true } } : {}) },
            circuitBreaker: { maxConnections: policy.maxConnections },
            outlierDetection: { consecutive5xx: 5, interval: '10s' },
            ...(policy.health === 'none'
              ? {}
              : { healthCheck: { ...(policy.health === 'http' && http ? { http: { path: '/healthz' } } : { tcp: {} }), interval: '5s', timeout: '1s' } }),
            ...(http ? { connection: { idleTimeout: policy.idle, maxRequestsPerConnection: 100 } } : {}),
          },
        });
      }
      const authz = m.authz[i];
      if (authz) {
        // ipBlock and methods are valid whatever the mTLS mode (identities would need mTLS).
        docs.push({
          kind: 'AuthorizationPolicy',
          metadata: { name: `${name(i)}-authz`, namespace: m.namespaces[i] },
          spec: {
            service: name(i),
            action: authz.action,
            rules: [{ from: [{ ipBlock: '10.0.0.0/8' }], ...(http ? { to: [{ methods: [authz.method] }] } : {}) }],
          },
        });
      }
      if (m.jwt[i] && http) {
        docs.push({
          kind: 'RequestAuthentication',
          metadata: { name: `${name(i)}-jwt`, namespace: m.namespaces[i] },
          spec: {
            service: name(i),
            providers: [{ name: 'idp', issuer: 'https://idp.example.org/', jwks: { file: '/etc/jwks.json' }, forwardClaims: { sub: 'x-user-id' } }],
            requireToken: i % 2 === 0,
          },
        });
      }
      const rules = m.routes[i];
      if (rules && http && !useDns) {
        docs.push({
          kind: 'HTTPRoute',
          metadata: { name: name(i), namespace: m.namespaces[i] },
          spec: {
            service: name(i),
            rules: rules.map(([mt, w, r], k) => {
              const last = k === rules.length - 1;
              const safeMatch = mt && !last ? sanitize(mt, okValue) : undefined;
              return {
                name: `r${k}`,
                ...(safeMatch ? { match: [safeMatch] } : {}),
                backends: [
                  { service: name(i), subset: 'v1', weight: w },
                  { service: name(i), subset: 'v2', weight: 100 - w },
                ],
                timeout: '3s',
                retries: sanitizeRetries(r),
              };
            }).filter((rule, k, all) => k === all.length - 1 || rule.match !== undefined),
          },
        });
      }
    }
    const services: GenService[] = [];
    for (let i = 0; i < m.count; i++) {
      services.push({ name: name(i), namespace: m.namespaces[i]!, tcp: m.protocols[i] === 'tcp', subsets: m.dns[i] !== true });
    }
    const prometheus = m.observability?.prometheus;
    const reserved = [9901, ...(prometheus ? [prometheus.port ?? 15090] : [])];
    docs.push(...gatewayDocs(m.gateways, services, reserved));
    return docs;
  });

/** A generated service, as the gateway generator needs it. */
interface GenService {
  readonly name: string;
  readonly namespace: string;
  readonly tcp: boolean;
  /** Whether it has the subsets v1 and v2 (services found by DNS have none). */
  readonly subsets: boolean;
}

/** Mesh observability from its generated parts; tracing goes to a collector outside the mesh. */
function observabilitySpec(o: {
  accessLog?: { format?: string };
  tracing?: { provider?: string; samplingPercent?: number };
  prometheus?: { port?: number };
}): Record<string, unknown> {
  return {
    ...(o.accessLog ? { accessLog: o.accessLog } : {}),
    ...(o.tracing ? { tracing: { ...o.tracing, collector: o.tracing.provider === 'zipkin' ? 'zipkin.example.org:9411' : '192.0.2.10:4317' } } : {}),
    ...(o.prometheus ? { metrics: { prometheus: o.prometheus } } : {}),
  };
}

/**
 * Whether a host pattern covers a host or a narrower pattern (docs/language.md:
 * `*` covers everything, `*.example.com` one or more labels under it). Written
 * here rather than imported, so that the generator does not share the
 * compiler's mistakes.
 */
function covers(pattern: string, host: string): boolean {
  if (pattern === '*' || pattern === host) return true;
  return pattern.startsWith('*.') && host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1;
}

/** The hosts one route host answers on a listener: itself if the listener serves it, else the listener's hosts it covers. */
function answers(listenerHosts: readonly string[] | undefined, routeHost: string): string[] {
  const hosts = listenerHosts ?? ['*'];
  return hosts.some((l) => covers(l, routeHost)) ? [routeHost] : hosts.filter((l) => covers(routeHost, l));
}

/** `name` when the target is in the referring namespace (and `short` asks for it), else `name.namespace`. */
function refTo(target: { readonly name: string; readonly namespace: string }, from: string, short: boolean): string {
  return short && target.namespace === from ? target.name : `${target.name}.${target.namespace}`;
}

/** A JWKS of the right shape (the key itself is made up: meshc passes the text through). */
const JWKS_INLINE = JSON.stringify({ keys: [{ kty: 'RSA', kid: 'k1', alg: 'RS256', use: 'sig', n: 'meshc-property-test-not-a-real-key', e: 'AQAB' }] });

/**
 * Gateways that satisfy every rule by construction (docs/language.md,
 * Gateway and HTTPRoute; src/check/rules/Gateway*.ts): unique listener
 * names; http and tcp listeners alone on their port, https and tls ones
 * sharing a port only with other https/tls listeners and never a host;
 * certificates on https, backends (tcp services) on tls and tcp, hosts not
 * on tcp, redirectToHttps only on http; HTTPRoutes whose every host some
 * listener that takes routes serves, no host of a listener routed by two of
 * them, rules that forward to HTTP services or redirect, and no rule after a
 * catch-all; AuthorizationPolicies with ipBlock sources only (edge clients
 * have no mesh identity) and claims only with a RequestAuthentication on the
 * same gateway.
 */
function gatewayDocs(gens: readonly GatewayGen[], services: readonly GenService[], reserved: readonly number[]): Record<string, unknown>[] {
  const docs: Record<string, unknown>[] = [];
  const http = services.filter((s) => !s.tcp);
  const tcp = services.filter((s) => s.tcp);
  gens.forEach((g, gi) => {
    // Two gateways in different namespaces share a name: references and proxy names must tell them apart by namespace.
    const shared = gens.length === 2 && gens[0]!.namespace !== gens[1]!.namespace;
    const gw = { name: shared ? 'edge' : `gw${gi}`, namespace: g.namespace };
    const id = `gw${gi}`;
    interface Placed {
      readonly port: number;
      readonly protocol: string;
      readonly hosts: readonly string[] | undefined;
      readonly routes: boolean;
    }
    const placed: Placed[] = [];
    const listeners = g.listeners.map((l, k) => {
      let protocol = l.protocol;
      if ((protocol === 'tls' || protocol === 'tcp') && tcp.length === 0) protocol = protocol === 'tls' ? 'https' : 'http';
      const hosts = protocol === 'tcp' || l.hosts === null ? undefined : l.hosts;
      const mine = hosts ?? ['*'];
      const alone = protocol === 'http' || protocol === 'tcp';
      const fits = (port: number): boolean => {
        if (reserved.includes(port)) return false;
        const there = placed.filter((p) => p.port === port);
        return (
          there.length === 0 ||
          (!alone && there.every((p) => (p.protocol === 'https' || p.protocol === 'tls') && !(p.hosts ?? ['*']).some((h) => mine.includes(h))))
        );
      };
      const port = [l.port, ...GW_PORTS].find(fits)!;
      const name = `${protocol}${k}`;
      const redirect = protocol === 'http' && l.redirectToHttps === true;
      placed.push({ port, protocol, hosts, routes: protocol === 'https' || (protocol === 'http' && !redirect) });
      const backend = tcp[l.backend % Math.max(tcp.length, 1)];
      return {
        name,
        port,
        protocol,
        ...(hosts ? { hosts } : {}),
        ...(protocol === 'https'
          ? {
              tls: {
                ...(l.certificate === 'files' ? { certificateChain: `/etc/gw/${name}.pem`, privateKey: `/etc/gw/${name}.key` } : { sds: { secret: `${gw.name}-${name}` } }),
                ...(l.minVersion ? { minVersion: l.minVersion } : {}),
              },
            }
          : {}),
        ...(protocol === 'http' && l.redirectToHttps !== null ? { redirectToHttps: l.redirectToHttps } : {}),
        ...((protocol === 'tls' || protocol === 'tcp') && backend
          ? { backend: { service: refTo(backend, gw.namespace, k % 2 === 0), ...(backend.subsets && l.subset ? { subset: l.subset } : {}) } }
          : {}),
      };
    });
    docs.push({ kind: 'Gateway', metadata: { name: gw.name, namespace: gw.namespace }, spec: { listeners } });

    // Routes: keep each host that a listener taking routes serves and no earlier route has there.
    const taken = new Set<string>();
    g.routes.forEach((r, k) => {
      const keep: string[] = [];
      const keys: string[] = [];
      for (const host of r.hosts ?? ['*']) {
        const mine = placed.flatMap((p, i) => (p.routes ? answers(p.hosts, host).map((h) => `${i}|${h}`) : []));
        if (mine.length === 0 || mine.some((key) => taken.has(key))) continue;
        keep.push(host);
        keys.push(...mine);
      }
      if (keep.length === 0) return;
      for (const key of keys) taken.add(key);
      const ns = r.namespace;
      const rules = r.rules
        .map((rule, j) => {
          const safeMatch = rule.match ? sanitize(rule.match, okValue) : undefined;
          const redirect = rule.redirect ?? (http.length === 0 ? { scheme: 'https' } : null);
          const backends = (redirect ? [] : rule.backends).map((b) => {
            const s = http[b.service % http.length]!;
            return { service: refTo(s, ns, b.short), ...(s.subsets && b.subset ? { subset: b.subset } : {}) };
          });
          const weighted =
            backends.length < 2
              ? backends.map((b) => ({ ...b, ...(rule.weight % 2 === 0 ? { weight: 100 } : {}) }))
              : [
                  { ...backends[0]!, weight: rule.weight },
                  { ...backends[1]!, weight: 100 - rule.weight },
                ];
          const prefix = (safeMatch?.['path'] as Record<string, string> | undefined)?.['prefix'];
          const mirrorTo = http[(rule.weight + j) % Math.max(http.length, 1)];
          // Forwarding-only fields (timeout, retries, mirror, rewrite, request headers) go on forwarding rules only.
          const feature: Record<string, unknown> =
            rule.feature === 'headers'
              ? {
                  headers: {
                    ...(redirect ? {} : { request: { set: { 'x-gateway': gw.name }, remove: ['x-internal'] } }),
                    response: { add: { 'x-served-by': id } },
                  },
                }
              : rule.feature === 'fault'
                ? { fault: rule.weight % 2 === 0 ? { abort: { status: 503, percent: 0.5 } } : { delay: { fixed: '100ms', percent: 10 } } }
                : rule.feature === 'rateLimit'
                  ? { rateLimit: { requests: 1 + rule.weight, per: rule.weight % 2 === 0 ? '1s' : '50ms' } }
                  : rule.feature === 'cors'
                    ? { cors: { allowOrigins: ['https://shop.example.com', '*.example.com'], allowMethods: ['GET', 'POST'], maxAge: '1h', allowCredentials: true } }
                    : rule.feature === 'mirror' && !redirect && mirrorTo
                      ? { mirror: { service: refTo(mirrorTo, ns, true), ...(mirrorTo.subsets ? { subset: 'v2' } : {}), percent: 10 } }
                      : rule.feature === 'rewrite' && !redirect
                        ? {
                            rewrite:
                              prefix !== undefined
                                ? { path: { prefix: '/v2/' } }
                                : rule.weight % 2 === 0
                                  ? { host: 'internal.example.com' }
                                  : { path: { regex: '^/api/(.*)$', substitution: '/v2/\\1' } },
                          }
                        : {};
          return {
            name: `r${j}`,
            ...(safeMatch ? { match: [safeMatch] } : {}),
            ...(redirect ? { redirect } : { backends: weighted }),
            ...(rule.timeout && !redirect ? { timeout: rule.timeout } : {}),
            ...(rule.retries && !redirect ? { retries: sanitizeRetries(rule.retries) } : {}),
            ...feature,
          };
        })
        .filter((rule, j, all) => j === all.length - 1 || rule.match !== undefined);
      docs.push({
        kind: 'HTTPRoute',
        metadata: { name: `${id}-r${k}`, namespace: ns },
        spec: { gateway: refTo(gw, ns, k % 2 === 0), ...(r.hosts ? { hosts: keep } : {}), rules },
      });
    });

    const jwt = g.jwt;
    if (jwt) {
      const jwks =
        jwt.jwks === 'file'
          ? { file: '/etc/jwks.json' }
          : jwt.jwks === 'inline'
            ? { inline: JWKS_INLINE }
            : jwt.jwks === 'uri'
              ? { uri: 'https://idp.example.org/.well-known/jwks.json' }
              : { uri: 'http://192.0.2.20:8080/keys' };
      docs.push({
        kind: 'RequestAuthentication',
        metadata: { name: `${id}-jwt`, namespace: jwt.namespace },
        spec: {
          gateway: refTo(gw, jwt.namespace, true),
          providers: [
            {
              name: 'idp',
              issuer: 'https://idp.example.org/',
              ...(jwt.audiences ? { audiences: ['api.example.com', 'shop.example.com'] } : {}),
              jwks,
              ...(jwt.forwardClaims ? { forwardClaims: { sub: 'x-user-id', groups: 'x-groups' } } : {}),
            },
          ],
          ...(jwt.requireToken !== null ? { requireToken: jwt.requireToken } : {}),
        },
      });
    }
    g.authz.forEach((a, k) => {
      const ports = a.port ? [...new Set(placed.map((p) => p.port))].slice(0, 2) : undefined;
      const to = a.methods || a.paths || ports ? [{ ...(a.methods ? { methods: a.methods } : {}), ...(a.paths ? { paths: a.paths } : {}), ...(ports ? { ports } : {}) }] : undefined;
      const when = [
        ...(a.header ? [{ header: 'x-tenant', values: ['acme', 'globex'] }] : []),
        ...(a.claim && jwt ? [{ claim: 'groups', values: ['admin'] }] : []),
      ];
      docs.push({
        kind: 'AuthorizationPolicy',
        metadata: { name: `${id}-authz${k}`, namespace: a.namespace },
        spec: {
          gateway: refTo(gw, a.namespace, k % 2 === 0),
          action: a.action,
          rules: [{ ...(a.ipBlock ? { from: [{ ipBlock: a.ipBlock }] } : {}), ...(to ? { to } : {}), ...(when.length > 0 ? { when } : {}) }],
        },
      });
    });
  });
  return docs;
}

/** Whether a generated string is one of the valid ones (no CR/LF/NUL or space, no lookahead, no broken or oversized regex). */
const okValue = (v: unknown): boolean => typeof v !== 'string' || !/[\r\n\0 ]|\(\?!|^\($|a\{1000\}/.test(v);

/** Drops the parts of a generated match that are invalid on purpose (bad regexes, CR/LF, uppercase names). */
function sanitize(m: Record<string, unknown>, ok: (v: unknown) => boolean): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  const path = m['path'] as Record<string, string> | undefined;
  if (path) {
    const [k, v] = Object.entries(path)[0]!;
    if (v !== '' && v.startsWith(k === 'regex' ? '' : '/') && ok(v) && !v.includes(' ')) out['path'] = { [k]: v };
  }
  if (m['method'] === 'GET' || m['method'] === 'POST') out['method'] = m['method'];
  for (const key of ['headers', 'query'] as const) {
    const entries = Object.entries((m[key] as Record<string, Record<string, unknown>> | undefined) ?? {}).filter(
      ([n, sm]) => /^[a-z-]+$/.test(n) && Object.keys(sm).length === 1 && Object.values(sm).every(ok) && Object.values(sm)[0] !== '',
    );
    if (entries.length > 0) out[key] = Object.fromEntries(entries);
  }
  // A match that constrains nothing would make the rule a catch-all before the last rule.
  const constrains = out['method'] !== undefined || out['headers'] !== undefined || out['query'] !== undefined ||
    (out['path'] !== undefined && JSON.stringify(out['path']) !== '{"prefix":"/"}');
  return constrains ? out : undefined;
}

/** Keeps only positive backoff intervals with max >= base. */
function sanitizeRetries(r: Record<string, unknown>): Record<string, unknown> {
  const b = r['backoff'] as { base: string; max?: string } | undefined;
  const ms = (d: string): number => {
    const x = /^([0-9.]+)(ms|s|m|h)$/.exec(d)!;
    return Number(x[1]) * { ms: 1, s: 1000, m: 60000, h: 3600000 }[x[2] as 'ms']!;
  };
  const { backoff: _b, ...rest } = r;
  void _b;
  if (!b || ms(b.base) === 0 || (b.max !== undefined && (ms(b.max) === 0 || ms(b.max) < ms(b.base)))) return rest;
  return r;
}

test('every well-formed mesh compiles to Envoy-valid output', () => {
  const runs = Number(process.env['FUZZ_RUNS'] ?? 200);
  const seed = process.env['FUZZ_SEED'] === undefined ? undefined : Number(process.env['FUZZ_SEED']);
  fc.assert(
    fc.property(wellFormed, (docs) => {
      const text = docs.map((d) => stringify({ apiVersion: 'meshc.dev/v1', ...d })).join('---\n');
      const result = compile([{ path: 'mesh.yaml', text }]);
      assert.deepEqual(
        result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`),
        [],
        text,
      );
      assert.ok(result.proxies, text);
      // One proxy per name (an output directory each), and one gateway proxy per Gateway.
      const names = result.proxies.map((p) => p.name);
      assert.equal(new Set(names).size, names.length, text);
      for (const d of docs.filter((d) => d['kind'] === 'Gateway')) {
        const g = d['metadata'] as { name: string; namespace: string };
        const proxyName = g.namespace === 'default' ? `gateway-${g.name}` : `gateway-${g.name}.${g.namespace}`;
        const p: ProxyConfig | undefined = result.proxies.find((x) => x.name === proxyName);
        assert.ok(p, text);
        // Each https/tls chain matches the SNI its listener serves: none when that is any host.
        for (const l of (d['spec'] as { listeners: { name: string; port: number; protocol: string; hosts?: string[] }[] }).listeners) {
          if (l.protocol !== 'https' && l.protocol !== 'tls') continue;
          const chains = p.listeners.find((x: Record<string, unknown>) => x['name'] === `gateway|${l.port}`)?.['filter_chains'] as Record<string, unknown>[];
          const chain = chains.find((c) => c['name'] === l.name)!;
          const any = l.hosts === undefined || l.hosts.includes('*');
          assert.deepEqual(chain['filter_chain_match'], any ? undefined : { server_names: l.hosts }, `${p.name} ${l.name}\n${text}`);
        }
      }
      // Envoy refuses a listener whose filter chains have the same match (the API check does not look at it).
      for (const p of result.proxies) {
        for (const l of p.listeners) {
          const matches = (l['filter_chains'] as Record<string, unknown>[]).map((c) => JSON.stringify(c['filter_chain_match'] ?? {}));
          assert.equal(new Set(matches).size, matches.length, `${p.name} ${String(l['name'])}\n${text}`);
        }
      }
      // xds mode, shared _mesh/ files included, gives every proxy what static mode gives it.
      assertXdsEquivalent(result.proxies);
    }),
    { numRuns: runs, ...(seed !== undefined ? { seed } : {}) },
  );
});

test('any input yields diagnostics or Envoy-valid output, never a crash', () => {
  const runs = Number(process.env['FUZZ_RUNS'] ?? 200);
  const seed = process.env['FUZZ_SEED'] === undefined ? undefined : Number(process.env['FUZZ_SEED']);
  fc.assert(
    fc.property(mesh, (docs) => {
      const text = docs.map((d) => stringify({ apiVersion: 'meshc.dev/v1', ...d })).join('---\n');
      const result = compile([{ path: 'mesh.yaml', text }]);
      const bugs = result.diagnostics.filter((d) => d.code.startsWith('MESH9') || d.code === 'MESH5001');
      assert.deepEqual(bugs, [], text);
      // Output exists exactly when there is no error.
      assert.equal(result.proxies !== undefined, !result.diagnostics.some((d) => d.severity === 'error'));
    }),
    { numRuns: runs, ...(seed !== undefined ? { seed } : {}), ...(process.env['FUZZ_PATH'] ? { path: process.env['FUZZ_PATH'] } : {}) },
  );
});
