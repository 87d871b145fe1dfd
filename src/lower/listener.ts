/** Listeners: the inbound one in front of the app, and the outbound ones the app calls. */
import type { MeshIr, ServiceIr, SidecarIr } from '../ir/index.js';
import { socketAddress, T, typedExtension, type Json } from './envoy.js';
import { httpFilters } from './httpFilters.js';
import { inboundClusterName, INBOUND_LISTENER, outboundClusterName, outboundListenerName } from './names.js';
import { inboundRouteConfig, outboundRouteConfig } from './route.js';
import { downstreamMtls } from './tls.js';

function httpConnectionManager(statPrefix: string, routeConfig: Json, filters: Json[]): Json {
  return typedExtension('envoy.filters.network.http_connection_manager', T.HttpConnectionManager, {
    stat_prefix: statPrefix,
    route_config: routeConfig,
    http_filters: filters,
  });
}

function tcpProxy(statPrefix: string, target: Json): Json {
  return typedExtension('envoy.filters.network.tcp_proxy', T.TcpProxy, { stat_prefix: statPrefix, ...target });
}

/**
 * The inbound listener on 0.0.0.0:<inboundPort>. Strict mTLS: one TLS filter
 * chain. Permissive: the TLS inspector picks between a TLS chain and a
 * plaintext one. Disabled: one plaintext chain.
 */
export function inboundListener(ir: MeshIr, sidecar: SidecarIr, service: ServiceIr): Json {
  const settings = ir.settings;
  const filter =
    service.protocol === 'tcp'
      ? tcpProxy(`inbound_${service.name}`, { cluster: inboundClusterName(service) })
      : httpConnectionManager(
          `inbound_${service.name}`,
          inboundRouteConfig(service),
          httpFilters({ ir, sidecar, direction: 'inbound', service }),
        );
  const tlsChain = { transport_socket: downstreamMtls(settings), filters: [filter] };
  const address = socketAddress('0.0.0.0', settings.inboundPort);
  switch (settings.mtls) {
    case 'strict':
      return { name: INBOUND_LISTENER, address, filter_chains: [tlsChain] };
    case 'permissive':
      return {
        name: INBOUND_LISTENER,
        address,
        listener_filters: [typedExtension('envoy.filters.listener.tls_inspector', T.TlsInspector)],
        filter_chains: [
          { filter_chain_match: { transport_protocol: 'tls' }, ...tlsChain },
          { filter_chain_match: { transport_protocol: 'raw_buffer' }, filters: [filter] },
        ],
      };
    case 'disabled':
      return { name: INBOUND_LISTENER, address, filter_chains: [{ filters: [filter] }] };
  }
}

/**
 * The outbound listeners on <outboundAddress>: one per distinct port of the
 * HTTP upstreams, holding a virtual host per service, and one per TCP
 * upstream, proxying to its cluster (weighted when split).
 */
export function outboundListeners(ir: MeshIr, sidecar: SidecarIr, self: ServiceIr): Json[] {
  const byKey = new Map(ir.services.map((s) => [s.key, s]));
  const upstreams = sidecar.upstreams.map((k) => byKey.get(k)!);
  const httpPorts = new Map<number, ServiceIr[]>();
  const out: Json[] = [];
  for (const up of upstreams) {
    if (up.protocol === 'tcp') {
      out.push(tcpOutbound(ir, up, byKey));
      continue;
    }
    const list = httpPorts.get(up.port);
    if (list) list.push(up);
    else httpPorts.set(up.port, [up]);
  }
  for (const [port, services] of httpPorts) {
    out.push({
      name: outboundListenerName(port),
      address: socketAddress(ir.settings.outboundAddress, port),
      filter_chains: [
        {
          filters: [
            httpConnectionManager(
              `outbound_${port}`,
              outboundRouteConfig(ir, port, services, self.namespace),
              httpFilters({ ir, sidecar, direction: 'outbound', service: self }),
            ),
          ],
        },
      ],
    });
  }
  return out;
}

function tcpOutbound(ir: MeshIr, up: ServiceIr, byKey: ReadonlyMap<string, ServiceIr>): Json {
  // A TCP service has its implicit rule only: its clusters are the TrafficSplit's expansion.
  const clusters = up.routes[0]!.clusters;
  const name = (c: (typeof clusters)[number]): string => outboundClusterName(byKey.get(c.cluster.service)!, c.cluster.subset);
  const target =
    clusters.length === 1
      ? { cluster: name(clusters[0]!) }
      : { weighted_clusters: { clusters: clusters.map((c) => ({ name: name(c), weight: c.weight })) } };
  return {
    name: outboundListenerName(up.port),
    address: socketAddress(ir.settings.outboundAddress, up.port),
    filter_chains: [{ filters: [tcpProxy(`outbound_${up.port}_${up.name}`, target)] }],
  };
}
