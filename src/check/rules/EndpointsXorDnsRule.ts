import type { CheckContext } from '../CheckContext.js';

/** A service is found either by its static endpoints or by DNS, never both and never neither. */
export function EndpointsXorDnsRule(ctx: CheckContext): void {
  for (const s of ctx.ofKind('Service')) {
    const both = s.spec.endpoints !== undefined && s.spec.dns !== undefined;
    const neither = s.spec.endpoints === undefined && s.spec.dns === undefined;
    if (both) ctx.report('EndpointsXorDns', ctx.span(s, ['spec', 'dns'], 'key'), { service: s.name });
    else if (neither) ctx.report('EndpointsXorDns', ctx.span(s, ['spec'], 'key'), { service: s.name });
  }
}
