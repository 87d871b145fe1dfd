import type { CheckContext } from '../CheckContext.js';

/** An active health check is either an HTTP request or a TCP connect: exactly one of the two. */
export function HealthCheckRule(ctx: CheckContext): void {
  for (const p of ctx.ofKind('TrafficPolicy')) {
    const hc = p.spec.healthCheck;
    if (hc === undefined) continue;
    if ((hc.http !== undefined) !== (hc.tcp !== undefined)) continue;
    ctx.report('HealthCheckKind', ctx.span(p, ['spec', 'healthCheck'], 'key'));
  }
}
