import type { CheckContext } from '../CheckContext.js';

/** The route fields that are part of the language but not lowered by this version; refusing beats ignoring. */
const RULE_FIELDS_NOT_YET = ['fault', 'mirror', 'rewrite', 'headers', 'cors', 'rateLimit', 'redirect'] as const;

/**
 * meshc never silently ignores what a user wrote: a field of the language
 * that this version cannot compile yet is an error, not a no-op.
 */
export function NotSupportedYetRule(ctx: CheckContext): void {
  for (const r of ctx.ofKind('HTTPRoute')) {
    if (r.spec.gateway !== undefined) {
      ctx.report('NotSupportedYet', ctx.span(r, ['spec', 'gateway'], 'key'), { feature: 'an HTTPRoute on a gateway' });
    }
    r.spec.rules.forEach((rule, i) => {
      for (const field of RULE_FIELDS_NOT_YET) {
        if (rule[field] !== undefined) {
          ctx.report('NotSupportedYet', ctx.span(r, ['spec', 'rules', i, field], 'key'), { feature: `the rule field "${field}"` });
        }
      }
    });
  }
  for (const m of ctx.ofKind('Mesh')) {
    if (m.spec.observability !== undefined) {
      ctx.report('NotSupportedYet', ctx.span(m, ['spec', 'observability'], 'key'), { feature: 'observability' });
    }
  }
}
