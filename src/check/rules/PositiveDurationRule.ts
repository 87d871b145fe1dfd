import type { NodePath } from '../../parse/index.js';
import type { AnyResource, RetriesSpec } from '../../schema/index.js';
import { parseDuration } from '../../util/duration.js';
import type { CheckContext } from '../CheckContext.js';

/**
 * Durations Envoy requires to be positive are positive, and a retry backoff
 * never shrinks: these would otherwise pass meshc and be rejected by Envoy,
 * which meshc would report as its own bug.
 */
export function PositiveDurationRule(ctx: CheckContext): void {
  const positive = (r: AnyResource, value: string | undefined, path: NodePath, what: string): void => {
    if (value !== undefined && parseDuration(value) === 0) {
      ctx.report('DurationNotPositive', ctx.span(r, path), { where: path.join('.').replace(/\.(\d+)/g, '[$1]'), what });
    }
  };
  const retries = (r: AnyResource, spec: RetriesSpec | undefined, path: NodePath): void => {
    const b = spec?.backoff;
    if (!b) return;
    positive(r, b.base, [...path, 'backoff', 'base'], 'backoff interval');
    positive(r, b.max, [...path, 'backoff', 'max'], 'backoff interval');
    if (b.base !== undefined && b.max !== undefined && parseDuration(b.max) < parseDuration(b.base)) {
      ctx.report('BackoffMaxBelowBase', ctx.span(r, [...path, 'backoff', 'max']), { max: b.max, base: b.base });
    }
  };
  for (const m of ctx.ofKind('Mesh')) {
    positive(m, m.spec.defaults?.connectTimeout, ['spec', 'defaults', 'connectTimeout'], 'connect timeout');
    retries(m, m.spec.defaults?.retries, ['spec', 'defaults', 'retries']);
  }
  for (const r of ctx.ofKind('HTTPRoute')) {
    r.spec.rules.forEach((rule, i) => {
      retries(r, rule.retries, ['spec', 'rules', i, 'retries']);
      positive(r, rule.rateLimit?.per, ['spec', 'rules', i, 'rateLimit', 'per'], 'token bucket fill interval');
    });
  }
  for (const p of ctx.ofKind('TrafficPolicy')) {
    const s = p.spec;
    positive(p, s.connectTimeout, ['spec', 'connectTimeout'], 'connect timeout');
    positive(p, s.outlierDetection?.interval, ['spec', 'outlierDetection', 'interval'], 'outlier detection interval');
    positive(p, s.outlierDetection?.baseEjectionTime, ['spec', 'outlierDetection', 'baseEjectionTime'], 'base ejection time');
    positive(p, s.healthCheck?.interval, ['spec', 'healthCheck', 'interval'], 'health check interval');
    positive(p, s.healthCheck?.timeout, ['spec', 'healthCheck', 'timeout'], 'health check timeout');
  }
}
