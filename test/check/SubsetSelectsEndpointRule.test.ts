import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, found, hints, res, run } from './yaml.js';

describe('SubsetSelectsEndpointRule (MESH3005, MESH3017)', () => {
  test('a subset that selects no endpoint is reported at its key, with its labels', () => {
    const r = run({ 's.yaml': BASE.svc('a').replace('    v2: { version: v2 }\n', '    v2: { version: v2 }\n    v3: { version: v3 }\n') });
    assert.deepEqual(found(r), ['s.yaml:14:5 MESH3005 subset "v3" of service "a" selects no endpoint']);
    assert.deepEqual(hints(r), ['no endpoint has all of the labels version=v3']);
  });

  test('every label of the selector must match on the same endpoint', () => {
    const r = run({
      's.yaml': res(
        'Service',
        'a',
        '  port: 80\n  endpoints:\n    - { address: 10.0.0.1, labels: { version: v1 } }\n    - { address: 10.0.0.2, labels: { zone: b } }\n  subsets:\n    mixed: { version: v1, zone: b }\n',
      ),
    });
    assert.deepEqual(found(r), ['s.yaml:10:5 MESH3005 subset "mixed" of service "a" selects no endpoint']);
    assert.deepEqual(hints(r), ['no endpoint has all of the labels version=v1, zone=b']);
  });

  test('subsets on a dns service are MESH3017 at the subsets key', () => {
    const r = run({ 's.yaml': res('Service', 'a', '  port: 80\n  dns: a.example.com\n  subsets:\n    v1: { version: v1 }\n') });
    assert.deepEqual(found(r), ['s.yaml:7:3 MESH3017 service "a" resolves by dns and cannot have subsets']);
    assert.deepEqual(hints(r), ['subsets select endpoints by labels; list the endpoints to use subsets']);
  });

  test('silent: every subset selects an endpoint; an empty selector selects all', () => {
    assert.deepEqual(found(run({ 's.yaml': BASE.svc('a').replace('    v2: { version: v2 }\n', '    v2: { version: v2 }\n    all: {}\n') })), []);
  });
});
