import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, found, hints, mesh, res, route, run } from './yaml.js';

const services = { 's.yaml': BASE.svc('a') };
const tail = 'is part of the meshc language but not supported by this version of meshc yet';

describe('NotSupportedYetRule (MESH3015)', () => {
  test('rule fields that are not compiled yet are errors at their keys', () => {
    const r = run({
      ...services,
      'r.yaml': route(
        'a',
        [
          '    - backends: [{ service: a }]',
          '      fault: { abort: { status: 503, percent: 10 } }',
          '      mirror: { service: a, percent: 10 }',
          '      cors: { allowOrigins: ["*"] }',
          '      rateLimit: { requests: 10, per: 1s }',
          '',
        ].join('\n'),
      ),
    });
    assert.deepEqual(found(r), [
      `r.yaml:8:7 MESH3015 the rule field "fault" ${tail}`,
      `r.yaml:9:7 MESH3015 the rule field "mirror" ${tail}`,
      `r.yaml:10:7 MESH3015 the rule field "cors" ${tail}`,
      `r.yaml:11:7 MESH3015 the rule field "rateLimit" ${tail}`,
    ]);
    assert.deepEqual(hints(r)[0], 'remove it for now; see docs/language.md for what is supported');
  });

  test('redirect, rewrite and headers, in a later rule', () => {
    const r = run({
      ...services,
      'r.yaml': route(
        'a',
        [
          '    - match: [{ path: { prefix: /old } }]',
          '      redirect: { path: /new }',
          '    - backends: [{ service: a }]',
          '      rewrite: { host: a.internal }',
          '      headers: { request: { remove: [x-debug] } }',
          '',
        ].join('\n'),
      ),
    });
    assert.deepEqual(found(r), [
      `r.yaml:8:7 MESH3015 the rule field "redirect" ${tail}`,
      `r.yaml:10:7 MESH3015 the rule field "rewrite" ${tail}`,
      `r.yaml:11:7 MESH3015 the rule field "headers" ${tail}`,
    ]);
  });

  test('an HTTPRoute on a gateway', () => {
    const r = run({ ...services, 'r.yaml': res('HTTPRoute', 'r', '  gateway: public\n  hosts: [shop.example.com]\n  rules:\n    - backends: [{ service: a }]\n') });
    assert.deepEqual(found(r), [`r.yaml:5:3 MESH3015 an HTTPRoute on a gateway ${tail}`]);
  });

  test('Mesh observability', () => {
    const r = run({ ...services, 'm.yaml': mesh('  observability:\n    accessLog: { format: json, path: /dev/stdout }\n') });
    assert.deepEqual(found(r), [`m.yaml:5:3 MESH3015 observability ${tail}`]);
  });

  test('silent: timeout and retries are compiled', () => {
    const r = run({
      ...services,
      'r.yaml': route('a', '    - backends: [{ service: a }]\n      timeout: 3s\n      retries: { attempts: 3, perTryTimeout: 1s, on: [5xx] }\n'),
    });
    assert.deepEqual(found(r), []);
  });
});
