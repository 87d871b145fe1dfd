import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, found, hints, route, run } from './yaml.js';

const services = { 's.yaml': BASE.svc('a') };

describe('RedirectRule (MESH3101, MESH3118)', () => {
  test('redirect together with backends: at the redirect key', () => {
    const r = run({ ...services, 'r.yaml': route('a', '    - backends: [{ service: a }]\n      redirect: { scheme: https }\n') });
    assert.deepEqual(found(r), ['r.yaml:8:7 MESH3101 a rule either redirects or forwards to backends, not both']);
    assert.deepEqual(hints(r), ['remove backends from the redirecting rule, or remove redirect']);
  });

  // A redirect rule forwards nothing, so Envoy's RouteAction fields have no place on it: lowering
  // would drop them without a word, against "never accept a field and ignore it".
  test('a redirecting rule takes no timeout, retries, mirror or rewrite: MESH3118 at each key', () => {
    const r = run({
      ...services,
      'r.yaml': route('a', '    - redirect: { scheme: https }\n      timeout: 3s\n      retries: { attempts: 3 }\n      mirror: { service: a }\n      rewrite: { host: x.example.com }\n'),
    });
    assert.deepEqual(found(r), [
      'r.yaml:8:7 MESH3118 timeout applies to forwarded requests, but this rule answers with a redirect',
      'r.yaml:9:7 MESH3118 retries applies to forwarded requests, but this rule answers with a redirect',
      'r.yaml:10:7 MESH3118 mirror applies to forwarded requests, but this rule answers with a redirect',
      'r.yaml:11:7 MESH3118 rewrite applies to forwarded requests, but this rule answers with a redirect',
    ]);
    assert.equal(hints(r)[0], 'remove timeout from the redirecting rule, or forward the requests instead of redirecting them');
  });

  test('silent: a redirect with a fault, CORS, a rate limit and header changes (they apply to a redirect too)', () => {
    const r = run({
      ...services,
      'r.yaml': route(
        'a',
        '    - redirect: { scheme: https }\n      fault: { abort: { status: 503, percent: 10 } }\n      rateLimit: { requests: 10, per: 1s }\n      headers: { response: { set: { x-a: b } } }\n',
      ),
    });
    assert.deepEqual(found(r), []);
  });

  test('silent: a redirect alone, and backends alone', () => {
    const r = run({
      ...services,
      'r.yaml': route('a', '    - match: [{ path: { prefix: /old } }]\n      redirect: { path: /new, status: 302 }\n    - backends: [{ service: a }]\n'),
    });
    assert.deepEqual(found(r), []);
  });
});
