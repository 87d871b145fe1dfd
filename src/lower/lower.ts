import type { MeshIr, ServiceIr } from '../ir/index.js';
import { inboundCluster, outboundCluster, sdsCluster } from './cluster.js';
import { socketAddress, type Json } from './envoy.js';
import { inboundListener, outboundListeners } from './listener.js';
import { outboundClusterName } from './names.js';
import { byName, type ProxyConfig } from './proxy.js';

/**
 * Lowers the IR to the Envoy resources of every proxy, one emitter per
 * resource kind. Proxies come out sorted by name, resources by name.
 *
 * An outbound cluster depends only on its service, subset and the mesh
 * settings, so it is built once and the same object is shared by every proxy
 * that calls it (output treats resources as immutable).
 */
export function lower(ir: MeshIr): ProxyConfig[] {
  const byKey = new Map<string, ServiceIr>(ir.services.map((s) => [s.key, s]));
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
    settings.certificates.kind === 'sds' && settings.mtls !== 'disabled' ? [sdsCluster(settings, settings.certificates.socket)] : [];
  const admin = { address: socketAddress('127.0.0.1', settings.adminPort) };

  return ir.sidecars.map((sidecar) => {
    const service = byKey.get(sidecar.service)!;
    const listeners = [inboundListener(ir, sidecar, service), ...outboundListeners(ir, sidecar, service)].sort(byName);
    const clusters = [
      inboundCluster(settings, service),
      ...sidecar.clusters.map((c) => outboundOf(byKey.get(c.service)!, c.subset)),
    ].sort(byName);
    return {
      name: sidecar.name,
      node: { id: sidecar.name, cluster: service.name },
      admin,
      listeners,
      clusters,
      bootstrapClusters,
    };
  });
}
