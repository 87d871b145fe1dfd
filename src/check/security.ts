import type { Resource } from '../schema/index.js';
import type { CheckContext } from './CheckContext.js';

/**
 * The services an AuthorizationPolicy selects: the one it names (if it
 * exists), or, without `service`, every service of its namespace that gets a
 * sidecar. A policy that names a gateway selects no service.
 */
export function selectedServices(ctx: CheckContext, p: Resource<'AuthorizationPolicy'>): Resource<'Service'>[] {
  if (p.spec.service !== undefined) {
    const s = ctx.service(p.spec.service, p.namespace);
    return s ? [s] : [];
  }
  if (p.spec.gateway !== undefined) return [];
  return [...ctx.services.values()].filter((s) => s.namespace === p.namespace && s.spec.external !== true);
}

/** The inbound mTLS mode of a namespace's sidecars: the Mesh's override for it, or the mesh-wide mode. */
export function mtlsModeOf(ctx: CheckContext, namespace: string): 'strict' | 'permissive' | 'disabled' {
  const mtls = ctx.mesh?.spec.mtls;
  const overrides = mtls?.namespaces ?? {};
  return Object.prototype.hasOwnProperty.call(overrides, namespace) ? overrides[namespace]! : (mtls?.mode ?? 'strict');
}

/** Whether a RequestAuthentication validates tokens for a service. */
export function hasRequestAuthentication(ctx: CheckContext, service: Resource<'Service'>): boolean {
  const key = `${service.name}.${service.namespace}`;
  return ctx
    .ofKind('RequestAuthentication')
    .some((r) => r.spec.service !== undefined && ctx.resolveRef(r.spec.service, r.namespace) === key);
}

/** Whether a RequestAuthentication validates tokens at a gateway. */
export function gatewayHasRequestAuthentication(ctx: CheckContext, gateway: Resource<'Gateway'>): boolean {
  const key = `${gateway.name}.${gateway.namespace}`;
  return ctx
    .ofKind('RequestAuthentication')
    .some((r) => r.spec.service === undefined && r.spec.gateway !== undefined && ctx.resolveRef(r.spec.gateway, r.namespace) === key);
}
