/** ClusterLoadAssignment: the endpoints of a cluster, grouped by zone. */
import type { EndpointIr } from '../ir/index.js';
import { socketAddress, type Json } from './envoy.js';

/** A load assignment for static endpoints, all reached on `port`. */
export function staticLoadAssignment(clusterName: string, endpoints: readonly EndpointIr[], port: number): Json {
  const zones = new Map<string, EndpointIr[]>();
  for (const e of endpoints) {
    const z = e.zone ?? '';
    const list = zones.get(z);
    if (list) list.push(e);
    else zones.set(z, [e]);
  }
  const groups = [...zones.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([zone, list]) => ({
      ...(zone !== '' ? { locality: { zone } } : {}),
      lb_endpoints: list.map((e) => lbEndpoint(socketAddress(e.address, port), e.weight)),
    }));
  return { cluster_name: clusterName, endpoints: groups };
}

/** A load assignment with a single address (a DNS name, a loopback app port or a Unix socket). */
export function singleLoadAssignment(clusterName: string, address: Json): Json {
  return { cluster_name: clusterName, endpoints: [{ lb_endpoints: [lbEndpoint(address, undefined)] }] };
}

function lbEndpoint(address: Json, weight: number | undefined): Json {
  return { endpoint: { address }, ...(weight !== undefined ? { load_balancing_weight: weight } : {}) };
}
