/**
 * A synthetic mesh generator for the benchmarks: a pure function from options
 * (and a seed) to YAML inputs, `{ path, text }[]`, the same bytes for the same
 * options on every machine.
 *
 * The mesh: one `Mesh` document, and `services` HTTP services spread round
 * robin over `namespaces` namespaces, one file per service
 * (`<root>/<namespace>/<service>.yaml`) holding
 *
 * - the `Service`: port `9000 + i % 50`, `targetPort: 8080`, `subsets`
 *   subsets `v1`…`vS`, each selecting `endpointsPerSubset` endpoints labelled
 *   `version: vK` (unique 10.x.y.z addresses, two zones);
 * - an `HTTPRoute` with `rules` rules: header, path (prefix, exact, RE2 regex),
 *   method and query matches, per-rule timeouts and retries (some with
 *   backoff), backends on one subset or split between two; the last rule is a
 *   catch-all without `match` and without `backends` (the service, through its
 *   split). `rules: 0` leaves the service without an HTTPRoute (meshc's
 *   implicit catch-all);
 * - a `TrafficSplit` (`v1` 90 / `v2` 10) on a `splitFraction` of the services;
 * - `upstreams`: `U` other services picked at random (scoped sidecars, as most
 *   real meshes are configured), or, with `upstreams: 'all'`, no `upstreams`
 *   field at all: every sidecar gets every other service (full mesh, N² output).
 *
 * The ports follow the language's constraints: every app listens on
 * 127.0.0.1:8080 and no service port is 8080, so no outbound listener takes a
 * sidecar's own app port (MESH3031); ports 9000–9049 stay clear of the admin
 * port 9901 and the inbound port 15006 (MESH3023).
 *
 * `trafficPolicyFraction` and `authorizationPolicyFraction` add a
 * TrafficPolicy and an AuthorizationPolicy to that fraction of the services,
 * drawn from a sequence of their own so that the rest of the mesh stays the
 * same whatever the fractions. They default to 0, which keeps the figures in
 * docs/performance.md comparable.
 */

/** One generated input file, as `compile()` takes it. */
export interface GeneratedFile {
  readonly path: string;
  readonly text: string;
}

export interface MeshOptions {
  /** Number of services (each gets a sidecar). */
  readonly services: number;
  /** Number of namespaces the services are spread over (round robin). Default 4. */
  readonly namespaces?: number;
  /** Subsets per service (at least 1). Default 2. */
  readonly subsets?: number;
  /** Endpoints per subset. Default 2. */
  readonly endpointsPerSubset?: number;
  /** HTTPRoute rules per service, the last a catch-all; 0: no HTTPRoute. Default 5. */
  readonly rules?: number;
  /** Fraction of services (0–1) with a TrafficSplit; needs `subsets` ≥ 2. Default 0.2. */
  readonly splitFraction?: number;
  /** Upstreams per service (scoped), or `'all'` for a full mesh (no `upstreams` field). Default 10. */
  readonly upstreams?: number | 'all';
  /** Seed of the pseudo-random choices (upstreams, which services are split). Default 1. */
  readonly seed?: number;
  /** Directory the paths start with. Default `mesh`. */
  readonly root?: string;
  /** Fraction of services (0–1) with a TrafficPolicy (least-request, circuit breaker, outlier detection). Default 0. */
  readonly trafficPolicyFraction?: number;
  /** Fraction of services (0–1) with an ALLOW AuthorizationPolicy (own namespace, GET and POST). Default 0. */
  readonly authorizationPolicyFraction?: number;
}

/** The port a service is called on: never 8080 (the apps' port), 9901 or 15006. */
export function servicePort(i: number): number {
  return 9000 + (i % 50);
}

/** Generates the mesh described by `options`; deterministic in the options and the seed. */
export function generateMesh(options: MeshOptions): GeneratedFile[] {
  const n = options.services;
  const namespaces = options.namespaces ?? 4;
  const subsets = options.subsets ?? 2;
  const perSubset = options.endpointsPerSubset ?? 2;
  const rules = options.rules ?? 5;
  const splitFraction = options.splitFraction ?? 0.2;
  const upstreams = options.upstreams ?? 10;
  const root = (options.root ?? 'mesh').replace(/\/+$/, '');
  if (!Number.isInteger(n) || n < 1) throw new RangeError('services must be a positive integer');
  if (!Number.isInteger(namespaces) || namespaces < 1) throw new RangeError('namespaces must be a positive integer');
  if (!Number.isInteger(subsets) || subsets < 1) throw new RangeError('subsets must be a positive integer');
  if (!Number.isInteger(perSubset) || perSubset < 1) throw new RangeError('endpointsPerSubset must be a positive integer');
  if (!Number.isInteger(rules) || rules < 0) throw new RangeError('rules must be a non-negative integer');
  if (splitFraction > 0 && subsets < 2) throw new RangeError('a TrafficSplit needs at least 2 subsets');
  if (upstreams !== 'all' && (!Number.isInteger(upstreams) || upstreams < 0 || upstreams > n - 1)) {
    throw new RangeError(`upstreams must be 'all' or an integer from 0 to services - 1 (${n - 1})`);
  }
  if (n * subsets * perSubset > 0xfffffe) throw new RangeError('too many endpoints for unique 10.x.y.z addresses');
  const policyFraction = options.trafficPolicyFraction ?? 0;
  const authzFraction = options.authorizationPolicyFraction ?? 0;
  for (const [what, f] of [['trafficPolicyFraction', policyFraction], ['authorizationPolicyFraction', authzFraction]] as const) {
    if (!(f >= 0 && f <= 1)) throw new RangeError(`${what} must be between 0 and 1`);
  }

  const random = mulberry32(options.seed ?? 1);
  // Policies draw from their own sequence, so that turning them on changes no other choice.
  const policyRandom = mulberry32((options.seed ?? 1) + 0x9e3779b9);
  const width = String(n - 1).length;
  const name = (i: number): string => `svc-${String(i).padStart(width, '0')}`;
  const ns = (i: number): string => `ns-${i % namespaces}`;
  /** A reference from a resource in namespace `from` to service `i`. */
  const ref = (i: number, from: string): string => (ns(i) === from ? name(i) : `${name(i)}.${ns(i)}`);

  const files: GeneratedFile[] = [{ path: `${root}/mesh.yaml`, text: meshDocument() }];
  let address = 1;
  for (let i = 0; i < n; i++) {
    const own = ns(i);
    const docs: string[] = [];

    // Service.
    const lines = [
      header('Service', name(i), own),
      'spec:',
      `  port: ${servicePort(i)}`,
      '  targetPort: 8080',
      '  endpoints:',
    ];
    for (let s = 1; s <= subsets; s++) {
      for (let e = 0; e < perSubset; e++) {
        const a = address++;
        lines.push(`    - { address: 10.${(a >> 16) & 255}.${(a >> 8) & 255}.${a & 255}, labels: { version: v${s} }, zone: zone-${e % 2 === 0 ? 'a' : 'b'} }`);
      }
    }
    lines.push('  subsets:');
    for (let s = 1; s <= subsets; s++) lines.push(`    v${s}: { version: v${s} }`);
    if (upstreams !== 'all') {
      const picked = pickOthers(i, upstreams, n, random).map((u) => ref(u, own));
      lines.push(`  upstreams: [${picked.join(', ')}]`);
    }
    docs.push(lines.join('\n'));

    // HTTPRoute.
    if (rules > 0) docs.push(routeDocument(i, own, rules, subsets));

    // TrafficSplit: drawn for every service so that the other choices do not depend on the fraction.
    if (random() < splitFraction) {
      docs.push(
        [
          header('TrafficSplit', `${name(i)}-canary`, own),
          'spec:',
          `  service: ${name(i)}`,
          '  backends:',
          '    - { subset: v1, weight: 90 }',
          '    - { subset: v2, weight: 10 }',
        ].join('\n'),
      );
    }
    // TrafficPolicy: least-request balancing with circuit breaking and outlier detection.
    if (policyRandom() < policyFraction) {
      docs.push(
        [
          header('TrafficPolicy', name(i), own),
          'spec:',
          `  service: ${name(i)}`,
          '  connectTimeout: 500ms',
          '  loadBalancer: { algorithm: least-request }',
          '  circuitBreaker: { maxConnections: 1024, maxPendingRequests: 256, maxRequests: 1024, maxRetries: 3 }',
          '  outlierDetection: { consecutive5xx: 5, interval: 10s, baseEjectionTime: 30s, maxEjectionPercent: 50 }',
        ].join('\n'),
      );
    }
    // AuthorizationPolicy: callers from the service's own namespace may GET and POST.
    if (policyRandom() < authzFraction) {
      docs.push(
        [
          header('AuthorizationPolicy', `${name(i)}-callers`, own),
          'spec:',
          `  service: ${name(i)}`,
          '  action: allow',
          '  rules:',
          `    - from: [{ namespace: ${own} }]`,
          '      to: [{ methods: [GET, POST] }]',
        ].join('\n'),
      );
    }
    files.push({ path: `${root}/${own}/${name(i)}.yaml`, text: docs.join('\n---\n') + '\n' });
  }
  return files;

  function routeDocument(i: number, own: string, count: number, subsetCount: number): string {
    const lines = [header('HTTPRoute', name(i), own), 'spec:', `  service: ${name(i)}`, '  rules:'];
    for (let k = 0; k < count - 1; k++) {
      lines.push(`    - name: r${k}`, '      match:');
      switch (k % 4) {
        case 0:
          lines.push(`        - path: { prefix: /api/v${k + 1}/ }`, `          headers: { x-user-group: { exact: group-${k} } }`);
          break;
        case 1:
          lines.push(`        - path: { exact: /items/${k} }`, '          method: GET', `        - path: { exact: /items/${k}/details }`);
          break;
        case 2:
          lines.push(`        - path: { regex: "^/r${k}/[a-z0-9-]+$" }`, '          headers: { x-debug: { present: true } }');
          break;
        default:
          lines.push(`        - path: { prefix: /search/ }`, `          query: { q${k}: { prefix: a } }`, `          headers: { x-tenant: { suffix: "-team-${k}" } }`);
      }
      const a = (k % subsetCount) + 1;
      const b = ((k + 1) % subsetCount) + 1;
      if (subsetCount >= 2 && k % 2 === 1) {
        lines.push('      backends:', `        - { service: ${name(i)}, subset: v${a}, weight: 80 }`, `        - { service: ${name(i)}, subset: v${b}, weight: 20 }`);
      } else {
        lines.push('      backends:', `        - { service: ${name(i)}, subset: v${a} }`);
      }
      lines.push(`      timeout: ${(k % 5) + 1}s`);
      if (k % 3 === 2) lines.push('      retries: { attempts: 0 }');
      else if (k % 3 === 1) lines.push(`      retries: { attempts: 3, perTryTimeout: 500ms, on: [5xx, reset, connect-failure], backoff: { base: 25ms, max: 250ms } }`);
      else lines.push('      retries: { attempts: 1, on: [gateway-error] }');
    }
    lines.push('    - name: default', '      timeout: 10s');
    return lines.join('\n');
  }
}

function header(kind: string, name: string, namespace: string): string {
  return `apiVersion: meshc.dev/v1\nkind: ${kind}\nmetadata: { name: ${name}, namespace: ${namespace} }`;
}

function meshDocument(): string {
  return [
    '# Generated by bench/generate.ts.',
    'apiVersion: meshc.dev/v1',
    'kind: Mesh',
    'metadata: { name: bench }',
    'spec:',
    '  trustDomain: cluster.local',
    '  mtls: { mode: strict }',
    '  certificates:',
    '    sds: { socket: /run/spire/sockets/agent.sock }',
    '  defaults:',
    '    timeout: 15s',
    '    connectTimeout: 1s',
    '    retries: { attempts: 2, on: [connect-failure, reset] }',
    '',
  ].join('\n');
}

/** `count` distinct services other than `self`, in ascending order. */
function pickOthers(self: number, count: number, n: number, random: () => number): number[] {
  const picked = new Set<number>();
  if (count > (n - 1) / 2) {
    // Dense: shuffle all the others and keep a prefix, so this never loops for long.
    const others = [...Array(n).keys()].filter((k) => k !== self);
    for (let k = others.length - 1; k > 0; k--) {
      const j = Math.floor(random() * (k + 1));
      [others[k], others[j]] = [others[j]!, others[k]!];
    }
    return others.slice(0, count).sort((a, b) => a - b);
  }
  while (picked.size < count) {
    const u = Math.floor(random() * n);
    if (u !== self) picked.add(u);
  }
  return [...picked].sort((a, b) => a - b);
}

/** A small, fast, seedable PRNG (mulberry32): the same seed gives the same sequence everywhere. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
