import type { CheckContext } from '../CheckContext.js';

/** Every service named in `upstreams` exists. */
export function KnownUpstreamRule(ctx: CheckContext): void {
  for (const s of ctx.ofKind('Service')) {
    (s.spec.upstreams ?? []).forEach((ref, i) => {
      if (ctx.service(ref, s.namespace)) return;
      ctx.report('UnknownUpstream', ctx.span(s, ['spec', 'upstreams', i]), {
        name: ref,
        hint: ctx.suggestService(ref, s.namespace),
      });
    });
  }
}
