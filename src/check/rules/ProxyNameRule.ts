import type { CheckContext } from '../CheckContext.js';
import { gatewayProxyName, sidecarServices } from '../topology.js';

/**
 * Every proxy has a name of its own: it names the output directory and
 * Envoy's node. A Gateway's proxy is `gateway-<name>` (`.<namespace>` outside
 * `default`), a sidecar is named after its service, so a Service called
 * `gateway-<name>` in the Gateway's namespace would be written over.
 */
export function ProxyNameRule(ctx: CheckContext): void {
  const sidecars = new Map(sidecarServices(ctx).map((s) => [`${s.name}.${s.namespace}`, s]));
  for (const g of ctx.ofKind('Gateway')) {
    const s = sidecars.get(`gateway-${g.name}.${g.namespace}`);
    if (!s) continue;
    ctx.report(
      'ProxyNameClash',
      ctx.span(g, ['metadata', 'name']),
      { gateway: g.name, service: s.name, proxy: gatewayProxyName(g.name, g.namespace) },
      [{ span: ctx.span(s, ['metadata', 'name']), note: 'OtherOneHere' }],
    );
  }
}
