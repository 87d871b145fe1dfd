import type { CheckContext } from '../CheckContext.js';
import { mtlsModeOf, selectedServices } from '../security.js';

/** A source that names a caller identity protects a service only when its inbound mTLS can tell identities apart. */
export function IdentityNeedsMtlsRule(ctx: CheckContext): void {
  for (const p of ctx.ofKind('AuthorizationPolicy')) {
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
