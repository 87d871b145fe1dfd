import { didYouMean } from '../../diagnostics/index.js';
import type { AnyResource } from '../../schema/index.js';
import type { CheckContext } from '../CheckContext.js';
import { gatewayOf } from '../gateways.js';

/**
 * Authorization and token validation run in the proxy of what they name, so
 * they name a service that has a sidecar or a Gateway that exists, and each
 * names one place to run (a RequestAuthentication exactly one).
 */
export function PolicyTargetRule(ctx: CheckContext): void {
  const gateways = ctx.ofKind('Gateway').flatMap((g) => [g.name, `${g.name}.${g.namespace}`]);
  const knownGateway = (r: AnyResource, ref: string): void => {
    if (gatewayOf(ctx, ref, r.namespace)) return;
    ctx.report('UnknownGateway', ctx.span(r, ['spec', 'gateway']), {
      name: ref,
      hint: didYouMean(ref, gateways) || (gateways.length === 0 ? 'there is no Gateway in the inputs' : ''),
    });
  };
  for (const p of ctx.ofKind('AuthorizationPolicy')) {
    if (p.spec.service !== undefined && p.spec.gateway !== undefined) {
      ctx.report('AuthzTargetXor', ctx.span(p, ['spec', 'gateway'], 'key'));
      continue;
    }
    if (p.spec.gateway !== undefined) knownGateway(p, p.spec.gateway);
    if (p.spec.service !== undefined && ctx.service(p.spec.service, p.namespace)?.spec.external === true) {
      ctx.report('UpstreamsOnExternal', ctx.span(p, ['spec', 'service']), { service: p.spec.service, field: 'an AuthorizationPolicy' });
    }
  }
  for (const r of ctx.ofKind('RequestAuthentication')) {
    if ((r.spec.service === undefined) === (r.spec.gateway === undefined)) {
      ctx.report('RequestAuthTargetXor', r.spec.service !== undefined ? ctx.span(r, ['spec', 'gateway'], 'key') : ctx.span(r, ['spec'], 'key'));
      continue;
    }
    if (r.spec.gateway !== undefined) knownGateway(r, r.spec.gateway);
    if (r.spec.service !== undefined && ctx.service(r.spec.service, r.namespace)?.spec.external === true) {
      ctx.report('UpstreamsOnExternal', ctx.span(r, ['spec', 'service']), { service: r.spec.service, field: 'a RequestAuthentication' });
    }
  }
}
