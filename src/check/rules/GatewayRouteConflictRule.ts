import type { Resource } from '../../schema/index.js';
import type { CheckContext } from '../CheckContext.js';
import { attachments, gatewayOf } from '../gateways.js';

/**
 * A host of a gateway listener is routed by one HTTPRoute. Rules are tried
 * in order, and across two resources there is no order a reviewer could see,
 * so, as for mesh routes (MESH3024), one route holds every rule of a host.
 */
export function GatewayRouteConflictRule(ctx: CheckContext): void {
  const taken = new Map<string, Resource<'HTTPRoute'>>();
  for (const r of ctx.ofKind('HTTPRoute')) {
    if (r.spec.gateway === undefined || r.spec.service !== undefined) continue;
    const g = gatewayOf(ctx, r.spec.gateway, r.namespace);
    if (!g) continue;
    const reported = new Set<string>();
    for (const a of attachments(g, r)) {
      for (const host of a.hosts) {
        const id = `${g.name}.${g.namespace}|${a.index}|${host}`;
        const other = taken.get(id);
        if (!other) {
          taken.set(id, r);
          continue;
        }
        if (other === r || reported.has(host)) continue;
        reported.add(host);
        const i = r.spec.hosts?.indexOf(host) ?? -1;
        const otherAt = other.spec.hosts?.indexOf(host) ?? -1;
        ctx.report(
          'GatewayRouteConflict',
          ctx.span(r, i >= 0 ? ['spec', 'hosts', i] : ['spec', 'gateway']),
          { host, gateway: r.spec.gateway, other: other.name },
          [{ span: ctx.span(other, otherAt >= 0 ? ['spec', 'hosts', otherAt] : ['spec', 'gateway']), note: 'OtherOneHere' }],
        );
      }
    }
  }
}
