import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PUBLIC } from './gateway.js';
import { BASE, found, hints, res, run } from './yaml.js';

const ext = 'apiVersion: meshc.dev/v1\nkind: Service\nmetadata: { name: stripe }\nspec: { port: 443, external: true, dns: api.stripe.com }\n';
const services = { 's.yaml': BASE.svc('a') + '---\n' + ext };
const providers = '  providers: [{ name: p, issuer: i, jwks: { file: /jwks.json } }]\n';

describe('PolicyTargetRule (MESH3213, MESH3214, MESH3019, MESH3108)', () => {
  test('a RequestAuthentication with neither service nor gateway, or with both', () => {
    const neither = run({ ...services, 'j.yaml': res('RequestAuthentication', 'j', providers) });
    assert.deepEqual(found(neither), ['j.yaml:4:1 MESH3213 a RequestAuthentication must set exactly one of service or gateway']);
    const both = run({ ...services, 'j.yaml': res('RequestAuthentication', 'j', `  service: a\n  gateway: public\n${providers}`) });
    assert.deepEqual(found(both), ['j.yaml:6:3 MESH3213 a RequestAuthentication must set exactly one of service or gateway']);
  });

  test('an AuthorizationPolicy or RequestAuthentication for an external service, which has no sidecar to run it', () => {
    const r = run({
      ...services,
      'j.yaml': res('RequestAuthentication', 'j', `  service: stripe\n${providers}`),
      'p.yaml': res('AuthorizationPolicy', 'p', '  service: stripe\n'),
    });
    assert.deepEqual(found(r), [
      'j.yaml:5:12 MESH3019 external service "stripe" gets no sidecar, so it cannot have a RequestAuthentication',
      'p.yaml:5:12 MESH3019 external service "stripe" gets no sidecar, so it cannot have an AuthorizationPolicy',
    ]);
  });

  test('an AuthorizationPolicy naming both a service and a gateway', () => {
    const r = run({ ...services, 'g.yaml': PUBLIC, 'p.yaml': res('AuthorizationPolicy', 'p', '  service: a\n  gateway: public\n') });
    assert.deepEqual(found(r), ['p.yaml:6:3 MESH3214 an AuthorizationPolicy protects a service or a gateway, not both']);
  });

  test('an unknown gateway, with did-you-mean', () => {
    const r = run({
      ...services,
      'g.yaml': PUBLIC,
      'j.yaml': res('RequestAuthentication', 'j', `  gateway: pubic\n${providers}`),
      'p.yaml': res('AuthorizationPolicy', 'p', '  gateway: publik\n'),
    });
    assert.deepEqual(found(r), ['j.yaml:5:12 MESH3108 unknown gateway "pubic"', 'p.yaml:5:12 MESH3108 unknown gateway "publik"']);
    assert.deepEqual(hints(r), ['did you mean "public"?', 'did you mean "public"?']);
  });

  test('silent: policies for a mesh service', () => {
    const r = run({
      ...services,
      'j.yaml': res('RequestAuthentication', 'j', `  service: a\n${providers}`),
      'p.yaml': res('AuthorizationPolicy', 'p', '  service: a\n'),
    });
    assert.deepEqual(found(r), []);
  });
});
