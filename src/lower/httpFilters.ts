/**
 * HTTP filters as small plug-ins (design rule 7). Each plug-in decides
 * whether it applies to a connection manager and returns its filter; the
 * order of HTTP_FILTERS is the order in the filter chain, router last.
 */
import type { AuthorizationIr, GatewayIr, GatewayListenerIr, MeshIr, RouteIr, ServiceIr, SidecarIr } from '../ir/index.js';
import { T, typedExtension, type Json } from './envoy.js';
import { jwtAuthnFilter } from './jwt.js';
import { HTTP_RBAC_FILTER, httpRbacFilter, JWT_AUTHN_FILTER } from './rbac.js';
import { FILTER } from './route.js';

/**
 * What a plug-in may look at when a connection manager is built: a sidecar's
 * (inbound or outbound) or a gateway listener's. `direction` tells them apart.
 */
export type HttpFilterContext = SidecarFilterContext | GatewayFilterContext;

/** A sidecar's connection manager. */
export interface SidecarFilterContext {
  readonly ir: MeshIr;
  readonly sidecar: SidecarIr;
  /** `inbound`: in front of the sidecar's own app; `outbound`: towards upstreams. */
  readonly direction: 'inbound' | 'outbound';
  /** The service the sidecar fronts. */
  readonly service: ServiceIr;
  /** The meshc rules lowered into this connection manager's routes (none inbound). */
  readonly routes: readonly RouteIr[];
}

/** A gateway listener's connection manager (http or https). */
export interface GatewayFilterContext {
  readonly ir: MeshIr;
  /** Discriminant: an ingress connection manager. */
  readonly direction: 'gateway';
  readonly gateway: GatewayIr;
  readonly listener: GatewayListenerIr;
  /** The meshc rules lowered into this connection manager's routes. */
  readonly routes: readonly RouteIr[];
}

/** One HTTP filter. */
export interface HttpFilterPlugin {
  /** The filter's Envoy name. */
  readonly name: string;
  /** The filter, or undefined when it does not apply here. */
  build(ctx: HttpFilterContext): Json | undefined;
}

/** The router: always present, always last. */
const router: HttpFilterPlugin = {
  name: 'envoy.filters.http.router',
  build: () => typedExtension('envoy.filters.http.router', T.Router),
};

/** CORS: on when a route of this connection manager has a CORS policy (per-route CorsPolicy). */
const cors: HttpFilterPlugin = {
  name: FILTER.cors,
  build: (ctx) => (ctx.routes.some((r) => r.cors) ? typedExtension(FILTER.cors, T.Cors) : undefined),
};

/** Fault injection: on when a route injects faults; the filter config is empty, the faults are per route. */
const fault: HttpFilterPlugin = {
  name: FILTER.fault,
  build: (ctx) => (ctx.routes.some((r) => r.fault) ? typedExtension(FILTER.fault, T.HttpFault) : undefined),
};

/**
 * Local rate limit: on when a route limits; without a token bucket here the
 * filter limits nothing, each route's token bucket is in its per-route config.
 */
const localRateLimit: HttpFilterPlugin = {
  name: FILTER.localRateLimit,
  build: (ctx) =>
    ctx.routes.some((r) => r.rateLimit)
      ? typedExtension(FILTER.localRateLimit, T.LocalRateLimit, { stat_prefix: 'http_local_rate_limiter' })
      : undefined,
};

/**
 * Whether a gateway listener forwards anything. A listener that only
 * redirects (to https) answers before a token or a policy could matter:
 * checking there would answer 401/403 instead of the redirect.
 */
function gatewayForwards(ctx: GatewayFilterContext): boolean {
  return ctx.routes.some((r) => r.action.kind !== 'redirect');
}

/** The authorization in front of an app (inbound) or at a forwarding gateway listener; none outbound. */
function authorizationOf(ctx: HttpFilterContext): AuthorizationIr | undefined {
  if (ctx.direction === 'inbound') return ctx.service.authorization;
  return ctx.direction === 'gateway' && gatewayForwards(ctx) ? ctx.gateway.authorization : undefined;
}

/** JWT validation: in front of an app whose service has a RequestAuthentication, or at a gateway that has one. */
const jwtAuthn: HttpFilterPlugin = {
  name: JWT_AUTHN_FILTER,
  build: (ctx) => {
    const jwt = ctx.direction === 'inbound' ? ctx.service.jwt : ctx.direction === 'gateway' && gatewayForwards(ctx) ? ctx.gateway.jwt : undefined;
    return jwt ? jwtAuthnFilter(jwt) : undefined;
  },
};

/** Authorization, DENY policies: where a DENY policy applies. */
const rbacDeny: HttpFilterPlugin = {
  name: HTTP_RBAC_FILTER,
  build: (ctx) => httpRbacFilter(authorizationOf(ctx), 'DENY'),
};

/** Authorization, ALLOW policies: where an ALLOW policy applies (default deny). */
const rbacAllow: HttpFilterPlugin = {
  name: HTTP_RBAC_FILTER,
  build: (ctx) => httpRbacFilter(authorizationOf(ctx), 'ALLOW'),
};

/** Every HTTP filter meshc knows, in chain order. */
export const HTTP_FILTERS: readonly HttpFilterPlugin[] = [jwtAuthn, rbacDeny, rbacAllow, cors, fault, localRateLimit, router];

/** The filters of one connection manager. */
export function httpFilters(ctx: HttpFilterContext): Json[] {
  const out: Json[] = [];
  for (const plugin of HTTP_FILTERS) {
    const f = plugin.build(ctx);
    if (f) out.push(f);
  }
  return out;
}
