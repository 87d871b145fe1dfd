import type { GatewayListenerSpec } from '../../schema/index.js';
import type { CheckContext } from '../CheckContext.js';
import { gatewayProxyName } from '../topology.js';

const tlsLike = (l: GatewayListenerSpec): boolean => l.protocol === 'https' || l.protocol === 'tls';

/**
 * Listeners of one gateway that share a port can be told apart: only https
 * and tls listeners share a port, chosen by SNI, and no host is served twice
 * there (two certificates for one host would leave the proxy guessing). And
 * none takes a port the gateway proxy has already: the admin interface's
 * (127.0.0.1, inside the listener's 0.0.0.0) and the Prometheus listener's.
 */
export function GatewayPortRule(ctx: CheckContext): void {
  const proxy = ctx.mesh?.spec.proxy;
  const prometheus = ctx.mesh?.spec.observability?.metrics?.prometheus;
  const reserved = new Map<number, string>([
    ...(prometheus ? [[prometheus.port ?? 15090, 'the Prometheus listener'] as const] : []),
    [proxy?.adminPort ?? 9901, 'the admin interface'],
  ]);
  for (const g of ctx.ofKind('Gateway')) {
    const byPort = new Map<number, { l: GatewayListenerSpec; i: number }[]>();
    g.spec.listeners.forEach((l, i) => {
      const list = byPort.get(l.port) ?? [];
      const taken = reserved.get(l.port);
      if (taken !== undefined && list.length === 0) {
        ctx.report('PortClash', ctx.span(g, ['spec', 'listeners', i, 'port']), {
          port: l.port,
          a: `listener "${l.name}"`,
          b: taken,
          proxy: `the gateway proxy "${gatewayProxyName(g.name, g.namespace)}"`,
        });
      }
      const conflict = list.find((o) => !(tlsLike(o.l) && tlsLike(l)));
      if (conflict) {
        ctx.report('GatewayPortConflict', ctx.span(g, ['spec', 'listeners', i, 'port']), {
          first: conflict.l.name,
          firstProtocol: conflict.l.protocol,
          second: l.name,
          secondProtocol: l.protocol,
          port: l.port,
        });
        return;
      }
      for (const o of list) {
        const theirs = o.l.hosts ?? ['*'];
        (l.hosts ?? ['*']).forEach((host, j) => {
          if (!theirs.includes(host)) return;
          const why =
            l.protocol === 'https' && o.l.protocol === 'https'
              ? 'two certificates for one host, and the proxy could not choose between them'
              : 'the proxy could not choose a listener by SNI';
          ctx.report(
            'GatewayDuplicateHost',
            ctx.span(g, l.hosts ? ['spec', 'listeners', i, 'hosts', j] : ['spec', 'listeners', i, 'name']),
            { host, first: o.l.name, second: l.name, port: l.port, why },
          );
        });
      }
      list.push({ l, i });
      byPort.set(l.port, list);
    });
  }
}
