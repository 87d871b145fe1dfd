import type { CheckContext } from '../CheckContext.js';

/** What only a forwarded request has: Envoy RouteAction fields, which a redirect route has no place for. */
const FORWARDING_ONLY = ['timeout', 'retries', 'mirror', 'rewrite'] as const;

/**
 * A rule that answers with a redirect forwards nothing, so it names no
 * backends (MESH3101) and has none of the settings of forwarding (MESH3118):
 * lowering would have nowhere to put them. Faults, CORS, rate limits and
 * header changes are filters and route settings that apply to a redirect too.
 */
export function RedirectRule(ctx: CheckContext): void {
  for (const r of ctx.ofKind('HTTPRoute')) {
    r.spec.rules.forEach((rule, i) => {
      if (rule.redirect === undefined) return;
      if (rule.backends !== undefined) {
        ctx.report('RedirectWithBackends', ctx.span(r, ['spec', 'rules', i, 'redirect'], 'key'));
      }
      for (const field of FORWARDING_ONLY) {
        if (rule[field] !== undefined) ctx.report('RedirectWithForwarding', ctx.span(r, ['spec', 'rules', i, field], 'key'), { field });
      }
    });
  }
}
