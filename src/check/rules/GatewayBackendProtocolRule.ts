import type { CheckContext } from '../CheckContext.js';

/** A gateway sends HTTP requests to HTTP services and passes raw connections (tls, tcp listeners) to TCP services. */
export function GatewayBackendProtocolRule(ctx: CheckContext): void {
  for (const g of ctx.ofKind('Gateway')) {
    g.spec.listeners.forEach((l, i) => {
      if (l.backend === undefined || (l.protocol !== 'tls' && l.protocol !== 'tcp')) return;
      const s = ctx.service(l.backend.service, g.namespace);
      const protocol = s?.spec.protocol ?? 'http';
      if (!s || protocol === 'tcp') return;
      ctx.report('GatewayBackendProtocol', ctx.span(g, ['spec', 'listeners', i, 'backend', 'service']), {
        where: `the ${l.protocol} listener "${l.name}"`,
        needed: 'a tcp',
        service: l.backend.service,
        protocol,
      });
    });
  }
  for (const r of ctx.ofKind('HTTPRoute')) {
    if (r.spec.gateway === undefined || r.spec.service !== undefined) continue;
    r.spec.rules.forEach((rule, i) =>
      (rule.backends ?? []).forEach((b, j) => {
        if (ctx.service(b.service, r.namespace)?.spec.protocol !== 'tcp') return;
        ctx.report('GatewayBackendProtocol', ctx.span(r, ['spec', 'rules', i, 'backends', j, 'service']), {
          where: 'a gateway HTTPRoute',
          needed: 'an HTTP (http, http2 or grpc)',
          service: b.service,
          protocol: 'tcp',
        });
      }),
    );
  }
}
