/** TrafficPolicy resolution: one ClusterPolicyIr per (service, subset), a subset policy over the service's, field by field. */
import type { CheckContext } from '../check/index.js';
import type { Resource, TrafficPolicySpec } from '../schema/index.js';
import { parseDuration } from '../util/duration.js';
import type { ClusterPolicyIr, HashPolicyIr, HealthCheckIr, MeshSettingsIr } from './types.js';

/** The defaults the TrafficPolicy schema declares for a section the user wrote (docs/language.md lists them). */
export const POLICY_DEFAULTS = {
  circuitBreaker: { maxConnections: 1024, maxPendingRequests: 1024, maxRequests: 1024, maxRetries: 3 },
  outlierDetection: { consecutive5xx: 5, interval: '10s', baseEjectionTime: '30s', maxEjectionPercent: 10 },
  healthCheck: { path: '/', interval: '5s', timeout: '1s', healthyThreshold: 2, unhealthyThreshold: 3 },
  idleTimeout: '1h',
} as const;

/** Looks up the resolved policy of a service's cluster or of one of its subsets' clusters. */
export type PolicyOf = (service: string, subset: string | undefined) => ClusterPolicyIr;

/**
 * Indexes the TrafficPolicies (checking made them unique per service and
 * subset) and returns the lookup. Results are cached, so every caller of a
 * cluster sees the same object.
 */
export function buildPolicies(ctx: CheckContext, settings: MeshSettingsIr): PolicyOf {
  const specs = new Map<string, Resource<'TrafficPolicy'>>();
  for (const p of ctx.ofKind('TrafficPolicy')) {
    const id = `${ctx.resolveRef(p.spec.service, p.namespace)}|${p.spec.subset ?? ''}`;
    if (!specs.has(id)) specs.set(id, p);
  }
  const cache = new Map<string, ClusterPolicyIr>();
  return (service, subset) => {
    const id = `${service}|${subset ?? ''}`;
    let policy = cache.get(id);
    if (!policy) {
      const base = specs.get(`${service}|`)?.spec;
      const over = subset === undefined ? undefined : specs.get(id)?.spec;
      policy = resolvePolicy(over ? mergePolicy(base, over) : base, settings);
      cache.set(id, policy);
    }
    return policy;
  };
}

type Spec = Omit<TrafficPolicySpec, 'service' | 'subset'>;

/**
 * A subset policy over its service's policy, field by field. `loadBalancer`
 * is one field (an algorithm and its hash belong together); a health check's
 * kind (`http` or `tcp`) is replaced as a whole.
 */
export function mergePolicy(base: Spec | undefined, over: Spec): Spec {
  if (!base) return over;
  const section = <T extends object>(a: T | undefined, b: T | undefined): T | undefined =>
    a === undefined ? b : b === undefined ? a : { ...a, ...b };
  const hc = section(base.healthCheck, over.healthCheck);
  const kind = over.healthCheck?.http !== undefined || over.healthCheck?.tcp !== undefined ? over.healthCheck : base.healthCheck;
  const healthCheck =
    hc === undefined
      ? undefined
      : { ...hc, http: kind?.http, tcp: kind?.tcp };
  const out: Spec = {};
  const connectTimeout = over.connectTimeout ?? base.connectTimeout;
  const loadBalancer = over.loadBalancer ?? base.loadBalancer;
  const circuitBreaker = section(base.circuitBreaker, over.circuitBreaker);
  const outlierDetection = section(base.outlierDetection, over.outlierDetection);
  const connection = section(base.connection, over.connection);
  if (connectTimeout !== undefined) out.connectTimeout = connectTimeout;
  if (loadBalancer !== undefined) out.loadBalancer = loadBalancer;
  if (circuitBreaker !== undefined) out.circuitBreaker = circuitBreaker;
  if (outlierDetection !== undefined) out.outlierDetection = outlierDetection;
  if (healthCheck !== undefined) out.healthCheck = healthCheck;
  if (connection !== undefined) out.connection = connection;
  return out;
}

/** A policy spec with every default applied; sections the user did not write stay absent. */
export function resolvePolicy(spec: Spec | undefined, settings: MeshSettingsIr): ClusterPolicyIr {
  const d = POLICY_DEFAULTS;
  const cb = spec?.circuitBreaker;
  const od = spec?.outlierDetection;
  const hc = spec?.healthCheck;
  const conn = spec?.connection;
  const hash = spec?.loadBalancer?.hash;
  return {
    connectTimeoutMs: spec?.connectTimeout !== undefined ? parseDuration(spec.connectTimeout) : settings.connectTimeoutMs,
    algorithm: spec?.loadBalancer?.algorithm ?? 'round-robin',
    ...(hash ? { hash: hashOf(hash) } : {}),
    ...(cb
      ? {
          circuitBreaker: {
            maxConnections: cb.maxConnections ?? d.circuitBreaker.maxConnections,
            maxPendingRequests: cb.maxPendingRequests ?? d.circuitBreaker.maxPendingRequests,
            maxRequests: cb.maxRequests ?? d.circuitBreaker.maxRequests,
            maxRetries: cb.maxRetries ?? d.circuitBreaker.maxRetries,
          },
        }
      : {}),
    ...(od
      ? {
          outlierDetection: {
            consecutive5xx: od.consecutive5xx ?? d.outlierDetection.consecutive5xx,
            intervalMs: parseDuration(od.interval ?? d.outlierDetection.interval),
            baseEjectionTimeMs: parseDuration(od.baseEjectionTime ?? d.outlierDetection.baseEjectionTime),
            maxEjectionPercent: od.maxEjectionPercent ?? d.outlierDetection.maxEjectionPercent,
          },
        }
      : {}),
    ...(hc ? { healthCheck: healthCheckOf(hc) } : {}),
    ...(conn
      ? {
          connection: {
            idleTimeoutMs: parseDuration(conn.idleTimeout ?? d.idleTimeout),
            ...(conn.maxRequestsPerConnection !== undefined ? { maxRequestsPerConnection: conn.maxRequestsPerConnection } : {}),
          },
        }
      : {}),
  };
}

function hashOf(h: NonNullable<NonNullable<Spec['loadBalancer']>['hash']>): HashPolicyIr {
  if (h.header !== undefined) return { kind: 'header', header: h.header };
  if (h.cookie !== undefined) {
    return { kind: 'cookie', name: h.cookie.name, ...(h.cookie.ttl !== undefined ? { ttlMs: parseDuration(h.cookie.ttl) } : {}) };
  }
  return { kind: 'sourceIP' };
}

function healthCheckOf(hc: NonNullable<Spec['healthCheck']>): HealthCheckIr {
  const d = POLICY_DEFAULTS.healthCheck;
  return {
    // HealthCheckRule demands exactly one of http and tcp.
    check: hc.http !== undefined ? { kind: 'http', path: hc.http.path ?? d.path } : { kind: 'tcp' },
    intervalMs: parseDuration(hc.interval ?? d.interval),
    timeoutMs: parseDuration(hc.timeout ?? d.timeout),
    healthyThreshold: hc.healthyThreshold ?? d.healthyThreshold,
    unhealthyThreshold: hc.unhealthyThreshold ?? d.unhealthyThreshold,
  };
}
