import type { CheckContext, ServiceKey } from '../CheckContext.js';
import type { Resource } from '../../schema/index.js';

/** A service has at most one TrafficSplit: two would disagree on where its traffic goes. */
export function SingleSplitRule(ctx: CheckContext): void {
  const first = new Map<ServiceKey, Resource<'TrafficSplit'>>();
  for (const s of ctx.ofKind('TrafficSplit')) {
    const key = ctx.resolveRef(s.spec.service, s.namespace);
    const other = first.get(key);
    if (!other) {
      first.set(key, s);
      continue;
    }
    ctx.report('MultipleSplits', ctx.span(s, ['spec', 'service']), { service: s.spec.service }, [
      { span: ctx.span(other, ['spec', 'service']), note: 'OtherOneHere' },
    ]);
  }
}
