import type { CheckContext } from '../CheckContext.js';
import { selects } from '../labels.js';

/**
 * Every subset selects at least one endpoint: an empty subset would be a
 * cluster with no hosts, and traffic sent to it would fail with 503s.
 */
export function SubsetSelectsEndpointRule(ctx: CheckContext): void {
  for (const s of ctx.ofKind('Service')) {
    const subsets = s.spec.subsets ?? {};
    const names = Object.keys(subsets);
    if (names.length === 0) continue;
    if (s.spec.dns !== undefined) {
      ctx.report('SubsetOnDnsService', ctx.span(s, ['spec', 'subsets'], 'key'), { service: s.name });
      continue;
    }
    const endpoints = s.spec.endpoints ?? [];
    for (const name of names) {
      const selector = subsets[name]!;
      if (endpoints.some((e) => selects(selector, e.labels))) continue;
      ctx.report('EmptySubset', ctx.span(s, ['spec', 'subsets', name], 'key'), {
        subset: name,
        service: s.name,
        labels: Object.entries(selector)
          .map(([k, v]) => `${k}=${v}`)
          .join(', ') || '(none)',
      });
    }
  }
}
