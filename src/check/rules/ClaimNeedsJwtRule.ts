import type { CheckContext } from '../CheckContext.js';
import { gatewayOf } from '../gateways.js';
import { gatewayHasRequestAuthentication, hasRequestAuthentication, selectedServices } from '../security.js';

/** A claim condition reads a token that a RequestAuthentication validated for the same service (or gateway); without one, it could never match. */
export function ClaimNeedsJwtRule(ctx: CheckContext): void {
  for (const p of ctx.ofKind('AuthorizationPolicy')) {
    const services = selectedServices(ctx, p).filter((s) => s.spec.protocol !== 'tcp' && !hasRequestAuthentication(ctx, s));
    const gateway = p.spec.service === undefined && p.spec.gateway !== undefined ? gatewayOf(ctx, p.spec.gateway, p.namespace) : undefined;
    const gatewayWithout = gateway !== undefined && !gatewayHasRequestAuthentication(ctx, gateway);
    if (services.length === 0 && !gatewayWithout) continue;
    (p.spec.rules ?? []).forEach((rule, i) =>
      (rule.when ?? []).forEach((w, j) => {
        if (w.claim === undefined || w.header !== undefined) return;
        if (gatewayWithout) {
          ctx.report('ClaimWithoutJwt', ctx.span(p, ['spec', 'rules', i, 'when', j, 'claim']), {
            what: `gateway "${p.spec.gateway!}"`,
            claim: w.claim,
          });
        }
        for (const s of services) {
          ctx.report('ClaimWithoutJwt', ctx.span(p, ['spec', 'rules', i, 'when', j, 'claim']), {
            what: `service "${s.namespace === p.namespace ? s.name : `${s.name}.${s.namespace}`}"`,
            claim: w.claim,
          });
        }
      }),
    );
  }
}
