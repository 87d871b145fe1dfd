import type { CheckContext } from '../CheckContext.js';
import { declaredUpstreams, sidecarServices } from '../topology.js';

/**
 * The Prometheus stats listener (0.0.0.0:<port> in every proxy) has a port
 * of its own: not the inbound or admin port, not an outbound listener's port,
 * and not the port the sidecar's own app listens on.
 */
export function PrometheusPortRule(ctx: CheckContext): void {
  const m = ctx.mesh;
  const prom = m?.spec.observability?.metrics?.prometheus;
  if (!m || !prom) return;
  const port = prom.port ?? 15090;
  const at = ctx.span(m, ['spec', 'observability', 'metrics', 'prometheus', ...(prom.port !== undefined ? ['port'] : [])]);
  const clash = (b: string, proxy: string): void => ctx.report('PortClash', at, { port, a: 'the Prometheus listener', b, proxy });
  const sidecar = (name: string): string => `the sidecar "${name}"`;
  if (port === (m.spec.proxy?.inboundPort ?? 15006)) return clash('the inbound listener', 'every sidecar');
  if (port === (m.spec.proxy?.adminPort ?? 9901)) return clash('the admin interface', 'every proxy');
  for (const s of sidecarServices(ctx)) {
    const proxy = s.namespace === 'default' ? s.name : `${s.name}.${s.namespace}`;
    if ((s.spec.targetPort ?? s.spec.port) === port) return clash(`the app of service "${s.name}"`, sidecar(proxy));
    const up = declaredUpstreams(ctx, s).find((k) => ctx.services.get(k)!.spec.port === port);
    if (up) return clash(`the outbound listener for service "${ctx.services.get(up)!.name}"`, sidecar(proxy));
  }
}
