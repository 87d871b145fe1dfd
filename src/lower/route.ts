/** Route configurations: virtual hosts per upstream service and their routes. */
import type { MatchIr, MeshIr, RouteIr, ServiceIr, StringMatchIr, WeightedClusterIr } from '../ir/index.js';
import { envoyDuration } from '../util/duration.js';
import type { Json } from './envoy.js';
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
  const byKey = new Map(ir.services.map((s) => [s.key, s]));
  const hosts = [...upstreams]
    .sort((a, b) => (virtualHostName(a) < virtualHostName(b) ? -1 : 1))
    .map((s) => ({
      name: virtualHostName(s),
      domains: domainsOf(s, callerNamespace),
      routes: s.routes.flatMap((r) => envoyRoutes(r, byKey)),
    }));
  return { name: String(port), virtual_hosts: hosts };
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
function envoyRoutes(rule: RouteIr, services: ReadonlyMap<string, ServiceIr>): Json[] {
  const action = routeAction(rule, services);
  if (rule.matches.length === 0) return [{ name: rule.name, match: { prefix: '/' }, route: action }];
  return rule.matches.map((m, i) => ({
    name: rule.matches.length === 1 ? rule.name : `${rule.name}/${i}`,
    match: routeMatch(m),
    route: action,
  }));
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

function routeAction(rule: RouteIr, services: ReadonlyMap<string, ServiceIr>): Json {
  const name = (wc: WeightedClusterIr): string => outboundClusterName(services.get(wc.cluster.service)!, wc.cluster.subset);
  const target: Json =
    rule.clusters.length === 1
      ? { cluster: name(rule.clusters[0]!) }
      : { weighted_clusters: { clusters: rule.clusters.map((wc) => ({ name: name(wc), weight: wc.weight })) } };
  const r = rule.retries;
  // An external service found by DNS expects its own host name in Host, not the mesh name the app used.
  const external = rule.clusters.every((wc) => {
    const s = services.get(wc.cluster.service)!;
    return s.external && s.discovery.kind === 'dns';
  });
  return {
    ...target,
    ...(external ? { auto_host_rewrite: true } : {}),
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
