/** Mesh observability: access logs, tracing and the Prometheus listener, field by field. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE } from '../helpers/compile.js';
import { JSON_LOG_FORMAT, TEXT_LOG_FORMAT } from '../../src/lower/observability.js';
import { build, cluster, doc, inboundHcm, listener, mesh, proxy, type J } from './helpers.js';

const tcp = doc('Service', 'db', '  protocol: tcp\n  port: 5432\n  endpoints: [{ address: 10.0.5.1 }]\n  upstreams: []\n');
const otel = doc('Service', 'otel', '  protocol: grpc\n  port: 4317\n  endpoints: [{ address: 10.0.9.1 }]\n  upstreams: []\n');
const services = { 's.yaml': [BASE.svc('a'), BASE.svc('b'), tcp, otel].join('---\n') };
const obs = (spec: string): Record<string, string> => ({ 'm.yaml': mesh(`  observability:\n${spec}`) });
const FILE_LOG = 'type.googleapis.com/envoy.extensions.access_loggers.file.v3.FileAccessLog';

describe('access logs', () => {
  test('JSON: a file access log with the documented fields on every connection manager and tcp_proxy', () => {
    const ps = build({ ...services, ...obs('    accessLog: { format: json, path: /var/log/envoy.json }\n') });
    const want = [
      { name: 'envoy.access_loggers.file', typed_config: { '@type': FILE_LOG, path: '/var/log/envoy.json', log_format: { json_format: JSON_LOG_FORMAT } } },
    ];
    const a = proxy(ps, 'a');
    assert.deepEqual(inboundHcm(a)['access_log'], want);
    assert.deepEqual(listener(a, 'outbound|8080')['filter_chains'][0].filters[0].typed_config.access_log, want);
    assert.deepEqual(listener(a, 'outbound|5432')['filter_chains'][0].filters[0].typed_config.access_log, want);
    assert.deepEqual(listener(proxy(ps, 'db'), 'inbound')['filter_chains'][0].filters[0].typed_config.access_log, want);
    assert.deepEqual(Object.keys(JSON_LOG_FORMAT), [
      'start_time', 'method', 'path', 'protocol', 'status', 'response_flags', 'duration_ms', 'bytes_received', 'bytes_sent',
      'upstream_cluster', 'upstream_host', 'downstream_address', 'peer_identity', 'authority', 'user_agent', 'request_id', 'trace_id',
    ]);
    assert.equal(JSON_LOG_FORMAT['peer_identity'], '%DOWNSTREAM_PEER_URI_SAN%');
  });

  test('text (the default format) to /dev/stdout (the default path)', () => {
    const a = proxy(build({ ...services, ...obs('    accessLog: {}\n') }), 'a');
    assert.deepEqual(inboundHcm(a)['access_log'][0].typed_config, {
      '@type': FILE_LOG,
      path: '/dev/stdout',
      log_format: { text_format_source: { inline_string: TEXT_LOG_FORMAT } },
    });
    assert.ok(TEXT_LOG_FORMAT.endsWith('\n'));
  });

  test('no accessLog: no access_log anywhere', () => {
    assert.equal(inboundHcm(proxy(build(services), 'a'))['access_log'], undefined);
  });
});

describe('tracing', () => {
  test('OpenTelemetry to a mesh service: gRPC through its mTLS cluster, random sampling, the proxy as service name', () => {
    const ps = build({ ...services, ...obs('    tracing: { collector: otel, samplingPercent: 2.5 }\n') });
    const a = proxy(ps, 'a');
    assert.deepEqual(inboundHcm(a)['tracing'], {
      random_sampling: { value: 2.5 },
      provider: {
        name: 'envoy.tracers.opentelemetry',
        typed_config: {
          '@type': 'type.googleapis.com/envoy.config.trace.v3.OpenTelemetryConfig',
          grpc_service: { envoy_grpc: { cluster_name: 'outbound|4317||otel.default.svc.cluster.local' }, timeout: '1s' },
          service_name: 'a',
        },
      },
    });
    const c = cluster(proxy(ps, 'db'), 'outbound|4317||otel.default.svc.cluster.local'); // db has upstreams: [] and still gets it
    assert.equal(c['transport_socket'].typed_config.common_tls_context.combined_validation_context.default_validation_context
      .match_typed_subject_alt_names[0].matcher.exact, 'spiffe://cluster.local/ns/default/sa/otel');
    assert.ok(c['typed_extension_protocol_options']); // HTTP/2 for gRPC
    // The collector's own sidecar does not trace its own intake.
    assert.equal(inboundHcm(proxy(ps, 'otel'))['tracing'], undefined);
  });

  test('Zipkin to host:port: a STRICT_DNS cluster of its own, the v2 JSON endpoint', () => {
    const ps = build({ ...services, ...obs('    tracing: { provider: zipkin, collector: "zipkin.example.com:9411" }\n') });
    const a = proxy(ps, 'a');
    assert.deepEqual(inboundHcm(a)['tracing'], {
      random_sampling: { value: 1 },
      provider: {
        name: 'envoy.tracers.zipkin',
        typed_config: {
          '@type': 'type.googleapis.com/envoy.config.trace.v3.ZipkinConfig',
          collector_cluster: 'tracing|zipkin.example.com:9411',
          collector_endpoint: '/api/v2/spans',
          collector_endpoint_version: 'HTTP_JSON',
          collector_hostname: 'zipkin.example.com',
          trace_id_128bit: true,
          shared_span_context: false,
        },
      },
    });
    const c = cluster(a, 'tracing|zipkin.example.com:9411');
    assert.equal(c['type'], 'STRICT_DNS');
    assert.equal(c['typed_extension_protocol_options'], undefined);
    assert.equal(c['transport_socket'], undefined);
  });
});

describe('Prometheus', () => {
  test('a listener on the port that serves only the path, rewritten to the admin stats, everything else 404', () => {
    const ps = build({ ...services, ...obs('    metrics: { prometheus: { port: 15020, path: /metrics } }\n') });
    const p = proxy(ps, 'a');
    const l = listener(p, 'prometheus');
    assert.deepEqual(l['address'], { socket_address: { address: '0.0.0.0', port_value: 15020 } });
    const hcm = l['filter_chains'][0].filters[0].typed_config as J;
    assert.deepEqual(hcm['route_config'].virtual_hosts[0].routes, [
      { name: 'stats', match: { path: '/metrics' }, route: { cluster: 'prometheus-stats', prefix_rewrite: '/stats/prometheus' } },
      { name: 'not-found', match: { prefix: '/' }, direct_response: { status: 404 } },
    ]);
    assert.equal(hcm['access_log'], undefined);
    assert.deepEqual(cluster(p, 'prometheus-stats')['load_assignment'].endpoints[0].lb_endpoints[0].endpoint.address, {
      socket_address: { address: '127.0.0.1', port_value: 9901 },
    });
  });

  test('the default path needs no rewrite', () => {
    const l = listener(proxy(build({ ...services, ...obs('    metrics: { prometheus: {} }\n') }), 'a'), 'prometheus');
    assert.deepEqual(l['address'].socket_address.port_value, 15090);
    assert.deepEqual(l['filter_chains'][0].filters[0].typed_config.route_config.virtual_hosts[0].routes[0], {
      name: 'stats',
      match: { path: '/stats/prometheus' },
      route: { cluster: 'prometheus-stats' },
    });
  });
});
