import type { CheckContext } from '../CheckContext.js';

/** Only a hashing balancer (ring-hash, maglev) has anything to hash, so hash settings appear only with one. */
export function HashPolicyRule(ctx: CheckContext): void {
  for (const p of ctx.ofKind('TrafficPolicy')) {
    const lb = p.spec.loadBalancer;
    if (lb?.hash === undefined) continue;
    const algorithm = lb.algorithm ?? 'round-robin';
    if (algorithm === 'ring-hash' || algorithm === 'maglev') continue;
    ctx.report('HashOnNonHashAlgorithm', ctx.span(p, ['spec', 'loadBalancer', 'hash'], 'key'), { algorithm });
  }
}
