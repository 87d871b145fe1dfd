import type { CheckContext } from '../CheckContext.js';

/** Every rule of a gateway route says where its requests go (backends) or answers them itself (redirect). */
export function GatewayRuleTargetRule(ctx: CheckContext): void {
  for (const r of ctx.ofKind('HTTPRoute')) {
    if (r.spec.gateway === undefined || r.spec.service !== undefined) continue;
    r.spec.rules.forEach((rule, i) => {
      if (rule.backends === undefined && rule.redirect === undefined) {
        ctx.report('GatewayRuleNeedsTarget', ctx.span(r, ['spec', 'rules', i]));
      }
    });
  }
}
