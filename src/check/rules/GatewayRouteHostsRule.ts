import type { CheckContext } from '../CheckContext.js';
import { effectiveHosts, gatewayOf, routesHttp } from '../gateways.js';

/** Every host a gateway route names is served by an http or https listener of its gateway, so no rule is dead on arrival. */
export function GatewayRouteHostsRule(ctx: CheckContext): void {
  for (const r of ctx.ofKind('HTTPRoute')) {
    if (r.spec.gateway === undefined || r.spec.service !== undefined) continue;
    const g = gatewayOf(ctx, r.spec.gateway, r.namespace);
    if (!g) continue; // UnknownGatewayRule
    const listeners = g.spec.listeners.filter(routesHttp);
    const served = listeners.flatMap((l) => l.hosts ?? ['*']);
    const hint =
      listeners.length === 0
        ? `gateway "${r.spec.gateway}" has no http or https listener that takes routes`
        : `its http and https listeners serve ${[...new Set(served)].map((h) => `"${h}"`).join(', ')}`;
    if (r.spec.hosts === undefined) {
      if (listeners.length === 0) ctx.report('GatewayHostNotServed', ctx.span(r, ['spec', 'gateway']), { gateway: r.spec.gateway, host: '*', hint });
      continue;
    }
    r.spec.hosts.forEach((host, i) => {
      if (listeners.some((l) => effectiveHosts(l.hosts, [host]).length > 0)) return;
      ctx.report('GatewayHostNotServed', ctx.span(r, ['spec', 'hosts', i]), { gateway: r.spec.gateway!, host, hint });
    });
  }
}
