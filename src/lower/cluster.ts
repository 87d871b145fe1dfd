/** Clusters: one per (upstream service, subset), the app's inbound cluster, and the SDS agent's. */
import type { ClusterPolicyIr, MeshSettingsIr, ServiceIr } from '../ir/index.js';
import { envoyDuration } from '../util/duration.js';
import { singleLoadAssignment, staticLoadAssignment } from './endpoint.js';
import { socketAddress, T, typeUrl, type Json } from './envoy.js';
import { inboundClusterName, outboundClusterName, SDS_CLUSTER } from './names.js';
import { upstreamMtls, upstreamTlsOrigination } from './tls.js';

/** Upstream HTTP/2 (h2c or inside TLS), for gRPC and http2 services and the SDS agent. */
function http2Options(): Json {
  return httpProtocolOptions(true, undefined);
}

/**
 * HttpProtocolOptions: the upstream HTTP version (explicit, because Envoy
 * demands one when the options are present) and, from a TrafficPolicy's
 * `connection`, the idle timeout and requests per connection.
 */
function httpProtocolOptions(http2: boolean, connection: ClusterPolicyIr['connection']): Json {
  return {
    'envoy.extensions.upstreams.http.v3.HttpProtocolOptions': {
      '@type': typeUrl(T.HttpProtocolOptions),
      ...(connection
        ? {
            common_http_protocol_options: {
              idle_timeout: envoyDuration(connection.idleTimeoutMs),
              ...(connection.maxRequestsPerConnection !== undefined
                ? { max_requests_per_connection: connection.maxRequestsPerConnection }
                : {}),
            },
          }
        : {}),
      explicit_http_config: http2 ? { http2_protocol_options: {} } : { http_protocol_options: {} },
    },
  };
}

const LB_POLICY = {
  'round-robin': undefined,
  'least-request': 'LEAST_REQUEST',
  random: 'RANDOM',
  'ring-hash': 'RING_HASH',
  maglev: 'MAGLEV',
} as const;

/**
 * The TrafficPolicy's cluster fields: balancing, circuit breakers, outlier
 * detection and active health checks. Only what the user wrote is emitted;
 * Envoy's defaults are the schema's defaults for the rest.
 */
function policyFields(service: ServiceIr, policy: ClusterPolicyIr): Json {
  const lb = LB_POLICY[policy.algorithm];
  const cb = policy.circuitBreaker;
  const od = policy.outlierDetection;
  const hc = policy.healthCheck;
  return {
    ...(lb ? { lb_policy: lb } : {}),
    ...(cb
      ? {
          circuit_breakers: {
            thresholds: [
              {
                max_connections: cb.maxConnections,
                max_pending_requests: cb.maxPendingRequests,
                max_requests: cb.maxRequests,
                max_retries: cb.maxRetries,
              },
            ],
          },
        }
      : {}),
    ...(od
      ? {
          outlier_detection: {
            consecutive_5xx: od.consecutive5xx,
            interval: envoyDuration(od.intervalMs),
            base_ejection_time: envoyDuration(od.baseEjectionTimeMs),
            max_ejection_percent: od.maxEjectionPercent,
          },
        }
      : {}),
    ...(hc
      ? {
          health_checks: [
            {
              timeout: envoyDuration(hc.timeoutMs),
              interval: envoyDuration(hc.intervalMs),
              unhealthy_threshold: hc.unhealthyThreshold,
              healthy_threshold: hc.healthyThreshold,
              ...(hc.check.kind === 'http'
                ? {
                    http_health_check: {
                      // Without a host Envoy would send the cluster name; send the name the service answers to.
                      host: service.external && service.discovery.kind === 'dns' ? service.discovery.host : service.fqdn,
                      path: hc.check.path,
                      ...(speaksHttp2(service) ? { codec_client_type: 'HTTP2' } : {}),
                    },
                  }
                : { tcp_health_check: {} }),
            },
          ],
        }
      : {}),
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
  const sub = subset === undefined ? undefined : service.subsets.find((s) => s.name === subset)!;
  const endpoints = sub === undefined ? (d.kind === 'static' ? d.endpoints : []) : sub.endpoints;
  const policy = sub?.policy ?? service.policy;
  const http = service.protocol !== 'tcp';
  const transport = service.external
    ? service.tlsSni !== undefined
      ? upstreamTlsOrigination(service, service.tlsSni)
      : undefined
    : service.mtls === 'disabled'
      ? undefined
      : upstreamMtls(settings, service);
  return {
    name,
    type: d.kind === 'dns' ? 'STRICT_DNS' : 'STATIC',
    connect_timeout: envoyDuration(policy.connectTimeoutMs),
    ...policyFields(service, policy),
    ...(http && (speaksHttp2(service) || policy.connection)
      ? { typed_extension_protocol_options: httpProtocolOptions(speaksHttp2(service), policy.connection) }
      : {}),
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
