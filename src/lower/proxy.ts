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
  /**
   * A full-mesh sidecar (no `upstreams`): the part of it that is the same in
   * every full-mesh sidecar, which xds mode writes once. Undefined for scoped
   * sidecars and gateways.
   */
  readonly shared?: SharedPart;
}

/** What a full-mesh sidecar shares with the others. */
export interface SharedPart {
  /** Its namespace: full-mesh sidecars of one namespace have the same outbound route configurations. */
  readonly namespace: string;
  /**
   * Every outbound cluster of the full mesh, sorted by name: the same array
   * (not merely equal) in every full-mesh sidecar, and all of it in its
   * `clusters` too.
   */
  readonly clusters: readonly Json[];
}

/** Sorts resources by name, the one order every output uses. */
export function byName(a: Json, b: Json): number {
  const x = String(a['name']);
  const y = String(b['name']);
  return x < y ? -1 : x > y ? 1 : 0;
}
