/** Gateways: one gateway proxy per Gateway, its listeners, and the HTTPRoutes attached to them. */
import { attachments, gatewayOf, gatewayProxyName, routesHttp } from '../check/index.js';
import { lazySpanAt } from '../parse/index.js';
import type { GatewayListenerSpec, Resource } from '../schema/index.js';
import { fileSpan } from '../source/index.js';
import { buildRule, clusterId, routeClusters, toClusters, type RuleEnv } from './route.js';
import { gatewaySecurityOf } from './security.js';
import type { ClusterRefIr, GatewayIr, GatewayListenerIr, GatewayVirtualHostIr, RouteIr, ServerTlsIr } from './types.js';

/** Every gateway proxy, sorted by proxy name. */
export function buildGateways(env: RuleEnv): GatewayIr[] {
  const { ctx, settings } = env;
  // Routes by gateway, in input order (GatewayRouteConflictRule keeps their hosts apart).
  const routesOf = new Map<Resource<'Gateway'>, Resource<'HTTPRoute'>[]>();
  for (const r of ctx.ofKind('HTTPRoute')) {
    if (r.spec.gateway === undefined) continue;
    const g = gatewayOf(ctx, r.spec.gateway, r.namespace);
    if (!g) continue;
    const list = routesOf.get(g);
    if (list) list.push(r);
    else routesOf.set(g, [r]);
  }
  const seen = new Set<string>();
  return ctx
    .ofKind('Gateway')
    .filter((g) => {
      const key = `${g.name}.${g.namespace}`;
      if (seen.has(key)) return false; // a duplicate is an error of its own
      seen.add(key);
      return true;
    })
    .map((g): GatewayIr => {
      const routes = routesOf.get(g) ?? [];
      const built = new Map(routes.map((r) => [r, r.spec.rules.map((rule, i) => buildRule(env, r, rule, i, undefined))]));
      const listeners = g.spec.listeners
        .map((l): GatewayListenerIr => {
          const virtualHosts: GatewayVirtualHostIr[] = [];
          if (l.protocol === 'http' && l.redirectToHttps === true) {
            virtualHosts.push({ name: 'redirect-to-https', domains: l.hosts ?? ['*'], routes: [redirectToHttps(g, l)] });
          } else if (routesHttp(l)) {
            for (const r of routes) {
              const at = attachments(g, r).find((a) => a.listener === l);
              if (at) virtualHosts.push({ name: `${r.name}.${r.namespace}`, domains: at.hosts, routes: built.get(r)! });
            }
            virtualHosts.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
          }
          const b = l.backend;
          return {
            name: l.name,
            port: l.port,
            protocol: l.protocol,
            // `*` among the hosts serves any host, whatever else is listed: no SNI to match.
            hosts: l.hosts === undefined || l.hosts.includes('*') ? [] : l.hosts,
            ...(l.protocol === 'https' ? { tls: serverTls(l) } : {}),
            virtualHosts,
            clusters:
              b && (l.protocol === 'tls' || l.protocol === 'tcp')
                ? toClusters(env, [{ service: b.service, ...(b.subset !== undefined ? { subset: b.subset } : {}), weight: 100 }], g.namespace)
                : [],
          };
        })
        .sort((a, b) => a.port - b.port || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const clusters = new Map<string, ClusterRefIr>();
      for (const l of listeners) {
        for (const c of l.clusters) clusters.set(clusterId(c.cluster), c.cluster);
        for (const vh of l.virtualHosts) for (const r of vh.routes) for (const c of routeClusters(r)) clusters.set(clusterId(c), c);
      }
      return {
        name: gatewayProxyName(g.name, g.namespace),
        key: `${g.name}.${g.namespace}`,
        spiffeId: `spiffe://${settings.trustDomain}/ns/${g.namespace}/sa/gateway-${g.name}`,
        listeners,
        clusters: [...clusters.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, c]) => c),
        ...gatewaySecurityOf(ctx, g, settings),
        span: g.doc.span ?? fileSpan(g.doc.file),
      };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The one rule of an http listener with redirectToHttps: every request gets a 301 to the same URL with https. */
function redirectToHttps(g: Resource<'Gateway'>, l: GatewayListenerSpec): RouteIr {
  const i = g.spec.listeners.indexOf(l);
  return {
    name: 'redirect-to-https',
    matches: [],
    action: { kind: 'redirect', scheme: 'https', status: 301 },
    span: lazySpanAt(g.doc, ['spec', 'listeners', i, 'redirectToHttps']),
  };
}

function serverTls(l: GatewayListenerSpec): ServerTlsIr {
  const t = l.tls!; // GatewayListenerRule demands tls on https listeners
  return {
    certificate:
      t.sds !== undefined
        ? { kind: 'sds', secret: t.sds.secret }
        : { kind: 'files', certificateChain: t.certificateChain!, privateKey: t.privateKey! },
    minVersion: t.minVersion ?? '1.2',
  };
}
