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

  test('silent: a redirect alone, and backends alone', () => {
    const r = run({
      ...services,
      'r.yaml': route('a', '    - match: [{ path: { prefix: /old } }]\n      redirect: { path: /new, status: 302 }\n    - backends: [{ service: a }]\n'),
    });
    assert.deepEqual(found(r), []);
  });
});
