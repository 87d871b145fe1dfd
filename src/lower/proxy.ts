/** The Envoy resources of one proxy, before they are arranged into a bootstrap or xDS files. */
import type { Json } from './envoy.js';

/**
 * Everything generated for one proxy. Listeners and clusters are sorted by
 * name. Objects may be shared between proxies and must not be mutated.
 */
export interface ProxyConfig {
  /** Proxy name (`reviews`, `reviews.ns`, `gateway-public`). */
  readonly name: string;
  /** Envoy's node identity. */
  readonly node: Json;
  /** The admin interface. */
  readonly admin: Json;
  /** Listeners (LDS in xds mode). */
  readonly listeners: readonly Json[];
  /** Clusters (CDS in xds mode). */
  readonly clusters: readonly Json[];
  /**
   * Clusters the proxy needs before it can talk to anything, such as the SDS
   * agent's: always in the bootstrap's static_resources, in every mode.
   */
  readonly bootstrapClusters: readonly Json[];
}

/** Sorts resources by name, the one order every output uses. */
export function byName(a: Json, b: Json): number {
  const x = String(a['name']);
  const y = String(b['name']);
  return x < y ? -1 : x > y ? 1 : 0;
}
