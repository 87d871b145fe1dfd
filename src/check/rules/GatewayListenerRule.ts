import type { CheckContext } from '../CheckContext.js';

const CERT_HINT = 'tls: { certificateChain: /path/cert.pem, privateKey: /path/key.pem } or tls: { sds: { secret: <name> } }';

/**
 * Each gateway listener has exactly the fields its protocol uses: https a
 * certificate, tls and tcp a backend, http (and https) routes; a field that
 * the protocol would ignore is an error, never a no-op.
 */
export function GatewayListenerRule(ctx: CheckContext): void {
  for (const g of ctx.ofKind('Gateway')) {
    g.spec.listeners.forEach((l, i) => {
      const at = ['spec', 'listeners', i];
      const protocol = l.protocol;
      const needs = (field: string, hint: string): void =>
        ctx.report('GatewayListenerNeeds', ctx.span(g, [...at, 'protocol']), { protocol, field, hint });
      const notHere = (field: string, hint: string): void =>
        ctx.report('GatewayListenerFieldNotAllowed', ctx.span(g, [...at, field], 'key'), { protocol, field, hint });

      if (protocol === 'https') {
        const t = l.tls;
        if (t === undefined) needs('tls', CERT_HINT);
        else {
          const files = t.certificateChain !== undefined || t.privateKey !== undefined;
          const complete = t.certificateChain !== undefined && t.privateKey !== undefined;
          if (files === (t.sds !== undefined) || (files && !complete)) {
            ctx.report('GatewayListenerNeeds', ctx.span(g, [...at, 'tls'], 'key'), {
              protocol,
              field: 'exactly one certificate: certificateChain and privateKey, or sds',
              hint: CERT_HINT,
            });
          }
        }
      } else if (l.tls !== undefined) {
        notHere('tls', protocol === 'tls' ? 'a tls listener passes TLS through; the backend holds the certificate' : 'only https listeners terminate TLS');
      }
      if (l.redirectToHttps !== undefined && protocol !== 'http') notHere('redirectToHttps', 'only http listeners redirect to https');
      if (protocol === 'tls' || protocol === 'tcp') {
        if (l.backend === undefined) needs('backend', 'backend: { service: <a tcp service> } says where the connections go');
      } else if (l.backend !== undefined) {
        notHere('backend', 'http and https listeners send requests where the HTTPRoutes on this gateway say');
      }
      if (protocol === 'tcp' && l.hosts !== undefined) notHere('hosts', 'a tcp listener sees no host name; use protocol tls to route by SNI');
    });
  }
}
