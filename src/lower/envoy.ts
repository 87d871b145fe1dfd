/** Envoy config as the proto3 JSON mapping: plain objects built in a fixed key order. */
export type Json = { [key: string]: unknown };

/** `type.googleapis.com/<name>`: the @type of an Any. */
export function typeUrl(fullName: string): string {
  return `type.googleapis.com/${fullName}`;
}

/** An extension (filter, transport socket) with its typed config. */
export function typedExtension(name: string, type: string, config: Json = {}): Json {
  return { name, typed_config: { '@type': typeUrl(type), ...config } };
}

/** A socket address. */
export function socketAddress(address: string, port: number): Json {
  return { socket_address: { address, port_value: port } };
}

/** Envoy type names meshc emits, in one place so that a typo cannot hide in a string. */
export const T = {
  Bootstrap: 'envoy.config.bootstrap.v3.Bootstrap',
  Cluster: 'envoy.config.cluster.v3.Cluster',
  Listener: 'envoy.config.listener.v3.Listener',
  RouteConfiguration: 'envoy.config.route.v3.RouteConfiguration',
  ClusterLoadAssignment: 'envoy.config.endpoint.v3.ClusterLoadAssignment',
  HttpConnectionManager: 'envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager',
  TcpProxy: 'envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy',
  Router: 'envoy.extensions.filters.http.router.v3.Router',
  UpstreamTlsContext: 'envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext',
  DownstreamTlsContext: 'envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext',
  TlsInspector: 'envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector',
  HttpProtocolOptions: 'envoy.extensions.upstreams.http.v3.HttpProtocolOptions',
  HttpRbac: 'envoy.extensions.filters.http.rbac.v3.RBAC',
  NetworkRbac: 'envoy.extensions.filters.network.rbac.v3.RBAC',
  JwtAuthentication: 'envoy.extensions.filters.http.jwt_authn.v3.JwtAuthentication',
  FileAccessLog: 'envoy.extensions.access_loggers.file.v3.FileAccessLog',
  OpenTelemetryConfig: 'envoy.config.trace.v3.OpenTelemetryConfig',
  ZipkinConfig: 'envoy.config.trace.v3.ZipkinConfig',
  HttpFault: 'envoy.extensions.filters.http.fault.v3.HTTPFault',
  Cors: 'envoy.extensions.filters.http.cors.v3.Cors',
  CorsPolicy: 'envoy.extensions.filters.http.cors.v3.CorsPolicy',
  LocalRateLimit: 'envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit',
} as const;
