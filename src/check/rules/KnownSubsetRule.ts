import { didYouMean } from '../../diagnostics/index.js';
import type { CheckContext } from '../CheckContext.js';
import { serviceReferences } from '../references.js';

/** Every subset a route or split names is defined by the service it belongs to. */
export function KnownSubsetRule(ctx: CheckContext): void {
  for (const ref of serviceReferences(ctx)) {
    if (ref.subset === undefined || !ref.subsetPath) continue;
    const service = ctx.service(ref.ref, ref.resource.namespace);
    if (!service) continue; // reported by KnownServiceRule
    const subsets = Object.keys(service.spec.subsets ?? {});
    if (subsets.includes(ref.subset)) continue;
    ctx.report('UnknownSubset', ctx.span(ref.resource, ref.subsetPath), {
      service: ref.ref,
      subset: ref.subset,
      hint:
        didYouMean(ref.subset, subsets) ||
        (subsets.length > 0 ? `its subsets are ${subsets.join(', ')}` : `"${ref.ref}" defines no subsets`),
    });
  }
}
