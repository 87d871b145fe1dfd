import type { CheckContext } from '../CheckContext.js';

/** Every authorization condition tests exactly one thing: a request header or a JWT claim. */
export function WhenConditionRule(ctx: CheckContext): void {
  for (const p of ctx.ofKind('AuthorizationPolicy')) {
    (p.spec.rules ?? []).forEach((rule, i) =>
      (rule.when ?? []).forEach((w, j) => {
        if ((w.header === undefined) === (w.claim === undefined)) {
          const at = ['spec', 'rules', i, 'when', j];
          ctx.report('WhenConditionXor', w.header !== undefined ? ctx.span(p, [...at, 'claim'], 'key') : ctx.span(p, at));
        }
      }),
    );
  }
}
