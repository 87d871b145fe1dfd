import type { CheckContext } from '../CheckContext.js';

/**
 * External services get no sidecar, so the sidecar-only fields make no sense
 * on them; and TLS origination (`tls`) only makes sense on them.
 */
export function ExternalServiceRule(ctx: CheckContext): void {
  for (const s of ctx.ofKind('Service')) {
    if (s.spec.external === true) {
      for (const field of ['upstreams', 'identity'] as const) {
        if (s.spec[field] !== undefined) {
          ctx.report('UpstreamsOnExternal', ctx.span(s, ['spec', field], 'key'), { service: s.name, field });
        }
      }
    } else if (s.spec.tls !== undefined) {
      ctx.report('ExternalOnlyField', ctx.span(s, ['spec', 'tls'], 'key'), { field: 'tls' });
    }
  }
}
