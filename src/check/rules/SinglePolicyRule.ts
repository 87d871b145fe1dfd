import type { Resource } from '../../schema/index.js';
import type { CheckContext } from '../CheckContext.js';

/**
 * A (service, subset) has at most one TrafficPolicy: two would leave meshc
 * to guess which setting wins. A subset policy is a different target and
 * overrides the service policy field by field.
 */
export function SinglePolicyRule(ctx: CheckContext): void {
  const first = new Map<string, Resource<'TrafficPolicy'>>();
  for (const p of ctx.ofKind('TrafficPolicy')) {
    const id = `${ctx.resolveRef(p.spec.service, p.namespace)}|${p.spec.subset ?? ''}`;
    const other = first.get(id);
    if (!other) {
      first.set(id, p);
      continue;
    }
    const target = p.spec.subset === undefined ? `service "${p.spec.service}"` : `subset "${p.spec.subset}" of service "${p.spec.service}"`;
    ctx.report('MultiplePolicies', ctx.span(p, ['spec', 'service']), { target }, [
      { span: ctx.span(other, ['spec', 'service']), note: 'OtherOneHere' },
    ]);
  }
}
