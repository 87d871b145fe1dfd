import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, found, res, run } from './yaml.js';

const services = { 's.yaml': BASE.svc('db', '  protocol: tcp\n') };

describe('TcpPolicyRule (MESH3025 on TrafficPolicy)', () => {
  test('HTTP-only policy fields on a TCP service: each at its key', () => {
    const r = run({
      ...services,
      'p.yaml': res(
        'TrafficPolicy',
        'p',
        '  service: db\n  loadBalancer: { algorithm: ring-hash, hash: { header: x-user } }\n  healthCheck: { http: {} }\n  connection: { idleTimeout: 1m }\n',
      ),
    });
    assert.deepEqual(found(r), [
      'p.yaml:6:49 MESH3025 service "db" speaks TCP, so it cannot have a header hash',
      'p.yaml:7:18 MESH3025 service "db" speaks TCP, so it cannot have an HTTP health check',
      'p.yaml:8:3 MESH3025 service "db" speaks TCP, so it cannot have HTTP connection settings',
    ]);
  });

  test('silent: source IP hashing, TCP health checks, circuit breakers', () => {
    const r = run({
      ...services,
      'p.yaml': res(
        'TrafficPolicy',
        'p',
        '  service: db\n  loadBalancer: { algorithm: maglev, hash: { sourceIP: true } }\n  healthCheck: { tcp: {} }\n  circuitBreaker: { maxConnections: 10 }\n',
      ),
    });
    assert.deepEqual(found(r), []);
  });
});
