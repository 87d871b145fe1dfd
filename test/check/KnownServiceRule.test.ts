import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, found, hints, res, route, run, split } from './yaml.js';

const services = { 's.yaml': BASE.svc('reviews') + '---\n' + BASE.svc('ratings', '', 'prod') };

describe('KnownServiceRule (MESH3003)', () => {
  test('a misspelt backend service, with did-you-mean', () => {
    const r = run({ ...services, 'r.yaml': route('reviews', '    - backends: [{ service: reveiws }]\n') });
    assert.deepEqual(found(r), ['r.yaml:7:29 MESH3003 unknown service "reveiws"']);
    assert.deepEqual(hints(r), ['did you mean "reviews"?']);
  });

  test('an unknown route target, with no hint when nothing is close', () => {
    const r = run({ ...services, 'r.yaml': route('payments', '    - backends: [{ service: reviews }]\n') });
    assert.deepEqual(found(r), ['r.yaml:5:12 MESH3003 unknown service "payments"']);
    assert.deepEqual(hints(r), [undefined]);
  });

  test('a name without namespace is looked up in the namespace of the referring resource', () => {
    // ratings lives in "prod"; the route is in "default".
    const r = run({ ...services, 'r.yaml': route('reviews', '    - backends: [{ service: ratings }]\n') });
    assert.deepEqual(found(r), ['r.yaml:7:29 MESH3003 unknown service "ratings"']);
  });

  test(
    'the hint names a service of the same name in another namespace',
    () => {
      const r = run({ ...services, 'r.yaml': route('reviews', '    - backends: [{ service: ratings }]\n') });
      assert.deepEqual(hints(r), ['did you mean "ratings.prod"?']);
    },
  );

  test('an unknown split service is reported once, not again for backends that inherit it', () => {
    const r = run({ ...services, 't.yaml': split('reviewz', '    - { subset: v1, weight: 50 }\n    - { service: ratingz.prod, weight: 50 }\n') });
    assert.deepEqual(found(r), ['t.yaml:5:12 MESH3003 unknown service "reviewz"', 't.yaml:8:18 MESH3003 unknown service "ratingz.prod"']);
    assert.deepEqual(hints(r), ['did you mean "reviews"?', 'did you mean "ratings.prod"?']);
  });

  test('AuthorizationPolicy service and from.service, RequestAuthentication service', () => {
    const r = run({
      ...services,
      'p.yaml': res('AuthorizationPolicy', 'p', '  service: reviewz\n  rules:\n    - from: [{ service: ratings }]\n'),
      'j.yaml': res('RequestAuthentication', 'j', '  service: revews\n  providers: [{ name: p, issuer: i, jwks: { file: /j.json } }]\n'),
    });
    assert.deepEqual(found(r), [
      'j.yaml:5:12 MESH3003 unknown service "revews"',
      'p.yaml:5:12 MESH3003 unknown service "reviewz"',
      'p.yaml:7:25 MESH3003 unknown service "ratings"',
    ]);
    assert.deepEqual(hints(r), ['did you mean "reviews"?', 'did you mean "reviews"?', 'did you mean "ratings.prod"?']);
  });

  test('silent: names in the same namespace and qualified names of other namespaces', () => {
    const r = run({
      ...services,
      'r.yaml': route('reviews', '    - backends:\n        - { service: reviews, weight: 50 }\n        - { service: ratings.prod, weight: 50 }\n'),
      't.yaml': split('reviews.default', '    - { subset: v1, weight: 100 }\n'),
    });
    assert.deepEqual(found(r), []);
  });
});
