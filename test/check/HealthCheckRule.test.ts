import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, found, res, run } from './yaml.js';

const services = { 's.yaml': BASE.svc('a') };

describe('HealthCheckRule (MESH3106)', () => {
  test('neither http nor tcp: at the healthCheck key', () => {
    const r = run({ ...services, 'p.yaml': res('TrafficPolicy', 'p', '  service: a\n  healthCheck: { interval: 5s }\n') });
    assert.deepEqual(found(r), ['p.yaml:6:3 MESH3106 healthCheck must set exactly one of http or tcp']);
  });

  test('both http and tcp', () => {
    const r = run({ ...services, 'p.yaml': res('TrafficPolicy', 'p', '  service: a\n  healthCheck: { http: {}, tcp: {} }\n') });
    assert.deepEqual(found(r), ['p.yaml:6:3 MESH3106 healthCheck must set exactly one of http or tcp']);
  });

  test('silent: http or tcp', () => {
    const r = run({
      ...services,
      'p.yaml': res('TrafficPolicy', 'p', '  service: a\n  healthCheck: { http: { path: /healthz } }\n'),
      'q.yaml': res('TrafficPolicy', 'q', '  service: a\n  subset: v1\n  healthCheck: { tcp: {} }\n'),
    });
    assert.deepEqual(found(r), []);
  });
});
