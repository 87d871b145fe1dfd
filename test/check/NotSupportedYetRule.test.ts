import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, found, mesh, res, route, run } from './yaml.js';

const services = { 's.yaml': BASE.svc('a') };
const tail = 'is part of the meshc language but not supported by this version of meshc yet';

describe('NotSupportedYetRule (MESH3015)', () => {
  test('a RequestAuthentication on a gateway', () => {
    const spec = '  gateway: public\n  providers: [{ name: p, issuer: i, jwks: { file: /j.json } }]\n';
    const r = run({ ...services, 'j.yaml': res('RequestAuthentication', 'j', spec) });
    assert.deepEqual(found(r), [`j.yaml:5:3 MESH3015 a RequestAuthentication on a gateway ${tail}`]);
  });

  test('silent: Mesh observability is compiled', () => {
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
