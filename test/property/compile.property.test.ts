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
        port: fc.constantFrom(8080, 8443, 9000, 15006),
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
        },
        { requiredKeys: [] },
      ),
    }),
  },
);

const mesh = fc.array(doc, { minLength: 1, maxLength: 8 });

/**
 * Well-formed meshes: unique names and ports, apps on 3000, subsets that
 * select endpoints, weights that add up, references that resolve. Every one
 * must compile (warnings allowed), so that lowering and verification are
 * exercised on varied input, not only the error paths.
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
              const ok = (v: unknown): boolean => typeof v !== 'string' || !/[\r\n\0 ]|\(\?!|^\($|a\{1000\}/.test(v);
              const safeMatch = mt && !last ? sanitize(mt, ok) : undefined;
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
    return docs;
  });

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
