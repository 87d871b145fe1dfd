/** Route configurations: virtual hosts per upstream service and their routes. */
import { serviceIndex } from './serviceIndex.js';
import type {
  ClusterRefIr,
  CorsIr,
  FaultIr,
  ForwardIr,
  HashPolicyIr,
  HeaderOpsIr,
  MatchIr,
  MeshIr,
  RateLimitIr,
  RedirectIr,
  RouteIr,
  ServiceIr,
  StringMatchIr,
} from '../ir/index.js';
import { envoyDuration } from '../util/duration.js';
import { T, typeUrl, type Json } from './envoy.js';
import { inboundClusterName, outboundClusterName, virtualHostName } from './names.js';

/**
 * Every name a caller in `callerNamespace` can use for a service: the short
 * name only from its own namespace (as in Kubernetes DNS), `name.namespace`
 * and the FQDN from anywhere, and for an external service its own DNS name
 * (apps call `api.stripe.com`), each with and without `:port`.
 */
export function domainsOf(service: ServiceIr, callerNamespace: string): string[] {
  const names = [
    ...(service.namespace === callerNamespace ? [service.name] : []),
    `${service.name}.${service.namespace}`,
    service.fqdn,
    ...(service.external && service.discovery.kind === 'dns' ? [service.discovery.host] : []),
  ];
  return names.flatMap((n) => [n, `${n}:${service.port}`]);
}

/** The route configuration of one outbound HTTP port. */
export function outboundRouteConfig(
  ir: MeshIr,
  port: number,
  upstreams: readonly ServiceIr[],
  callerNamespace: string,
): Json {
  const byKey = serviceIndex(ir);
  const hosts = [...upstreams]
    .sort((a, b) => (virtualHostName(a) < virtualHostName(b) ? -1 : 1))
    .map((s) => virtualHost(s, callerNamespace, byKey));
  return { name: String(port), virtual_hosts: hosts };
}

const virtualHostCache = new WeakMap<ServiceIr, Map<string, Json>>();

/**
 * A service's virtual host as callers in one namespace see it (only the
 * domains depend on the namespace): built once per namespace and shared.
 */
function virtualHost(service: ServiceIr, callerNamespace: string, byKey: ReadonlyMap<string, ServiceIr>): Json {
  let byNamespace = virtualHostCache.get(service);
  if (!byNamespace) {
    byNamespace = new Map();
    virtualHostCache.set(service, byNamespace);
  }
  let host = byNamespace.get(callerNamespace);
  if (!host) {
    host = { name: virtualHostName(service), domains: domainsOf(service, callerNamespace), routes: meshRoutes(service, byKey) };
    byNamespace.set(callerNamespace, host);
  }
  return host;
}

const meshRouteCache = new WeakMap<ServiceIr, Json[]>();

/**
 * The Envoy routes of a service's mesh rules. They are the same in every
 * caller's virtual host for the service, so they are built once and the
 * objects shared (output treats resources as immutable).
 */
function meshRoutes(service: ServiceIr, byKey: ReadonlyMap<string, ServiceIr>): Json[] {
  let routes = meshRouteCache.get(service);
  if (!routes) {
    routes = service.routes.flatMap((r) => envoyRoutes(r, byKey));
    meshRouteCache.set(service, routes);
  }
  return routes;
}

/** The inbound route configuration: everything to the app, with no timeout (the caller's applies). */
export function inboundRouteConfig(service: ServiceIr): Json {
  const name = `inbound|${service.name}`;
  return {
    name,
    virtual_hosts: [
      {
        name,
        domains: ['*'],
        routes: [{ match: { prefix: '/' }, route: { cluster: inboundClusterName(service), timeout: '0s' } }],
      },
    ],
  };
}

/**
 * One meshc rule becomes one Envoy route per match alternative (Envoy routes
 * have a single match; the OR of the language is a sequence of routes with the
 * same action, which keeps first-match-wins order).
 */
export function envoyRoutes(rule: RouteIr, services: ReadonlyMap<string, ServiceIr>): Json[] {
  const action =
    rule.action.kind === 'forward' ? { route: routeAction(rule.action, services) } : { redirect: redirectAction(rule.action) };
  const rest = {
    ...headerOps('request', rule.headers?.request),
    ...headerOps('response', rule.headers?.response),
    ...perFilterConfig(rule),
  };
  if (rule.matches.length === 0) return [{ name: rule.name, match: { prefix: '/' }, ...action, ...rest }];
  return rule.matches.map((m, i) => ({
    name: rule.matches.length === 1 ? rule.name : `${rule.name}/${i}`,
    match: routeMatch(m),
    ...action,
    ...rest,
  }));
}

/** The filter names whose per-route config a rule carries; the filters' plug-ins look for the same names. */
export const FILTER = {
  cors: 'envoy.filters.http.cors',
  fault: 'envoy.filters.http.fault',
  localRateLimit: 'envoy.filters.http.local_ratelimit',
} as const;

/** Per-route configuration of the CORS, fault and local rate limit filters, in filter chain order. */
function perFilterConfig(rule: RouteIr): Json {
  const configs: Json = {
    ...(rule.cors ? { [FILTER.cors]: corsPolicy(rule.cors) } : {}),
    ...(rule.fault ? { [FILTER.fault]: faultConfig(rule.fault) } : {}),
    ...(rule.rateLimit ? { [FILTER.localRateLimit]: rateLimitConfig(rule.name, rule.rateLimit) } : {}),
  };
  return Object.keys(configs).length > 0 ? { typed_per_filter_config: configs } : {};
}

/**
 * A percentage as Envoy's FractionalPercent, with the coarsest denominator
 * that holds it exactly (10 % is 10/HUNDRED, 0.5 % is 50/TEN_THOUSAND);
 * finer than a ten-thousandth is rounded to a millionth.
 */
export function fractionalPercent(percent: number): Json {
  const exact = (scale: number): boolean => Math.abs(percent * scale - Math.round(percent * scale)) < 1e-9;
  if (exact(1)) return { numerator: Math.round(percent), denominator: 'HUNDRED' };
  if (exact(100)) return { numerator: Math.round(percent * 100), denominator: 'TEN_THOUSAND' };
  return { numerator: Math.round(percent * 10_000), denominator: 'MILLION' };
}

function corsPolicy(c: CorsIr): Json {
  return {
    '@type': typeUrl(T.CorsPolicy),
    allow_origin_string_match: c.allowOrigins.map((o) => (o.kind === 'regex' ? { safe_regex: { regex: o.value } } : { [o.kind]: o.value })),
    ...(c.allowMethods.length > 0 ? { allow_methods: c.allowMethods.join(',') } : {}),
    ...(c.allowHeaders.length > 0 ? { allow_headers: c.allowHeaders.join(',') } : {}),
    ...(c.exposeHeaders.length > 0 ? { expose_headers: c.exposeHeaders.join(',') } : {}),
    ...(c.maxAgeSeconds !== undefined ? { max_age: String(c.maxAgeSeconds) } : {}),
    allow_credentials: c.allowCredentials,
  };
}

function faultConfig(f: FaultIr): Json {
  return {
    '@type': typeUrl(T.HttpFault),
    ...(f.delay ? { delay: { fixed_delay: envoyDuration(f.delay.fixedMs), percentage: fractionalPercent(f.delay.percent) } } : {}),
    ...(f.abort ? { abort: { http_status: f.abort.status, percentage: fractionalPercent(f.abort.percent) } } : {}),
  };
}

/** A token bucket for this route, enabled and enforced for every request (the filter itself is off by default). */
function rateLimitConfig(ruleName: string, r: RateLimitIr): Json {
  const all = { default_value: { numerator: 100, denominator: 'HUNDRED' } };
  return {
    '@type': typeUrl(T.LocalRateLimit),
    stat_prefix: `rate_limit_${ruleName}`,
    token_bucket: { max_tokens: r.requests, tokens_per_fill: r.requests, fill_interval: envoyDuration(r.perMs) },
    filter_enabled: all,
    filter_enforced: all,
  };
}

/** `set` overwrites (or adds), `add` appends; then the removals. */
function headerOps(where: 'request' | 'response', ops: HeaderOpsIr | undefined): Json {
  if (!ops) return {};
  const add = [
    ...ops.set.map((h) => ({ header: { key: h.name, value: h.value }, append_action: 'OVERWRITE_IF_EXISTS_OR_ADD' })),
    ...ops.add.map((h) => ({ header: { key: h.name, value: h.value }, append_action: 'APPEND_IF_EXISTS_OR_ADD' })),
  ];
  return {
    ...(add.length > 0 ? { [`${where}_headers_to_add`]: add } : {}),
    ...(ops.remove.length > 0 ? { [`${where}_headers_to_remove`]: ops.remove } : {}),
  };
}

const REDIRECT_CODE = {
  301: 'MOVED_PERMANENTLY',
  302: 'FOUND',
  303: 'SEE_OTHER',
  307: 'TEMPORARY_REDIRECT',
  308: 'PERMANENT_REDIRECT',
} as const;

function redirectAction(r: RedirectIr): Json {
  return {
    ...(r.scheme === 'https' ? { https_redirect: true } : r.scheme === 'http' ? { scheme_redirect: 'http' } : {}),
    ...(r.host !== undefined ? { host_redirect: r.host } : {}),
    ...(r.port !== undefined ? { port_redirect: r.port } : {}),
    ...(r.path !== undefined ? { path_redirect: r.path } : {}),
    response_code: REDIRECT_CODE[r.status],
  };
}

function hashPolicy(h: HashPolicyIr): Json {
  switch (h.kind) {
    case 'header':
      return { header: { header_name: h.header } };
    case 'cookie':
      return { cookie: { name: h.name, ...(h.ttlMs !== undefined ? { ttl: envoyDuration(h.ttlMs) } : {}) } };
    case 'sourceIP':
      return { connection_properties: { source_ip: true } };
  }
}

function routeMatch(m: MatchIr): Json {
  const p = m.path;
  const path: Json =
    p === undefined
      ? { prefix: '/' }
      : p.kind === 'exact'
        ? { path: p.value }
        : p.kind === 'prefix'
          ? { prefix: p.value }
          : { safe_regex: { regex: p.value } };
  const headers: Json[] = [
    ...(m.method !== undefined ? [{ name: ':method', string_match: { exact: m.method } }] : []),
    ...m.headers.map((h) => headerMatcher(h.name, h.match)),
  ];
  const query = m.query.map((q) =>
    q.match.kind === 'present'
      ? { name: q.name, present_match: true }
      : { name: q.name, string_match: stringMatcher(q.match) },
  );
  return {
    ...path,
    ...(headers.length > 0 ? { headers } : {}),
    ...(query.length > 0 ? { query_parameters: query } : {}),
  };
}

function headerMatcher(name: string, match: StringMatchIr): Json {
  if (match.kind === 'present') return { name, present_match: true };
  return { name, string_match: stringMatcher(match) };
}

function stringMatcher(m: Exclude<StringMatchIr, { kind: 'present' }>): Json {
  return m.kind === 'regex' ? { safe_regex: { regex: m.value } } : { [m.kind]: m.value };
}

function routeAction(rule: ForwardIr, services: ReadonlyMap<string, ServiceIr>): Json {
  const name = (c: ClusterRefIr): string => outboundClusterName(services.get(c.service)!, c.subset);
  const target: Json =
    rule.clusters.length === 1
      ? { cluster: name(rule.clusters[0]!.cluster) }
      : { weighted_clusters: { clusters: rule.clusters.map((wc) => ({ name: name(wc.cluster), weight: wc.weight })) } };
  const r = rule.retries;
  // An external service found by DNS expects its own host name in Host, not the mesh name the app used.
  const external = rule.clusters.every((wc) => {
    const s = services.get(wc.cluster.service)!;
    return s.external && s.discovery.kind === 'dns';
  });
  const p = rule.pathRewrite;
  const m = rule.mirror;
  return {
    ...target,
    ...(p?.kind === 'prefix' ? { prefix_rewrite: p.prefix } : {}),
    ...(p?.kind === 'regex' ? { regex_rewrite: { pattern: { regex: p.regex }, substitution: p.substitution } } : {}),
    // An explicit host rewrite wins over the automatic one (Envoy allows only one).
    ...(rule.hostRewrite !== undefined ? { host_rewrite_literal: rule.hostRewrite } : external ? { auto_host_rewrite: true } : {}),
    ...(rule.hashPolicies.length > 0 ? { hash_policy: rule.hashPolicies.map(hashPolicy) } : {}),
    ...(m
      ? {
          request_mirror_policies: [
            {
              cluster: name(m.cluster),
              ...(m.percent < 100 ? { runtime_fraction: { default_value: fractionalPercent(m.percent) } } : {}),
            },
          ],
        }
      : {}),
    timeout: envoyDuration(rule.timeoutMs),
    ...(r
      ? {
          retry_policy: {
            retry_on: r.on.join(','),
            num_retries: r.attempts,
            ...(r.perTryTimeoutMs !== undefined ? { per_try_timeout: envoyDuration(r.perTryTimeoutMs) } : {}),
            ...(r.backoff
              ? {
                  retry_back_off: {
                    base_interval: envoyDuration(r.backoff.baseMs),
                    ...(r.backoff.maxMs !== undefined ? { max_interval: envoyDuration(r.backoff.maxMs) } : {}),
                  },
                }
              : {}),
          },
        }
      : {}),
  };
}
