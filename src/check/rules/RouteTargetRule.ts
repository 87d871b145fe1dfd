import type { CheckContext } from '../CheckContext.js';

/**
 * An HTTPRoute attaches to exactly one thing: a service (mesh routing) or a
 * gateway (ingress); `hosts` belongs to the gateway form and is never ignored.
 */
export function RouteTargetRule(ctx: CheckContext): void {
  for (const r of ctx.ofKind('HTTPRoute')) {
    const { service, gateway } = r.spec;
    if ((service === undefined) === (gateway === undefined)) {
      ctx.report('RouteTargetXor', ctx.span(r, gateway !== undefined ? ['spec', 'gateway'] : ['spec'], 'key'));
    } else if (service !== undefined && r.spec.hosts !== undefined) {
      ctx.report('HostsOnServiceRoute', ctx.span(r, ['spec', 'hosts'], 'key'));
    }
  }
}
