import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, found, hints, res, route, run, split } from './yaml.js';

const services = { 's.yaml': BASE.svc('a') + '---\n' + res('Service', 'plain', '  port: 81\n  endpoints: [{ address: 10.0.0.9 }]\n') };

describe('KnownSubsetRule (MESH3004)', () => {
  test('an unknown subset of a route backend lists the subsets', () => {
    const r = run({ ...services, 'r.yaml': route('a', '    - backends: [{ service: a, subset: canary }]\n') });
    assert.deepEqual(found(r), ['r.yaml:7:40 MESH3004 service "a" has no subset "canary"']);
    assert.deepEqual(hints(r), ['its subsets are v1, v2']);
  });

  test('a near miss gets did-you-mean', () => {
    const r = run({ ...services, 'r.yaml': route('a', '    - backends: [{ service: a, subset: v22 }]\n') });
    assert.deepEqual(found(r), ['r.yaml:7:40 MESH3004 service "a" has no subset "v22"']);
    assert.deepEqual(hints(r), ['did you mean "v2"?']);
  });

  test("a split backend's subset belongs to the split's service", () => {
    const r = run({ ...services, 't.yaml': split('a', '    - { subset: v1, weight: 50 }\n    - { subset: v3, weight: 50 }\n') });
    assert.deepEqual(found(r), ['t.yaml:8:17 MESH3004 service "a" has no subset "v3"']);
  });

  test('a subset of a service that defines none', () => {
    const r = run({ ...services, 't.yaml': split('a', '    - { subset: v1, weight: 50 }\n    - { service: plain, subset: v1, weight: 50 }\n') });
    assert.deepEqual(found(r), ['t.yaml:8:33 MESH3004 service "plain" has no subset "v1"']);
    assert.deepEqual(hints(r), ['"plain" defines no subsets']);
  });

  test('an unknown service is reported as such, not as an unknown subset', () => {
    const r = run({ ...services, 'r.yaml': route('a', '    - backends: [{ service: b, subset: v1 }]\n') });
    assert.deepEqual(
      found(r).map((f) => f.split(' ')[1]),
      ['MESH3003'],
    );
  });

  test('silent: subsets the services define', () => {
    const r = run({
      ...services,
      'r.yaml': route('a', '    - backends: [{ service: a, subset: v2 }]\n'),
      't.yaml': split('a', '    - { subset: v1, weight: 50 }\n    - { subset: v2, weight: 50 }\n'),
    });
    assert.deepEqual(found(r), []);
  });
});
