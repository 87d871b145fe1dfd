import type { CheckContext } from '../CheckContext.js';

/** A rule that answers with a redirect forwards nothing, so it names no backends. */
export function RedirectRule(ctx: CheckContext): void {
  for (const r of ctx.ofKind('HTTPRoute')) {
    r.spec.rules.forEach((rule, i) => {
      if (rule.redirect !== undefined && rule.backends !== undefined) {
        ctx.report('RedirectWithBackends', ctx.span(r, ['spec', 'rules', i, 'redirect'], 'key'));
      }
    });
  }
}
