import type { CheckContext } from '../CheckContext.js';

/**
 * Authorization and token validation run in the sidecar of the service they
 * name, so they name a service that has one, and a RequestAuthentication
 * names exactly one place to run.
 */
export function PolicyTargetRule(ctx: CheckContext): void {
  for (const p of ctx.ofKind('AuthorizationPolicy')) {
    if (p.spec.service !== undefined && ctx.service(p.spec.service, p.namespace)?.spec.external === true) {
      ctx.report('UpstreamsOnExternal', ctx.span(p, ['spec', 'service']), { service: p.spec.service, field: 'an AuthorizationPolicy' });
    }
  }
  for (const r of ctx.ofKind('RequestAuthentication')) {
    if ((r.spec.service === undefined) === (r.spec.gateway === undefined)) {
      ctx.report('RequestAuthTargetXor', r.spec.service !== undefined ? ctx.span(r, ['spec', 'gateway'], 'key') : ctx.span(r, ['spec'], 'key'));
      continue;
    }
    if (r.spec.service !== undefined && ctx.service(r.spec.service, r.namespace)?.spec.external === true) {
      ctx.report('UpstreamsOnExternal', ctx.span(r, ['spec', 'service']), { service: r.spec.service, field: 'a RequestAuthentication' });
    }
  }
}
