import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, found, hints, route, run } from './yaml.js';

const services = { 's.yaml': BASE.svc('a') };

describe('RedirectRule (MESH3101)', () => {
  test('redirect together with backends: at the redirect key', () => {
    const r = run({ ...services, 'r.yaml': route('a', '    - backends: [{ service: a }]\n      redirect: { scheme: https }\n') });
    assert.deepEqual(found(r), ['r.yaml:8:7 MESH3101 a rule either redirects or forwards to backends, not both']);
    assert.deepEqual(hints(r), ['remove backends from the redirecting rule, or remove redirect']);
  });

  // A redirect rule forwards nothing, so Envoy's RouteAction fields have no place on it: lowering
  // writes `redirect` and drops them without a word, against "never accept a field and ignore it".
  test(
    'a redirecting rule takes no timeout, retries, mirror or rewrite: each is reported at its key',
    { todo: 'accepted today and silently dropped by lowering (found on branch prop-gateways; needs a decision on the diagnostic)' },
    () => {
      const r = run({
        ...services,
        'r.yaml': route('a', '    - redirect: { scheme: https }\n      timeout: 3s\n      retries: { attempts: 3 }\n      mirror: { service: a }\n      rewrite: { host: x.example.com }\n'),
      });
      assert.deepEqual(found(r).map((f) => f.split(' ')[0]!.split(':')[1]), ['8', '9', '10', '11']);
    },
  );

  test('silent: a redirect alone, and backends alone', () => {
    const r = run({
      ...services,
      'r.yaml': route('a', '    - match: [{ path: { prefix: /old } }]\n      redirect: { path: /new, status: 302 }\n    - backends: [{ service: a }]\n'),
    });
    assert.deepEqual(found(r), []);
  });
});
