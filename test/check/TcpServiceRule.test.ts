import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { found, hints, res, route, run, split } from './yaml.js';

const services = {
  's.yaml':
    res('Service', 'db', '  protocol: tcp\n  port: 5432\n  endpoints: [{ address: 10.0.0.1, labels: { v: a } }]\n  subsets: { a: { v: a } }\n') +
    '---\n' +
    res('Service', 'web', '  port: 8080\n  endpoints: [{ address: 10.0.0.2 }]\n'),
};

describe('TcpServiceRule (MESH3025)', () => {
  test('an HTTPRoute on a TCP service is reported at its service', () => {
    const r = run({ ...services, 'r.yaml': route('db', '    - backends: [{ service: db }]\n') });
    assert.deepEqual(found(r), ['r.yaml:5:12 MESH3025 service "db" speaks TCP, so it cannot have an HTTPRoute']);
    assert.deepEqual(hints(r), ['HTTP routing needs protocol http, http2 or grpc; a TCP service is split with a TrafficSplit only']);
  });

  test('silent: an HTTPRoute on an HTTP service, and a TrafficSplit on a TCP service', () => {
    const r = run({
      ...services,
      'r.yaml': route('web', '    - backends: [{ service: web }]\n'),
      't.yaml': split('db', '    - { subset: a, weight: 100 }\n'),
    });
    assert.deepEqual(found(r), []);
  });
});
