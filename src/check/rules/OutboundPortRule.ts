import type { Resource } from '../../schema/index.js';
import type { CheckContext } from '../CheckContext.js';
import { declaredUpstreams, isHttp, outboundSharesAppAddress, sidecarServices } from '../topology.js';

/**
 * Every outbound port of a sidecar has one meaning: HTTP services share a
 * listener per port (told apart by Host), but a TCP service has nothing to be
 * told apart by, so it needs a port of its own; no outbound port may be the
 * inbound or admin port of the same proxy; and none may be where the
 * sidecar's own app listens (127.0.0.1:targetPort) when the outbound
 * listeners bind that address too.
 */
export function OutboundPortRule(ctx: CheckContext): void {
  const reported = new Set<string>();
  const inbound = ctx.mesh?.spec.proxy?.inboundPort ?? 15006;
  const admin = ctx.mesh?.spec.proxy?.adminPort ?? 9901;
  const address = ctx.mesh?.spec.proxy?.outboundAddress ?? '127.0.0.1';
  const sharesAppAddress = outboundSharesAppAddress(ctx);
  for (const sidecar of sidecarServices(ctx)) {
    const byPort = new Map<number, Resource<'Service'>>();
    const appPort = sidecar.spec.targetPort ?? sidecar.spec.port;
    for (const key of declaredUpstreams(ctx, sidecar)) {
      const up = ctx.services.get(key)!;
      const port = up.spec.port;
      if (sharesAppAddress && port === appPort) {
        const at = (sidecar.spec.upstreams ?? []).findIndex((ref) => ctx.resolveRef(ref, sidecar.namespace) === key);
        ctx.report(
          'AppPortClash',
          at >= 0 ? ctx.span(sidecar, ['spec', 'upstreams', at]) : ctx.span(sidecar, ['spec', sidecar.spec.targetPort !== undefined ? 'targetPort' : 'port']),
          { proxy: sidecar.name, address, port, upstream: up.name },
        );
      }
      for (const [reserved, what] of [
        [inbound, 'the inbound listener'],
        [admin, 'the admin interface'],
      ] as const) {
        const id = `reserved|${key}|${reserved}`;
        if (port === reserved && !reported.has(id)) {
          reported.add(id);
          ctx.report('PortClash', ctx.span(up, ['spec', 'port']), {
            port,
            a: `service "${up.name}"`,
            b: what,
            proxy: `the sidecar "${sidecar.name}"`,
          });
        }
      }
      const other = byPort.get(port);
      if (!other) {
        byPort.set(port, up);
        continue;
      }
      if (isHttp(other) && isHttp(up)) continue;
      const id = `${port}|${other.name}.${other.namespace}|${key}`;
      if (reported.has(id)) continue;
      reported.add(id);
      ctx.report(
        'DuplicatePort',
        ctx.span(up, ['spec', 'port']),
        {
          a: `${other.name}.${other.namespace}`,
          b: key,
          port,
          reason: isHttp(other) !== isHttp(up) ? 'one is TCP and the other HTTP' : 'both are TCP',
        },
        [{ span: ctx.span(other, ['spec', 'port']), note: 'OtherOneHere' }],
      );
    }
  }
}
