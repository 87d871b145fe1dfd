/** Clusters: one per (upstream service, subset), the app's inbound cluster, and the SDS agent's. */
import type { MeshSettingsIr, ServiceIr } from '../ir/index.js';
import { envoyDuration } from '../util/duration.js';
import { singleLoadAssignment, staticLoadAssignment } from './endpoint.js';
import { socketAddress, T, typeUrl, type Json } from './envoy.js';
import { inboundClusterName, outboundClusterName, SDS_CLUSTER } from './names.js';
import { upstreamMtls, upstreamTlsOrigination } from './tls.js';

/** Upstream HTTP/2 (h2c or inside TLS), for gRPC and http2 services and the SDS agent. */
function http2Options(): Json {
  return {
    'envoy.extensions.upstreams.http.v3.HttpProtocolOptions': {
      '@type': typeUrl(T.HttpProtocolOptions),
      explicit_http_config: { http2_protocol_options: {} },
    },
  };
}

function speaksHttp2(service: ServiceIr): boolean {
  return service.protocol === 'http2' || service.protocol === 'grpc';
}

/**
 * The cluster a caller uses for a service or one of its subsets. Mesh
 * services are reached on their sidecars' inbound port with mTLS; external
 * services on their own port, with TLS origination when they ask for it.
 */
export function outboundCluster(settings: MeshSettingsIr, service: ServiceIr, subset: string | undefined): Json {
  const name = outboundClusterName(service, subset);
  const port = service.external ? service.targetPort : settings.inboundPort;
  const d = service.discovery;
  const endpoints = subset === undefined ? (d.kind === 'static' ? d.endpoints : []) : service.subsets.find((s) => s.name === subset)!.endpoints;
  const transport = service.external
    ? service.tlsSni !== undefined
      ? upstreamTlsOrigination(service, service.tlsSni)
      : undefined
    : settings.mtls === 'disabled'
      ? undefined
      : upstreamMtls(settings, service);
  return {
    name,
    type: d.kind === 'dns' ? 'STRICT_DNS' : 'STATIC',
    connect_timeout: envoyDuration(settings.connectTimeoutMs),
    ...(speaksHttp2(service) ? { typed_extension_protocol_options: http2Options() } : {}),
    load_assignment:
      d.kind === 'dns' ? singleLoadAssignment(name, socketAddress(d.host, port)) : staticLoadAssignment(name, endpoints, port),
    ...(transport ? { transport_socket: transport } : {}),
  };
}

/** The cluster the inbound listener forwards to: the app on 127.0.0.1:targetPort. */
export function inboundCluster(settings: MeshSettingsIr, service: ServiceIr): Json {
  const name = inboundClusterName(service);
  return {
    name,
    type: 'STATIC',
    connect_timeout: envoyDuration(settings.connectTimeoutMs),
    ...(speaksHttp2(service) ? { typed_extension_protocol_options: http2Options() } : {}),
    load_assignment: singleLoadAssignment(name, socketAddress('127.0.0.1', service.targetPort)),
  };
}

/** The cluster that reaches the certificate agent's SDS over its Unix socket (gRPC, so HTTP/2). */
export function sdsCluster(settings: MeshSettingsIr, socket: string): Json {
  return {
    name: SDS_CLUSTER,
    type: 'STATIC',
    connect_timeout: envoyDuration(settings.connectTimeoutMs),
    typed_extension_protocol_options: http2Options(),
    load_assignment: singleLoadAssignment(SDS_CLUSTER, { pipe: { path: socket } }),
  };
}
