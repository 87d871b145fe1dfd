import type { CheckContext } from '../CheckContext.js';

/**
 * External services get no sidecar, so the sidecar-only fields make no sense
 * on them; TLS origination (`tls`) only makes sense on them, and needs a name
 * (its SNI, or the DNS name it defaults to) to verify the server by.
 */
export function ExternalServiceRule(ctx: CheckContext): void {
  for (const s of ctx.ofKind('Service')) {
    if (s.spec.external === true) {
      if (s.spec.tls !== undefined && s.spec.tls.sni === undefined && s.spec.dns === undefined) {
        ctx.report('ExternalTlsNeedsSni', ctx.span(s, ['spec', 'tls'], 'key'), { service: s.name });
      }
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
