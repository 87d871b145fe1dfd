import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, found, mesh, route, run } from './yaml.js';

const services = { 's.yaml': BASE.svc('a') };
describe('NotSupportedYetRule (MESH3015)', () => {
  test('silent: Mesh observability, AuthorizationPolicy and RequestAuthentication are compiled', () => {
    const r = run({ ...services, 'm.yaml': mesh('  observability:\n    accessLog: { format: json, path: /dev/stdout }\n') });
    assert.deepEqual(found(r), []);
  });

  test('silent: every rule field is compiled', () => {
    const r = run({
      ...services,
      'r.yaml': route(
        'a',
        [
          '    - backends: [{ service: a }]',
          '      timeout: 3s',
          '      retries: { attempts: 3, perTryTimeout: 1s, on: [5xx] }',
          '      fault: { abort: { status: 503, percent: 10 } }',
          '      mirror: { service: a, subset: v2, percent: 10 }',
          '      cors: { allowOrigins: ["*"] }',
          '      rateLimit: { requests: 10, per: 1s }',
          '      rewrite: { host: a.internal }',
          '      headers: { request: { remove: [x-debug] } }',
          '',
        ].join('\n'),
      ),
    });
    assert.deepEqual(found(r), []);
  });
});
