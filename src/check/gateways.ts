import type { GatewayListenerSpec, Resource } from '../schema/index.js';
import type { CheckContext } from './CheckContext.js';

/** Whether a host pattern (`*`, `*.example.com`, `shop.example.com`) covers a host or a narrower pattern. */
export function hostCovers(pattern: string, host: string): boolean {
  if (pattern === '*' || pattern === host) return true;
  if (!pattern.startsWith('*.')) return false;
  const suffix = pattern.slice(1); // ".example.com"
  return host.endsWith(suffix) && host.length > suffix.length;
}

/**
 * The hosts a gateway route answers on one listener: each route host the
 * listener serves, and each listener host a route wildcard covers. Omitted
 * hosts are `*` on both sides. Empty: the route does not attach there.
 */
export function effectiveHosts(listenerHosts: readonly string[] | undefined, routeHosts: readonly string[] | undefined): string[] {
  const listener = listenerHosts ?? ['*'];
  const out = new Set<string>();
  for (const r of routeHosts ?? ['*']) {
    if (listener.some((l) => hostCovers(l, r))) out.add(r);
    else for (const l of listener) if (hostCovers(r, l)) out.add(l);
  }
  return [...out];
}

/** The Gateway a reference names (`name` in the referring namespace, or `name.namespace`). */
export function gatewayOf(ctx: CheckContext, ref: string, fromNamespace: string): Resource<'Gateway'> | undefined {
  const key = ctx.resolveRef(ref, fromNamespace);
  return ctx.ofKind('Gateway').find((g) => `${g.name}.${g.namespace}` === key);
}

/** A listener an HTTPRoute attaches to, with the hosts it answers there. */
export interface Attachment {
  readonly listener: GatewayListenerSpec;
  readonly index: number;
  readonly hosts: readonly string[];
}

/**
 * Where a gateway route attaches: every http or https listener of its
 * gateway that serves at least one of its hosts, except http listeners that
 * redirect everything to https.
 */
export function attachments(gateway: Resource<'Gateway'>, route: Resource<'HTTPRoute'>): Attachment[] {
  const out: Attachment[] = [];
  gateway.spec.listeners.forEach((listener, index) => {
    if (!routesHttp(listener)) return;
    const hosts = effectiveHosts(listener.hosts, route.spec.hosts);
    if (hosts.length > 0) out.push({ listener, index, hosts });
  });
  return out;
}

/** Whether HTTPRoutes can attach to a listener: http or https, and not an http listener that redirects to https. */
export function routesHttp(listener: GatewayListenerSpec): boolean {
  return listener.protocol === 'https' || (listener.protocol === 'http' && listener.redirectToHttps !== true);
}
