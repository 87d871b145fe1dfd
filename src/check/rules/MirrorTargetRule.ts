import type { CheckContext } from '../CheckContext.js';

/** Mirrored copies are HTTP requests, so they go to a service that speaks HTTP. */
export function MirrorTargetRule(ctx: CheckContext): void {
  for (const r of ctx.ofKind('HTTPRoute')) {
    r.spec.rules.forEach((rule, i) => {
      const m = rule.mirror;
      if (m === undefined) return;
      const target = ctx.service(m.service, r.namespace);
      if (target?.spec.protocol === 'tcp') {
        ctx.report('MirrorToTcp', ctx.span(r, ['spec', 'rules', i, 'mirror', 'service']), { service: m.service });
      }
    });
  }
}
