import type { CheckContext } from '../CheckContext.js';
import { serviceReferences } from '../references.js';

/** Every service a route or split names exists. */
export function KnownServiceRule(ctx: CheckContext): void {
  for (const ref of serviceReferences(ctx)) {
    // A split backend with no service of its own inherits the split's service, reported once at spec.service.
    if (ref.refPath[ref.refPath.length - 1] !== 'service') continue;
    if (ctx.service(ref.ref, ref.resource.namespace)) continue;
    ctx.report('UnknownService', ctx.span(ref.resource, ref.refPath), {
      name: ref.ref,
      hint: ctx.suggestService(ref.ref, ref.resource.namespace),
    });
  }
}
