import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, found, run } from './yaml.js';
import { gateway, gwRoute, PUBLIC } from './gateway.js';

const services = { 's.yaml': BASE.svc('a'), 't.yaml': BASE.svc('db', '  protocol: tcp\n').replace('port: 8080', 'port: 5432') };

describe('GatewayBackendProtocolRule (MESH3115)', () => {
  test('a tcp listener to an HTTP service: at the backend service', () => {
    const g = gateway('    - { name: t, port: 5432, protocol: tcp, backend: { service: a } }\n');
    const r = run({ ...services, 'g.yaml': g });
    assert.deepEqual(found(r), ['g.yaml:6:65 MESH3115 the tcp listener "t" needs a tcp service, but "a" speaks http']);
  });

  test('a gateway route to a TCP service: at the backend service', () => {
    const r = run({ ...services, 'g.yaml': PUBLIC, 'r.yaml': gwRoute('public', undefined, '    - backends: [{ service: db }]\n') });
    assert.deepEqual(found(r), ['r.yaml:7:29 MESH3115 a gateway HTTPRoute needs an HTTP (http, http2 or grpc) service, but "db" speaks tcp']);
  });

  test('unknown backend services and subsets are MESH3003 and MESH3004', () => {
    const g = gateway('    - { name: t, port: 5432, protocol: tcp, backend: { service: dbx } }\n    - { name: u, port: 5433, protocol: tcp, backend: { service: db, subset: v9 } }\n');
    const r = run({ ...services, 'g.yaml': g });
    assert.deepEqual(found(r), ['g.yaml:6:65 MESH3003 unknown service "dbx"', 'g.yaml:7:77 MESH3004 service "db" has no subset "v9"']);
  });

  test('silent: tcp to tcp, routes to http', () => {
    const g = gateway('    - { name: t, port: 5432, protocol: tcp, backend: { service: db } }\n    - { name: h, port: 80, protocol: http }\n');
    const r = run({ ...services, 'g.yaml': g, 'r.yaml': gwRoute('public', undefined, '    - backends: [{ service: a }]\n') });
    assert.deepEqual(found(r), []);
  });
});
