import type { CheckContext } from '../CheckContext.js';

/** Every TrafficSplit backend says where its share goes: a subset of the split's service, another service, or both. */
export function SplitBackendRule(ctx: CheckContext): void {
  for (const s of ctx.ofKind('TrafficSplit')) {
    s.spec.backends.forEach((b, j) => {
      if (b.subset === undefined && b.service === undefined) ctx.report('SplitBackendXor', ctx.span(s, ['spec', 'backends', j]));
    });
  }
}
