import type { CheckContext } from '../CheckContext.js';

/**
 * meshc never silently ignores what a user wrote: a field of the language
 * that this version cannot compile yet is an error, not a no-op.
 */
export function NotSupportedYetRule(ctx: CheckContext): void {
  for (const r of ctx.ofKind('RequestAuthentication')) {
    if (r.spec.gateway !== undefined && r.spec.service === undefined) {
      ctx.report('NotSupportedYet', ctx.span(r, ['spec', 'gateway'], 'key'), { feature: 'a RequestAuthentication on a gateway' });
    }
  }
}
