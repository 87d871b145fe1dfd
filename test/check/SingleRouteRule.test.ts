import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, found, hints, notes, route, run } from './yaml.js';

const services = { 's.yaml': BASE.svc('a') + '---\n' + BASE.svc('b') };
const rules = '    - backends: [{ service: a }]\n';

describe('SingleRouteRule (MESH3024)', () => {
  test('a second HTTPRoute for a service, with a note at the first', () => {
    const r = run({ ...services, 'x.yaml': route('a', rules, 'r1'), 'y.yaml': route('a', rules, 'r2') });
    assert.deepEqual(found(r), ['y.yaml:5:12 MESH3024 more than one HTTPRoute for service "a"']);
    assert.deepEqual(notes(r), [['x.yaml:5:12 the other one is here']]);
    assert.deepEqual(hints(r), ['one HTTPRoute per service holds all of its rules, in order']);
  });

  test('"a" and "a.default" are the same service', () => {
    const r = run({ ...services, 'x.yaml': route('a', rules, 'r1') + '---\n' + route('a.default', rules, 'r2') });
    assert.deepEqual(found(r), ['x.yaml:13:12 MESH3024 more than one HTTPRoute for service "a.default"']);
    assert.deepEqual(notes(r), [['x.yaml:5:12 the other one is here']]);
  });

  test('silent: one route per service', () => {
    const r = run({ ...services, 'x.yaml': route('a', rules, 'r1') + '---\n' + route('b', rules, 'r2') });
    assert.deepEqual(found(r), []);
  });
});
