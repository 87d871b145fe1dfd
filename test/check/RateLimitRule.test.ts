import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, found, hints, route, run } from './yaml.js';

const services = { 's.yaml': BASE.svc('a') };

describe('RateLimitRule (MESH3116)', () => {
  test('a period under 50ms: at per, with the equivalent per second in the hint', () => {
    const r = run({ ...services, 'r.yaml': route('a', '    - rateLimit: { requests: 2, per: 10ms }\n') });
    assert.deepEqual(found(r), ["r.yaml:7:38 MESH3116 rateLimit.per is 10ms, but Envoy refills a token bucket at most every 50ms"]);
    assert.deepEqual(hints(r), ['express the limit over a longer period, e.g. 200 requests per 1s']);
  });

  test('zero is PositiveDurationRule\'s (MESH3027), reported once', () => {
    const r = run({ ...services, 'r.yaml': route('a', '    - rateLimit: { requests: 2, per: 0s }\n') });
    assert.deepEqual(found(r), ['r.yaml:7:38 MESH3027 spec.rules[0].rateLimit.per must be longer than 0']);
  });

  test('silent: 50ms and 1m', () => {
    const r = run({ ...services, 'r.yaml': route('a', '    - match: [{ method: GET }]\n      rateLimit: { requests: 1, per: 50ms }\n    - rateLimit: { requests: 100, per: 1m }\n') });
    assert.deepEqual(found(r), []);
  });
});
