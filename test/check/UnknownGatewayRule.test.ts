import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, found, hints, run } from './yaml.js';
import { gwRoute, PUBLIC } from './gateway.js';

const rules = '    - backends: [{ service: a }]\n';

describe('UnknownGatewayRule (MESH3108)', () => {
  test('an unknown gateway, with did-you-mean', () => {
    const r = run({ 's.yaml': BASE.svc('a'), 'g.yaml': PUBLIC, 'r.yaml': gwRoute('publik', undefined, rules) });
    assert.deepEqual(found(r), ['r.yaml:5:12 MESH3108 unknown gateway "publik"']);
    assert.deepEqual(hints(r), ['did you mean "public"?']);
  });

  test('no gateway at all', () => {
    const r = run({ 's.yaml': BASE.svc('a'), 'r.yaml': gwRoute('public', undefined, rules) });
    assert.deepEqual(found(r), ['r.yaml:5:12 MESH3108 unknown gateway "public"']);
    assert.deepEqual(hints(r), ['there is no Gateway in the inputs']);
  });

  test('silent: the gateway by name and by name.namespace', () => {
    const r = run({
      's.yaml': BASE.svc('a'),
      'g.yaml': PUBLIC,
      'r.yaml': gwRoute('public.default', '[a.shop.example.com]', rules),
      'q.yaml': gwRoute('public', '[shop.example.com]', rules, 'q'),
    });
    assert.deepEqual(found(r), []);
  });
});
