/** Listeners: the inbound one in front of the app, and the outbound ones the app calls. */
import { serviceIndex } from './serviceIndex.js';
import type { MeshIr, ServiceIr, SidecarIr, WeightedClusterIr } from '../ir/index.js';
import { socketAddress, T, typedExtension, type Json } from './envoy.js';
import { httpFilters } from './httpFilters.js';
import { inboundClusterName, INBOUND_LISTENER, outboundClusterName, outboundListenerName } from './names.js';
import { accessLog, tracing } from './observability.js';
import { networkRbacFilters } from './rbac.js';
import { inboundRouteConfig, outboundRouteConfig } from './route.js';
import { downstreamMtls } from './tls.js';

export function httpConnectionManager(statPrefix: string, routeConfig: Json, filters: Json[], extra: Json = {}): Json {
  return typedExtension('envoy.filters.network.http_connection_manager', T.HttpConnectionManager, {
    stat_prefix: statPrefix,
    ...extra,
    route_config: routeConfig,
    http_filters: filters,
  });
}

export function tcpProxy(statPrefix: string, target: Json): Json {
  return typedExtension('envoy.filters.network.tcp_proxy', T.TcpProxy, { stat_prefix: statPrefix, ...target });
}

/**
 * The inbound listener on 0.0.0.0:<inboundPort>. Strict mTLS: one TLS filter
 * chain. Permissive: the TLS inspector picks between a TLS chain and a
 * plaintext one. Disabled: one plaintext chain.
 */
export function inboundListener(ir: MeshIr, sidecar: SidecarIr, service: ServiceIr): Json {
  const settings = ir.settings;
  const obs = settings.observability;
  const stat = `inbound_${service.name}`;
  // A TCP service's authorization is the network RBAC filters, in front of tcp_proxy.
  const filters =
    service.protocol === 'tcp'
      ? [...networkRbacFilters(service.authorization, stat), tcpProxy(stat, { cluster: inboundClusterName(service), ...accessLog(obs) })]
      : [
          httpConnectionManager(
            stat,
            inboundRouteConfig(service),
            httpFilters({ ir, sidecar, direction: 'inbound', service, routes: [] }),
            { ...tracing(ir, sidecar.name, service.key), ...accessLog(obs) },
          ),
        ];
  const tlsChain = { transport_socket: downstreamMtls(settings), filters };
  const address = socketAddress('0.0.0.0', settings.inboundPort);
  // The service's own mode: its namespace's override, or the mesh's.
  switch (service.mtls) {
    case 'strict':
      return { name: INBOUND_LISTENER, address, filter_chains: [tlsChain] };
    case 'permissive':
      return {
        name: INBOUND_LISTENER,
        address,
        listener_filters: [typedExtension('envoy.filters.listener.tls_inspector', T.TlsInspector)],
        // A server-speaks-first TCP client sends nothing for the inspector to look at: after the
        // listener filter timeout it is plaintext, not a dropped connection (as Istio does).
        continue_on_listener_filters_timeout: true,
        filter_chains: [
          { filter_chain_match: { transport_protocol: 'tls' }, ...tlsChain },
          { filter_chain_match: { transport_protocol: 'raw_buffer' }, filters },
        ],
      };
    case 'disabled':
      return { name: INBOUND_LISTENER, address, filter_chains: [{ filters }] };
  }
}

/**
 * The outbound listeners on <outboundAddress>: one per distinct port of the
 * HTTP upstreams, holding a virtual host per service, and one per TCP
 * upstream, proxying to its cluster (weighted when split).
 */
export function outboundListeners(ir: MeshIr, sidecar: SidecarIr, self: ServiceIr): Json[] {
  const byKey = serviceIndex(ir);
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
              httpFilters({ ir, sidecar, direction: 'outbound', service: self, routes: services.flatMap((s) => s.routes) }),
              { ...tracing(ir, sidecar.name, self.key), ...accessLog(ir.settings.observability) },
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
  const action = up.routes[0]!.action;
  const clusters = action.kind === 'forward' ? action.clusters : [];
  return {
    name: outboundListenerName(up.port),
    address: socketAddress(ir.settings.outboundAddress, up.port),
    filter_chains: [
      { filters: [tcpProxy(`outbound_${up.port}_${up.name}`, { ...tcpTarget(clusters, byKey), ...accessLog(ir.settings.observability) })] },
    ],
  };
}

/** A tcp_proxy's destination: one cluster, or weighted clusters for a split. */
export function tcpTarget(clusters: readonly WeightedClusterIr[], byKey: ReadonlyMap<string, ServiceIr>): Json {
  const name = (c: WeightedClusterIr): string => outboundClusterName(byKey.get(c.cluster.service)!, c.cluster.subset);
  // A hashing TCP cluster can only hash the client's address, and tcp_proxy says so itself.
  const sourceIpHash = clusters.some((c) => {
    const s = byKey.get(c.cluster.service)!;
    const p = s.subsets.find((x) => x.name === c.cluster.subset)?.policy ?? s.policy;
    return (p.algorithm === 'ring-hash' || p.algorithm === 'maglev') && p.hash?.kind === 'sourceIP';
  });
  return {
    ...(clusters.length === 1
      ? { cluster: name(clusters[0]!) }
      : { weighted_clusters: { clusters: clusters.map((c) => ({ name: name(c), weight: c.weight })) } }),
    ...(sourceIpHash ? { hash_policy: [{ source_ip: {} }] } : {}),
  };
}
