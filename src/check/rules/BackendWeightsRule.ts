import type { CheckContext } from '../CheckContext.js';

/**
 * Backend weights are percentages of one rule's (or one split's) traffic and
 * add up to exactly 100. A lone backend may leave its weight out (100); among
 * several, a missing weight would silently mean "no traffic", so it is an error.
 */
export function BackendWeightsRule(ctx: CheckContext): void {
  for (const r of ctx.ofKind('HTTPRoute')) {
    r.spec.rules.forEach((rule, i) => {
      const backends = rule.backends ?? [];
      if (backends.length === 0) return;
      if (backends.length > 1) {
        const missing = backends.findIndex((b) => b.weight === undefined);
        if (missing >= 0) {
          ctx.report('BackendWeightMissing', ctx.span(r, ['spec', 'rules', i, 'backends', missing]), { count: backends.length });
          return;
        }
      }
      const sum = weightSum(backends.map((b) => b.weight), backends.length);
      if (sum !== 100) ctx.report('WeightsNotHundred', ctx.span(r, ['spec', 'rules', i, 'backends'], 'key'), { sum: show(sum) });
    });
  }
  for (const s of ctx.ofKind('TrafficSplit')) {
    const sum = weightSum(s.spec.backends.map((b) => b.weight), s.spec.backends.length);
    if (sum !== 100) ctx.report('WeightsNotHundred', ctx.span(s, ['spec', 'backends'], 'key'), { sum: show(sum) });
  }
}

/** The sum of weights, rounded to a millionth so that 33.3 + 33.3 + 33.4 is exactly 100. */
function weightSum(weights: readonly (number | undefined)[], count: number): number {
  const total = weights.reduce<number>((acc, w) => acc + (w ?? (count === 1 ? 100 : 0)), 0);
  return Math.round(total * 1e6) / 1e6;
}

function show(n: number): string {
  return String(n);
}
