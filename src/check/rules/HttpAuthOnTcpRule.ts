import type { CheckContext } from '../CheckContext.js';

/** A TCP service carries no HTTP, so no authorization attribute or token check that needs HTTP can be named for it. */
export function HttpAuthOnTcpRule(ctx: CheckContext): void {
  for (const p of ctx.ofKind('AuthorizationPolicy')) {
    if (p.spec.service === undefined) continue; // namespace-wide: fails closed on TCP services (docs/language.md)
    const s = ctx.service(p.spec.service, p.namespace);
    if (s?.spec.protocol !== 'tcp') continue;
    const args = (feature: string) => ({ service: p.spec.service!, feature });
    (p.spec.rules ?? []).forEach((rule, i) => {
      (rule.to ?? []).forEach((op, j) => {
        for (const field of ['methods', 'paths'] as const) {
          if (op[field] !== undefined) {
            ctx.report('HttpAuthOnTcp', ctx.span(p, ['spec', 'rules', i, 'to', j, field], 'key'), args(`a rule on ${field}`));
          }
        }
      });
      (rule.when ?? []).forEach((w, j) => {
        const field = w.claim !== undefined ? 'claim' : 'header';
        ctx.report('HttpAuthOnTcp', ctx.span(p, ['spec', 'rules', i, 'when', j, field], 'key'), args(`a ${field} condition`));
      });
    });
  }
  for (const r of ctx.ofKind('RequestAuthentication')) {
    if (r.spec.service === undefined) continue;
    if (ctx.service(r.spec.service, r.namespace)?.spec.protocol === 'tcp') {
      ctx.report('HttpAuthOnTcp', ctx.span(r, ['spec', 'service']), { service: r.spec.service, feature: 'JWT validation' });
    }
  }
}
