/**
 * Gateway proxies: one Envoy listener per port of a Gateway, with a filter
 * chain per gateway listener (told apart by SNI when several share a port).
 */
import { serviceIndex } from './serviceIndex.js';
import type { GatewayIr, GatewayListenerIr, MeshIr, ServiceIr } from '../ir/index.js';
import { socketAddress, T, typedExtension, type Json } from './envoy.js';
import { httpFilters } from './httpFilters.js';
import { httpConnectionManager, tcpProxy, tcpTarget } from './listener.js';
import { gatewayListenerName, gatewayRouteConfigName } from './names.js';
import { accessLog, tracing } from './observability.js';
import { networkRbacFilters } from './rbac.js';
import { envoyRoutes } from './route.js';
import { downstreamServerTls } from './tls.js';

/** The Envoy listeners of a gateway proxy, one per port, sorted by name. */
export function gatewayListeners(ir: MeshIr, gateway: GatewayIr): Json[] {
  const byKey = serviceIndex(ir);
  const ports = new Map<number, GatewayListenerIr[]>();
  for (const l of gateway.listeners) {
    const list = ports.get(l.port);
    if (list) list.push(l);
    else ports.set(l.port, [l]);
  }
  return [...ports.entries()].map(([port, listeners]) => {
    const chains = listeners.map((l) => filterChain(ir, gateway, l, byKey));
    // SNI is read before a chain is chosen whenever TLS arrives here (https termination or passthrough).
    const tls = listeners.some((l) => l.protocol === 'https' || l.protocol === 'tls');
    return {
      name: gatewayListenerName(port),
      address: socketAddress('0.0.0.0', port),
      ...(tls ? { listener_filters: [typedExtension('envoy.filters.listener.tls_inspector', T.TlsInspector)] } : {}),
      filter_chains: chains,
    };
  }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function filterChain(ir: MeshIr, gateway: GatewayIr, l: GatewayListenerIr, byKey: ReadonlyMap<string, ServiceIr>): Json {
  const sni = (l.protocol === 'https' || l.protocol === 'tls') && l.hosts.length > 0 ? { filter_chain_match: { server_names: l.hosts } } : {};
  const stat = `gateway_${l.name}`;
  if (l.protocol === 'tls' || l.protocol === 'tcp') {
    return {
      name: l.name,
      ...sni,
      filters: [
        ...networkRbacFilters(gateway.tcpAuthorization, stat),
        tcpProxy(stat, { ...tcpTarget(l.clusters, byKey), ...accessLog(ir.settings.observability) }),
      ],
    };
  }
  const routes = l.virtualHosts.flatMap((vh) => vh.routes);
  const routeConfig = {
    name: gatewayRouteConfigName(l.name),
    virtual_hosts: l.virtualHosts.map((vh) => ({
      name: vh.name,
      domains: vh.domains,
      routes: vh.routes.flatMap((r) => envoyRoutes(r, byKey)),
    })),
  };
  const hcm = httpConnectionManager(stat, routeConfig, httpFilters({ ir, direction: 'gateway', gateway, listener: l, routes }), {
    // An edge proxy: the client's address is the peer's, and hosts match with or without a port.
    use_remote_address: true,
    strip_any_host_port: true,
    ...tracing(ir, gateway.name, undefined),
    ...accessLog(ir.settings.observability),
  });
  return {
    name: l.name,
    ...sni,
    filters: [hcm],
    ...(l.tls ? { transport_socket: downstreamServerTls(l.tls) } : {}),
  };
}
