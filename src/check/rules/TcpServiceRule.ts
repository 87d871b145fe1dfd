import type { CheckContext } from '../CheckContext.js';

/** A TCP service carries no HTTP, so nothing that routes by HTTP attributes can apply to it. */
export function TcpServiceRule(ctx: CheckContext): void {
  for (const r of ctx.ofKind('HTTPRoute')) {
    if (r.spec.service === undefined) continue;
    const target = ctx.service(r.spec.service, r.namespace);
    if (target?.spec.protocol === 'tcp') {
      ctx.report('HttpFeatureOnTcp', ctx.span(r, ['spec', 'service']), { service: r.spec.service, feature: 'an HTTPRoute' });
    }
  }
}
