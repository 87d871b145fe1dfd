import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, found, hints, run } from './yaml.js';

describe('KnownUpstreamRule (MESH3010)', () => {
  test('an unknown upstream is reported at its item, with did-you-mean', () => {
    const r = run({ 's.yaml': BASE.svc('reviews', '  upstreams: [ratngs, reviews]\n') + '---\n' + BASE.svc('ratings') });
    assert.deepEqual(found(r), ['s.yaml:15:15 MESH3010 upstreams names unknown service "ratngs"']);
    assert.deepEqual(hints(r), ['did you mean "ratings"?']);
  });

  test('a name without namespace is looked up in the service namespace', () => {
    const r = run({ 's.yaml': BASE.svc('reviews', '  upstreams:\n    - ratings\n') + '---\n' + BASE.svc('ratings', '', 'prod') });
    assert.deepEqual(found(r), ['s.yaml:16:7 MESH3010 upstreams names unknown service "ratings"']);
  });

  test('silent: known upstreams, qualified or not', () => {
    const r = run({ 's.yaml': BASE.svc('reviews', '  upstreams: [ratings.prod, reviews]\n') + '---\n' + BASE.svc('ratings', '', 'prod') });
    assert.deepEqual(found(r), []);
  });
});
