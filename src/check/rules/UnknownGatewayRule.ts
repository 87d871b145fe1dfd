import { didYouMean } from '../../diagnostics/index.js';
import type { CheckContext } from '../CheckContext.js';
import { gatewayOf } from '../gateways.js';

/** Every gateway an HTTPRoute attaches to exists. */
export function UnknownGatewayRule(ctx: CheckContext): void {
  const names = ctx.ofKind('Gateway').flatMap((g) => [g.name, `${g.name}.${g.namespace}`]);
  for (const r of ctx.ofKind('HTTPRoute')) {
    if (r.spec.gateway === undefined || r.spec.service !== undefined) continue; // both: RouteTargetRule
    if (gatewayOf(ctx, r.spec.gateway, r.namespace)) continue;
    ctx.report('UnknownGateway', ctx.span(r, ['spec', 'gateway']), {
      name: r.spec.gateway,
      hint: didYouMean(r.spec.gateway, names) || (names.length === 0 ? 'there is no Gateway in the inputs' : ''),
    });
  }
}
