import type { CheckContext, ServiceKey } from '../CheckContext.js';
import type { Resource } from '../../schema/index.js';

/**
 * A service has at most one HTTPRoute. Rules are tried in order, and across
 * two resources there is no order a reviewer could see, so meshc asks for one
 * route holding every rule instead of guessing which wins.
 */
export function SingleRouteRule(ctx: CheckContext): void {
  const first = new Map<ServiceKey, Resource<'HTTPRoute'>>();
  for (const r of ctx.ofKind('HTTPRoute')) {
    if (r.spec.service === undefined) continue;
    const key = ctx.resolveRef(r.spec.service, r.namespace);
    const other = first.get(key);
    if (!other) {
      first.set(key, r);
      continue;
    }
    ctx.report('MultipleRoutes', ctx.span(r, ['spec', 'service']), { service: r.spec.service }, [
      { span: ctx.span(other, ['spec', 'service']), note: 'OtherOneHere' },
    ]);
  }
}
