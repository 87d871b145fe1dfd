import type { Resource } from '../schema/index.js';
import type { CheckContext, ServiceKey } from './CheckContext.js';

/**
 * The services a sidecar gets a virtual host or TCP listener for: its
 * `upstreams` when given (unknown names are left out; they are reported by
 * KnownUpstreamRule), otherwise every service of the mesh, its own included,
 * as Istio does without a Sidecar resource. In that full-mesh view its own
 * service is left out only where its outbound listener would take the port
 * its own app listens on (127.0.0.1:targetPort; targetPort defaults to the
 * port), so that the default needs no setting. Sorted by key.
 */
export function declaredUpstreams(ctx: CheckContext, service: Resource<'Service'>): ServiceKey[] {
  const refs = service.spec.upstreams;
  const self = `${service.name}.${service.namespace}`;
  const keys =
    refs === undefined
      ? [...ctx.services.keys()].filter((k) => k !== self || !ownPortIsAppPort(ctx, service))
      : refs.map((ref) => ctx.resolveRef(ref, service.namespace)).filter((k) => ctx.services.has(k));
  return [...new Set(keys)].sort();
}

/** Whether a sidecar's upstreams are the whole mesh (`upstreams` omitted). */
export function isFullMesh(service: Resource<'Service'>): boolean {
  return service.spec.upstreams === undefined;
}

/**
 * Whether outbound listeners bind where the app accepts connections: the app
 * listens on 127.0.0.1:targetPort, and listeners on 127.0.0.1 or 0.0.0.0
 * would take that port.
 */
export function outboundSharesAppAddress(ctx: CheckContext): boolean {
  const address = ctx.mesh?.spec.proxy?.outboundAddress ?? '127.0.0.1';
  return address === '127.0.0.1' || address === '0.0.0.0';
}

/** Whether a sidecar's outbound listener for its own service would sit on its own app's address and port. */
function ownPortIsAppPort(ctx: CheckContext, service: Resource<'Service'>): boolean {
  return outboundSharesAppAddress(ctx) && service.spec.port === (service.spec.targetPort ?? service.spec.port);
}

/** The services that get a sidecar: every service that is not external. */
export function sidecarServices(ctx: CheckContext): Resource<'Service'>[] {
  return [...ctx.services.values()].filter((s) => s.spec.external !== true);
}

/** Whether a service's traffic is proxied as HTTP (http, http2, grpc) rather than raw TCP. */
export function isHttp(service: Resource<'Service'>): boolean {
  return (service.spec.protocol ?? 'http') !== 'tcp';
}

/** The proxy name of a gateway: `gateway-<name>`, with `.<namespace>` outside `default`. */
export function gatewayProxyName(name: string, namespace: string): string {
  return namespace === 'default' ? `gateway-${name}` : `gateway-${name}.${namespace}`;
}
