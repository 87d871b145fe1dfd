import type { CheckContext } from '../CheckContext.js';

/** Spans go to a collector that exists and speaks the tracer's protocol: gRPC for OpenTelemetry, HTTP for Zipkin. */
export function TracingCollectorRule(ctx: CheckContext): void {
  const m = ctx.mesh;
  const t = m?.spec.observability?.tracing;
  if (!m || !t || /:\d+$/.test(t.collector)) return; // host:port: outside the mesh
  const at = ctx.span(m, ['spec', 'observability', 'tracing', 'collector']);
  const s = ctx.service(t.collector, m.namespace);
  if (!s) {
    const close = ctx.suggestService(t.collector, m.namespace);
    ctx.report('UnknownService', at, {
      name: t.collector,
      hint: close || 'a collector outside the mesh is written host:port, e.g. otel.example.com:4317',
    });
    return;
  }
  const protocol = s.spec.protocol ?? 'http';
  const provider = t.provider ?? 'opentelemetry';
  if (provider === 'opentelemetry' && protocol !== 'grpc' && protocol !== 'http2') {
    ctx.report('TracingCollectorProtocol', at, { provider: 'OpenTelemetry', needs: 'gRPC', service: t.collector, protocol, expected: 'grpc' });
  }
  if (provider === 'zipkin' && protocol === 'tcp') {
    ctx.report('TracingCollectorProtocol', at, { provider: 'Zipkin', needs: 'HTTP', service: t.collector, protocol, expected: 'http' });
  }
}
