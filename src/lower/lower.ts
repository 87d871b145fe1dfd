import type { MeshIr, ServiceIr } from '../ir/index.js';
import { inboundCluster, outboundCluster, sdsCluster } from './cluster.js';
import { socketAddress } from './envoy.js';
import { inboundListener, outboundListeners } from './listener.js';
import { byName, type ProxyConfig } from './proxy.js';

/**
 * Lowers the IR to the Envoy resources of every proxy, one emitter per
 * resource kind. Proxies come out sorted by name, resources by name.
 */
export function lower(ir: MeshIr): ProxyConfig[] {
  const byKey = new Map<string, ServiceIr>(ir.services.map((s) => [s.key, s]));
  const settings = ir.settings;
  return ir.sidecars.map((sidecar) => {
    const service = byKey.get(sidecar.service)!;
    const listeners = [inboundListener(ir, sidecar, service), ...outboundListeners(ir, sidecar, service)].sort(byName);
    const clusters = [
      inboundCluster(settings, service),
      ...sidecar.clusters.map((c) => outboundCluster(settings, byKey.get(c.service)!, c.subset)),
    ];
    // The SDS agent is needed only when some TLS context asks it for the workload certificate.
    if (settings.certificates.kind === 'sds' && settings.mtls !== 'disabled') {
      clusters.push(sdsCluster(settings, settings.certificates.socket));
    }
    clusters.sort(byName);
    return {
      name: sidecar.name,
      node: { id: sidecar.name, cluster: service.name },
      admin: { address: socketAddress('127.0.0.1', settings.adminPort) },
      listeners,
      clusters,
    };
  });
}
