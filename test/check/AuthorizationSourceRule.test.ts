import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, found, hints, res, run } from './yaml.js';

const ext = 'apiVersion: meshc.dev/v1\nkind: Service\nmetadata: { name: stripe }\nspec: { port: 443, external: true, dns: api.stripe.com }\n';
const services = { 's.yaml': BASE.svc('a') + '---\n' + ext };
const policy = (source: string): string => res('AuthorizationPolicy', 'p', `  service: a\n  rules:\n    - from:\n        - ${source}\n`);

describe('AuthorizationSourceRule (MESH3208)', () => {
  test('an external service as a source', () => {
    const r = run({ ...services, 'p.yaml': policy('service: stripe') });
    assert.deepEqual(found(r), ['p.yaml:8:20 MESH3208 external service "stripe" has no sidecar and no mesh identity, so it can never be the caller']);
    assert.deepEqual(hints(r), ['match its address with ipBlock instead']);
  });

  test('silent: a mesh service as a source', () => {
    assert.deepEqual(found(run({ ...services, 'p.yaml': policy('service: a') })), []);
  });
});
