/**
 * Observability from the Mesh: access logs on connection managers and
 * tcp_proxy, tracing on connection managers with the collector's cluster,
 * and the Prometheus stats listener with its cluster to the admin interface.
 */
import type { MeshIr, ObservabilityIr, ServiceIr, ServiceKey, TracingIr } from '../ir/index.js';
import { envoyDuration } from '../util/duration.js';
import { singleLoadAssignment } from './endpoint.js';
import { socketAddress, T, typedExtension, typeUrl, type Json } from './envoy.js';
import { isIpAddress } from './jwt.js';
import { outboundClusterName } from './names.js';

/** The Prometheus stats listener of every proxy. */
export const PROMETHEUS_LISTENER = 'prometheus';
/** The cluster that reaches the proxy's own admin interface, for the stats listener only. */
export const PROMETHEUS_CLUSTER = 'prometheus-stats';
/** Where the admin interface serves stats in Prometheus' text format. */
export const ADMIN_PROMETHEUS_PATH = '/stats/prometheus';

/**
 * The JSON access log's fields, in output order (docs/language.md documents
 * them). Works for HTTP and TCP alike: a field without a value for the
 * connection (the method of a TCP connection) is logged as null.
 */
export const JSON_LOG_FORMAT: Readonly<Record<string, string>> = {
  start_time: '%START_TIME%',
  method: '%REQ(:METHOD)%',
  path: '%REQ(X-ENVOY-ORIGINAL-PATH?:PATH)%',
  protocol: '%PROTOCOL%',
  status: '%RESPONSE_CODE%',
  response_flags: '%RESPONSE_FLAGS%',
  duration_ms: '%DURATION%',
  bytes_received: '%BYTES_RECEIVED%',
  bytes_sent: '%BYTES_SENT%',
  upstream_cluster: '%UPSTREAM_CLUSTER%',
  upstream_host: '%UPSTREAM_HOST%',
  downstream_address: '%DOWNSTREAM_REMOTE_ADDRESS%',
  peer_identity: '%DOWNSTREAM_PEER_URI_SAN%',
  authority: '%REQ(:AUTHORITY)%',
  user_agent: '%REQ(USER-AGENT)%',
  request_id: '%REQ(X-REQUEST-ID)%',
  trace_id: '%TRACE_ID%',
};

/** The text access log's line: the same fields as the JSON one, in an Envoy-default-like layout. */
export const TEXT_LOG_FORMAT =
  '[%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%" %RESPONSE_CODE% %RESPONSE_FLAGS% ' +
  '%BYTES_RECEIVED% %BYTES_SENT% %DURATION% "%UPSTREAM_CLUSTER%" "%UPSTREAM_HOST%" "%DOWNSTREAM_REMOTE_ADDRESS%" ' +
  '"%DOWNSTREAM_PEER_URI_SAN%" "%REQ(:AUTHORITY)%" "%REQ(USER-AGENT)%" "%REQ(X-REQUEST-ID)%" "%TRACE_ID%"\n';

/** `access_log` of a connection manager or tcp_proxy: a file access log, or nothing. */
export function accessLog(o: ObservabilityIr): Json {
  const a = o.accessLog;
  if (!a) return {};
  const log_format = a.format === 'json' ? { json_format: { ...JSON_LOG_FORMAT } } : { text_format_source: { inline_string: TEXT_LOG_FORMAT } };
  return { access_log: [typedExtension('envoy.access_loggers.file', T.FileAccessLog, { path: a.path, log_format })] };
}

/** The collector's cluster name: the whole-service cluster of a mesh service, or a cluster of its own for host:port. */
export function tracingClusterName(ir: MeshIr, t: TracingIr): string {
  const c = t.collector;
  if (c.kind === 'service') return outboundClusterName(ir.services.find((s) => s.key === c.service)!, undefined);
  return `tracing|${c.host.includes(':') ? `[${c.host}]` : c.host}:${c.port}`;
}

/**
 * `tracing` of a connection manager, named `serviceName` in spans. The
 * collector's own sidecar does not trace, so that exporting spans does not
 * create spans of its own.
 */
export function tracing(ir: MeshIr, serviceName: string, self: ServiceKey | undefined): Json {
  const t = ir.settings.observability.tracing;
  if (!t || (t.collector.kind === 'service' && t.collector.service === self)) return {};
  const cluster = tracingClusterName(ir, t);
  const provider =
    t.provider === 'opentelemetry'
      ? typedExtension('envoy.tracers.opentelemetry', T.OpenTelemetryConfig, {
          grpc_service: { envoy_grpc: { cluster_name: cluster }, timeout: '1s' },
          service_name: serviceName,
        })
      : typedExtension('envoy.tracers.zipkin', T.ZipkinConfig, {
          collector_cluster: cluster,
          collector_endpoint: '/api/v2/spans',
          collector_endpoint_version: 'HTTP_JSON',
          collector_hostname: collectorHost(ir, t),
          trace_id_128bit: true,
          shared_span_context: false,
        });
  return { tracing: { random_sampling: { value: t.samplingPercent }, provider } };
}

function collectorHost(ir: MeshIr, t: TracingIr): string {
  const c = t.collector;
  return c.kind === 'service' ? ir.services.find((s) => s.key === c.service)!.fqdn : c.host;
}

/** The collector's own cluster, for a `host:port` collector (plaintext; HTTP/2 for OTLP over gRPC). */
export function tracingAddressCluster(ir: MeshIr): Json | undefined {
  const t = ir.settings.observability.tracing;
  if (!t || t.collector.kind !== 'address') return undefined;
  const name = tracingClusterName(ir, t);
  return {
    name,
    type: isIpAddress(t.collector.host) ? 'STATIC' : 'STRICT_DNS',
    connect_timeout: envoyDuration(ir.settings.connectTimeoutMs),
    ...(t.provider === 'opentelemetry'
      ? {
          typed_extension_protocol_options: {
            [T.HttpProtocolOptions]: {
              '@type': typeUrl(T.HttpProtocolOptions),
              explicit_http_config: { http2_protocol_options: {} },
            },
          },
        }
      : {}),
    load_assignment: singleLoadAssignment(name, socketAddress(t.collector.host, t.collector.port)),
  };
}

/** The mesh service a proxy sends spans to, if the collector is one: its outbound cluster must be in the proxy. */
export function tracingService(ir: MeshIr, self: ServiceKey | undefined): ServiceIr | undefined {
  const t = ir.settings.observability.tracing;
  if (!t || t.collector.kind !== 'service' || t.collector.service === self) return undefined;
  const key = t.collector.service;
  return ir.services.find((s) => s.key === key);
}

/**
 * The stats listener on 0.0.0.0:<port>: exactly one path, forwarded to the
 * admin interface's Prometheus endpoint; everything else gets 404, so the
 * rest of the admin interface (which can change and stop the proxy) stays on
 * 127.0.0.1.
 */
export function prometheusListener(ir: MeshIr): Json | undefined {
  const p = ir.settings.observability.prometheus;
  if (!p) return undefined;
  const route = { cluster: PROMETHEUS_CLUSTER, ...(p.path !== ADMIN_PROMETHEUS_PATH ? { prefix_rewrite: ADMIN_PROMETHEUS_PATH } : {}) };
  return {
    name: PROMETHEUS_LISTENER,
    address: socketAddress('0.0.0.0', p.port),
    filter_chains: [
      {
        filters: [
          typedExtension('envoy.filters.network.http_connection_manager', T.HttpConnectionManager, {
            stat_prefix: PROMETHEUS_LISTENER,
            route_config: {
              name: PROMETHEUS_LISTENER,
              virtual_hosts: [
                {
                  name: PROMETHEUS_LISTENER,
                  domains: ['*'],
                  routes: [
                    { name: 'stats', match: { path: p.path }, route },
                    { name: 'not-found', match: { prefix: '/' }, direct_response: { status: 404 } },
                  ],
                },
              ],
            },
            http_filters: [typedExtension('envoy.filters.http.router', T.Router)],
          }),
        ],
      },
    ],
  };
}

/** The static cluster to the admin interface on 127.0.0.1, used by the stats listener only. */
export function prometheusCluster(ir: MeshIr): Json | undefined {
  if (!ir.settings.observability.prometheus) return undefined;
  return {
    name: PROMETHEUS_CLUSTER,
    type: 'STATIC',
    connect_timeout: envoyDuration(ir.settings.connectTimeoutMs),
    load_assignment: singleLoadAssignment(PROMETHEUS_CLUSTER, socketAddress('127.0.0.1', ir.settings.adminPort)),
  };
}
