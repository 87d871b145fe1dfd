import { serviceIndex } from './serviceIndex.js';
import type { GatewayIr, MeshIr, ServiceIr, SidecarIr } from '../ir/index.js';
import { inboundCluster, outboundCluster, sdsCluster } from './cluster.js';
import { socketAddress, type Json } from './envoy.js';
import { gatewayListeners } from './gateway.js';
import { jwksClusters } from './jwt.js';
import { inboundListener, outboundListeners } from './listener.js';
import { prometheusCluster, prometheusListener, tracingAddressCluster, tracingService } from './observability.js';
import { outboundClusterName } from './names.js';
import { byName, type ProxyConfig, type SharedPart } from './proxy.js';

/**
 * Lowers the IR to the Envoy resources of every proxy, one emitter per
 * resource kind. Proxies come out sorted by name, resources by name.
 *
 * An outbound cluster depends only on its service, subset and the mesh
 * settings, so it is built once and the same object is shared by every proxy
 * that calls it (output treats resources as immutable).
 */
export function lower(ir: MeshIr): ProxyConfig[] {
  const byKey = serviceIndex(ir);
  const settings = ir.settings;
  const outbound = new Map<string, Json>();
  const outboundOf = (service: ServiceIr, subset: string | undefined): Json => {
    const name = outboundClusterName(service, subset);
    let c = outbound.get(name);
    if (!c) {
      c = outboundCluster(settings, service, subset);
      outbound.set(name, c);
    }
    return c;
  };
  // The SDS agent is needed only when some TLS context asks it for the workload certificate.
  const bootstrapClusters =
    settings.certificates.kind === 'sds' && ir.services.some((s) => !s.external && s.mtls !== 'disabled')
      ? [sdsCluster(settings, settings.certificates.socket)]
      : [];
  const admin = { address: socketAddress('127.0.0.1', settings.adminPort) };

  // Observability resources are the same in every proxy.
  const stats = [prometheusListener(ir)].filter((l): l is Json => l !== undefined);
  const observabilityClusters = [prometheusCluster(ir), tracingAddressCluster(ir)].filter((c): c is Json => c !== undefined);
  const sds = settings.certificates.kind === 'sds' ? [sdsCluster(settings, settings.certificates.socket)] : [];
  const meshTls = (s: ServiceIr): boolean => !s.external && s.mtls !== 'disabled';

  // Full-mesh sidecars have the same outbound clusters (the IR gives them the same list); they
  // share one array of them, which xds mode writes once.
  let meshClusters: Json[] | undefined;
  let meshClusterSet: Set<Json> | undefined;
  const sharedPart = (sidecar: SidecarIr, service: ServiceIr, outbound: readonly Json[]): SharedPart | undefined => {
    if (!sidecar.fullMesh) return undefined;
    if (!meshClusters || !meshClusterSet) {
      meshClusters = [...outbound].sort(byName);
      meshClusterSet = new Set(meshClusters);
    } else if (meshClusters.length !== outbound.length || outbound.some((c) => !meshClusterSet!.has(c))) {
      throw new Error(`full-mesh sidecar ${sidecar.name} has other outbound clusters than the rest`);
    }
    return { namespace: service.namespace, clusters: meshClusters };
  };

  const sidecars = ir.sidecars.map((sidecar): ProxyConfig => {
    const service = byKey.get(sidecar.service)!;
    const outbound = sidecar.clusters.map((c) => outboundOf(byKey.get(c.service)!, c.subset));
    const shared = sharedPart(sidecar, service, outbound);
    const listeners = [inboundListener(ir, sidecar, service), ...outboundListeners(ir, sidecar, service), ...stats].sort(byName);
    const upstreams = sidecar.clusters.map((c) => byKey.get(c.service)!);
    const collector = tracingService(ir, service.key);
    const clusters = new Map<string, Json>();
    for (const c of [
      inboundCluster(settings, service),
      ...outbound,
      ...(collector ? [outboundOf(collector, undefined)] : []),
      ...jwksClusters(settings, [service.jwt]),
      ...observabilityClusters,
    ]) {
      clusters.set(String(c['name']), c);
    }
    // The SDS agent, when some TLS context of this proxy asks it for the workload certificate:
    // its own inbound listener, or a cluster to a mesh service (namespaces may differ in mode).
    const needsSds = service.mtls !== 'disabled' || upstreams.some(meshTls) || (collector !== undefined && meshTls(collector));
    return {
      name: sidecar.name,
      node: { id: sidecar.name, cluster: service.name },
      admin,
      listeners,
      clusters: [...clusters.values()].sort(byName),
      bootstrapClusters: needsSds ? sds : [],
      ...(shared ? { shared } : {}),
    };
  });

  // Gateway proxies reach services like any caller (mesh mTLS with the gateway's own workload
  // certificate); an https listener with an SDS certificate needs the SDS agent even without mTLS.
  const gatewayClusters = (gateway: GatewayIr): Json[] => {
    const collector = tracingService(ir, undefined);
    const clusters = new Map<string, Json>();
    for (const c of [
      ...gateway.clusters.map((c) => outboundOf(byKey.get(c.service)!, c.subset)),
      ...(collector ? [outboundOf(collector, undefined)] : []),
      ...jwksClusters(settings, [gateway.jwt]),
      ...observabilityClusters,
    ]) {
      clusters.set(String(c['name']), c);
    }
    return [...clusters.values()].sort(byName);
  };
  const gateways = ir.gateways.map((gateway): ProxyConfig => {
    const sdsCert = gateway.listeners.some((l) => l.tls?.certificate.kind === 'sds');
    return {
      name: gateway.name,
      node: { id: gateway.name, cluster: gateway.name },
      admin,
      listeners: [...gatewayListeners(ir, gateway), ...stats].sort(byName),
      clusters: gatewayClusters(gateway),
      bootstrapClusters: bootstrapClusters.length > 0 || !sdsCert ? bootstrapClusters : [sdsCluster(settings, settings.sdsSocket)],
    };
  });
  return [...sidecars, ...gateways].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
