import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, found, hints, route, run, split } from './yaml.js';

const services = { 's.yaml': BASE.svc('a') + '---\n' + BASE.svc('b') };

describe('BackendWeightsRule (MESH3006)', () => {
  test('route backends that do not add up to 100, at the backends key', () => {
    const r = run({
      ...services,
      'r.yaml': route('a', '    - backends:\n        - { service: a, subset: v1, weight: 50 }\n        - { service: a, subset: v2, weight: 40 }\n'),
    });
    assert.deepEqual(found(r), ['r.yaml:7:7 MESH3006 backend weights sum to 90, not 100']);
    assert.deepEqual(hints(r), ['weights are percentages of the traffic; make them add up to 100']);
  });

  test('each rule is summed on its own', () => {
    const r = run({
      ...services,
      'r.yaml': route(
        'a',
        '    - match: [{ path: { prefix: /x } }]\n      backends: [{ service: a, weight: 100 }]\n    - backends: [{ service: a, subset: v1, weight: 60 }, { service: b, weight: 60 }]\n',
      ),
    });
    assert.deepEqual(found(r), ['r.yaml:9:7 MESH3006 backend weights sum to 120, not 100']);
  });

  test('split backends that add up to more than 100', () => {
    const r = run({ ...services, 't.yaml': split('a', '    - { subset: v1, weight: 90 }\n    - { subset: v2, weight: 20 }\n') });
    assert.deepEqual(found(r), ['t.yaml:6:3 MESH3006 backend weights sum to 110, not 100']);
  });

  test('a lone backend with a weight other than 100', () => {
    const r = run({ ...services, 'r.yaml': route('a', '    - backends: [{ service: a, weight: 50 }]\n') });
    assert.deepEqual(found(r), ['r.yaml:7:7 MESH3006 backend weights sum to 50, not 100']);
  });

  test('several backends, one without weight: MESH3026 at that backend (it would silently get nothing)', () => {
    const r = run({ ...services, 'r.yaml': route('a', '    - backends: [{ service: a, weight: 100 }, { service: b }]\n') });
    assert.deepEqual(found(r), ['r.yaml:7:47 MESH3026 this backend has no weight, but the rule has 2 backends']);
    const none = run({ ...services, 'r.yaml': route('a', '    - backends: [{ service: a }, { service: b }]\n') });
    assert.deepEqual(found(none), ['r.yaml:7:18 MESH3026 this backend has no weight, but the rule has 2 backends']);
  });

  test('fractions are summed exactly: 33.3 * 3 is 99.9', () => {
    const r = run({
      ...services,
      't.yaml': split('a', '    - { subset: v1, weight: 33.3 }\n    - { subset: v2, weight: 33.3 }\n    - { service: b, weight: 33.3 }\n'),
    });
    assert.deepEqual(found(r), ['t.yaml:6:3 MESH3006 backend weights sum to 99.9, not 100']);
  });

  test('silent: a single backend without weight; 33.3 + 33.3 + 33.4; 90 + 10', () => {
    const r = run({
      ...services,
      'r.yaml': route('a', '    - backends: [{ service: a }]\n'),
      't.yaml': split('a', '    - { subset: v1, weight: 33.3 }\n    - { subset: v2, weight: 33.3 }\n    - { service: b, weight: 33.4 }\n'),
      'u.yaml': split('b', '    - { subset: v1, weight: 90 }\n    - { subset: v2, weight: 10 }\n', 'u'),
    });
    assert.deepEqual(found(r), []);
  });
});
