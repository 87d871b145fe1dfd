import type { CheckContext } from '../CheckContext.js';
import { hasRequestAuthentication, selectedServices } from '../security.js';

/** A claim condition reads a token that a RequestAuthentication validated for the same service; without one, it could never match. */
export function ClaimNeedsJwtRule(ctx: CheckContext): void {
  for (const p of ctx.ofKind('AuthorizationPolicy')) {
    const services = selectedServices(ctx, p).filter((s) => s.spec.protocol !== 'tcp' && !hasRequestAuthentication(ctx, s));
    if (services.length === 0) continue;
    (p.spec.rules ?? []).forEach((rule, i) =>
      (rule.when ?? []).forEach((w, j) => {
        if (w.claim === undefined || w.header !== undefined) return;
        for (const s of services) {
          ctx.report('ClaimWithoutJwt', ctx.span(p, ['spec', 'rules', i, 'when', j, 'claim']), {
            service: s.namespace === p.namespace ? s.name : `${s.name}.${s.namespace}`,
            claim: w.claim,
          });
        }
      }),
    );
  }
}
