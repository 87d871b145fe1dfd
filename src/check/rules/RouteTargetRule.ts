import type { CheckContext } from '../CheckContext.js';

/** An HTTPRoute attaches to exactly one thing: a service (mesh routing) or a gateway (ingress). */
export function RouteTargetRule(ctx: CheckContext): void {
  for (const r of ctx.ofKind('HTTPRoute')) {
    const { service, gateway } = r.spec;
    if ((service === undefined) === (gateway === undefined)) {
      ctx.report('RouteTargetXor', ctx.span(r, gateway !== undefined ? ['spec', 'gateway'] : ['spec'], 'key'));
    }
  }
}
