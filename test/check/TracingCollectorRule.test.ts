import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, found, hints, mesh, run } from './yaml.js';

const services = { 's.yaml': BASE.svc('a') + '---\n' + BASE.svc('otel', '  protocol: grpc\n') + '---\n' + BASE.svc('zipkin') };
const tracing = (t: string): string => mesh(`  observability:\n    tracing: ${t}\n`);

describe('TracingCollectorRule (MESH3003, MESH3211)', () => {
  test('an unknown collector service, with did-you-mean', () => {
    const r = run({ ...services, 'm.yaml': tracing('{ collector: otl }') });
    assert.deepEqual(found(r), ['m.yaml:6:27 MESH3003 unknown service "otl"']);
    assert.deepEqual(hints(r), ['did you mean "otel"?']);
  });

  test('a name that is no service gets a hint about host:port', () => {
    const r = run({ ...services, 'm.yaml': tracing('{ collector: collector-gateway }') });
    assert.deepEqual(hints(r), ['a collector outside the mesh is written host:port, e.g. otel.example.com:4317']);
  });

  test('OpenTelemetry needs a gRPC collector service; Zipkin one that speaks HTTP', () => {
    const r = run({ ...services, 'm.yaml': tracing('{ provider: opentelemetry, collector: zipkin }') });
    assert.deepEqual(found(r), ['m.yaml:6:52 MESH3211 OpenTelemetry sends spans over gRPC, but the collector service "zipkin" has protocol http']);
    assert.deepEqual(hints(r), ["set the collector service's protocol to grpc"]);
    const tcp = { 's.yaml': services['s.yaml'] + '---\n' + BASE.svc('raw', '  protocol: tcp\n') };
    const z = run({ ...tcp, 'm.yaml': tracing('{ provider: zipkin, collector: raw }') });
    assert.deepEqual(found(z).filter((l) => !l.includes('MESH3020')), ['m.yaml:6:45 MESH3211 Zipkin sends spans over HTTP, but the collector service "raw" has protocol tcp']);
  });

  test('silent: a gRPC service for OpenTelemetry, an HTTP one for Zipkin, and host:port', () => {
    assert.deepEqual(found(run({ ...services, 'm.yaml': tracing('{ collector: otel }') })), []);
    assert.deepEqual(found(run({ ...services, 'm.yaml': tracing('{ provider: zipkin, collector: zipkin.default }') })), []);
    assert.deepEqual(found(run({ ...services, 'm.yaml': tracing('{ collector: "otel.example.com:4317" }') })), []);
  });
});
