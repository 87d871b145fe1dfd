import type { CheckContext } from '../CheckContext.js';
import { mtlsModeOf, selectedServices } from '../security.js';

/**
 * A source that names a caller identity can match only where callers present
 * one: at a service whose inbound mTLS is enabled, never at a gateway.
 */
export function IdentityNeedsMtlsRule(ctx: CheckContext): void {
  for (const p of ctx.ofKind('AuthorizationPolicy')) {
    if (p.spec.service === undefined && p.spec.gateway !== undefined) {
      // Clients at the edge are not mesh workloads: no certificate, no identity.
      (p.spec.rules ?? []).forEach((rule, i) =>
        (rule.from ?? []).forEach((f, j) => {
          const field = f.service !== undefined ? 'service' : f.identity !== undefined ? 'identity' : f.namespace !== undefined ? 'namespace' : undefined;
          if (field === undefined) return;
          ctx.report('IdentityAtGateway', ctx.span(p, ['spec', 'rules', i, 'from', j, field]), {
            source: `${field}: ${String(f[field])}`,
            gateway: p.spec.gateway!,
          });
        }),
      );
      continue;
    }
    const plain = selectedServices(ctx, p).filter((s) => s.spec.external !== true && mtlsModeOf(ctx, s.namespace) === 'disabled');
    if (plain.length === 0) continue;
    (p.spec.rules ?? []).forEach((rule, i) =>
      (rule.from ?? []).forEach((f, j) => {
        const field = f.service !== undefined ? 'service' : f.identity !== undefined ? 'identity' : f.namespace !== undefined ? 'namespace' : undefined;
        if (field === undefined) return;
        for (const s of plain) {
          ctx.report('IdentityWithoutMtls', ctx.span(p, ['spec', 'rules', i, 'from', j, field]), {
            source: `${field}: ${String(f[field])}`,
            service: s.namespace === p.namespace ? s.name : `${s.name}.${s.namespace}`,
            namespace: s.namespace,
          });
        }
      }),
    );
  }
}
