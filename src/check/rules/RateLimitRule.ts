import { parseDuration } from '../../util/duration.js';
import type { CheckContext } from '../CheckContext.js';

/** A local rate limit's period is one Envoy can refill a token bucket at (50ms or longer). */
export function RateLimitRule(ctx: CheckContext): void {
  for (const r of ctx.ofKind('HTTPRoute')) {
    r.spec.rules.forEach((rule, i) => {
      const rl = rule.rateLimit;
      if (rl === undefined) return;
      const ms = parseDuration(rl.per);
      if (ms === 0 || ms >= 50) return; // zero is PositiveDurationRule's
      ctx.report('RateLimitTooFine', ctx.span(r, ['spec', 'rules', i, 'rateLimit', 'per']), {
        per: rl.per,
        requests: Math.max(1, Math.round((rl.requests * 1000) / ms)),
      });
    });
  }
}
