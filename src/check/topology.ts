import type { Resource } from '../schema/index.js';
import type { CheckContext, ServiceKey } from './CheckContext.js';

/**
 * The services a sidecar gets a virtual host or TCP listener for: its
 * `upstreams` when given (unknown names are left out; they are reported by
 * KnownUpstreamRule), otherwise every other service of the mesh, as Istio
 * does without a Sidecar resource. A service is not its own upstream unless
 * it says so: its outbound listener would sit on its own app's port.
 * Sorted by key.
 */
export function declaredUpstreams(ctx: CheckContext, service: Resource<'Service'>): ServiceKey[] {
  const refs = service.spec.upstreams;
  const self = `${service.name}.${service.namespace}`;
  const keys =
    refs === undefined
      ? [...ctx.services.keys()].filter((k) => k !== self)
      : refs.map((ref) => ctx.resolveRef(ref, service.namespace)).filter((k) => ctx.services.has(k));
  return [...new Set(keys)].sort();
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
