import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, found, hints, res, run } from './yaml.js';

const services = { 's.yaml': BASE.svc('a') };

describe('HashPolicyRule (MESH3100)', () => {
  test('hash with the default round-robin: at the hash key', () => {
    const r = run({ ...services, 'p.yaml': res('TrafficPolicy', 'p', '  service: a\n  loadBalancer:\n    hash: { header: x-user }\n') });
    assert.deepEqual(found(r), ['p.yaml:7:5 MESH3100 loadBalancer.hash applies to ring-hash and maglev only, but the algorithm is round-robin']);
    assert.deepEqual(hints(r), ['set algorithm: ring-hash (or maglev), or remove hash']);
  });

  test('hash with least-request', () => {
    const r = run({ ...services, 'p.yaml': res('TrafficPolicy', 'p', '  service: a\n  loadBalancer: { algorithm: least-request, hash: { sourceIP: true } }\n') });
    assert.deepEqual(found(r), ['p.yaml:6:45 MESH3100 loadBalancer.hash applies to ring-hash and maglev only, but the algorithm is least-request']);
  });

  test('silent: ring-hash and maglev with a hash, least-request without', () => {
    const r = run({
      ...services,
      'p.yaml': res('TrafficPolicy', 'p', '  service: a\n  loadBalancer: { algorithm: ring-hash, hash: { cookie: { name: s, ttl: 1h } } }\n'),
      'q.yaml': res('TrafficPolicy', 'q', '  service: a\n  subset: v1\n  loadBalancer: { algorithm: maglev, hash: { header: x-user } }\n'),
      'r.yaml': res('TrafficPolicy', 'r', '  service: a\n  subset: v2\n  loadBalancer: { algorithm: least-request }\n'),
    });
    assert.deepEqual(found(r), []);
  });
});
