/**
 * How meshc names Envoy resources. The scheme follows Istio's, which people
 * who read Envoy config dumps already know: `outbound|<port>|<subset>|<fqdn>`.
 */
import type { ClusterRefIr, ServiceIr } from '../ir/index.js';

/** The SDS cluster that reaches the local certificate agent. */
export const SDS_CLUSTER = 'sds-agent';
/** SPIRE's name for the workload certificate secret. */
export const SDS_WORKLOAD_SECRET = 'default';
/** SPIRE's name for the trust bundle secret. */
export const SDS_TRUST_BUNDLE_SECRET = 'ROOTCA';
/** The inbound listener of every sidecar. */
export const INBOUND_LISTENER = 'inbound';

/** The name of the outbound cluster for a service or one of its subsets. */
export function outboundClusterName(service: ServiceIr, subset: string | undefined): string {
  return `outbound|${service.port}|${subset ?? ''}|${service.fqdn}`;
}

/** The cluster that reaches the app inside the workload. */
export function inboundClusterName(service: ServiceIr): string {
  return `inbound|${service.targetPort}||${service.fqdn}`;
}

/** The name of the outbound listener on a port. */
export function outboundListenerName(port: number): string {
  return `outbound|${port}`;
}

/** Whether a listener is one of a sidecar's outbound listeners (HTTP per port, or TCP per service). */
export function isOutboundListener(listener: { readonly [key: string]: unknown }): boolean {
  return String(listener['name']).startsWith('outbound|');
}

/** The name of the virtual host for a service. */
export function virtualHostName(service: ServiceIr): string {
  return `${service.fqdn}:${service.port}`;
}

/** A key to look clusters up by reference. */
export function clusterRefKey(ref: ClusterRefIr): string {
  return `${ref.service}|${ref.subset ?? ''}`;
}

/** The Envoy listener of a gateway port (gateway listeners on one port share it, told apart by SNI). */
export function gatewayListenerName(port: number): string {
  return `gateway|${port}`;
}

/** The route configuration of a gateway listener (http or https), named after the gateway listener. */
export function gatewayRouteConfigName(listener: string): string {
  return `gateway|${listener}`;
}
