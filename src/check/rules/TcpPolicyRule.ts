import type { CheckContext } from '../CheckContext.js';

/** A TrafficPolicy of a TCP service uses only what works without HTTP: no header or cookie hashing, HTTP health checks or HTTP connection settings. */
export function TcpPolicyRule(ctx: CheckContext): void {
  for (const p of ctx.ofKind('TrafficPolicy')) {
    if (ctx.service(p.spec.service, p.namespace)?.spec.protocol !== 'tcp') continue;
    const s = p.spec;
    const report = (path: (string | number)[], feature: string): void =>
      ctx.report('HttpFeatureOnTcp', ctx.span(p, ['spec', ...path], 'key'), { service: s.service, feature });
    if (s.loadBalancer?.hash?.header !== undefined) report(['loadBalancer', 'hash', 'header'], 'a header hash');
    if (s.loadBalancer?.hash?.cookie !== undefined) report(['loadBalancer', 'hash', 'cookie'], 'a cookie hash');
    if (s.healthCheck?.http !== undefined) report(['healthCheck', 'http'], 'an HTTP health check');
    if (s.connection !== undefined) report(['connection'], 'HTTP connection settings');
  }
}
