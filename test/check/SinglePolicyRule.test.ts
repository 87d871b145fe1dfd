import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, found, notes, res, run } from './yaml.js';

const services = { 's.yaml': BASE.svc('a') };

describe('SinglePolicyRule (MESH3105)', () => {
  test('two policies for one service: at the second, with a note at the first', () => {
    const r = run({
      ...services,
      'p.yaml': res('TrafficPolicy', 'p', '  service: a\n  connectTimeout: 1s\n'),
      'q.yaml': res('TrafficPolicy', 'q', '  service: a.default\n  connectTimeout: 2s\n'),
    });
    assert.deepEqual(found(r), ['q.yaml:5:12 MESH3105 more than one TrafficPolicy for service "a.default"']);
    assert.deepEqual(notes(r), [['p.yaml:5:12 the other one is here']]);
  });

  test('two policies for one subset', () => {
    const r = run({
      ...services,
      'p.yaml': res('TrafficPolicy', 'p', '  service: a\n  subset: v1\n'),
      'q.yaml': res('TrafficPolicy', 'q', '  service: a\n  subset: v1\n'),
    });
    assert.deepEqual(found(r), ['q.yaml:5:12 MESH3105 more than one TrafficPolicy for subset "v1" of service "a"']);
  });

  test('silent: a service policy and subset policies', () => {
    const r = run({
      ...services,
      'p.yaml': res('TrafficPolicy', 'p', '  service: a\n'),
      'q.yaml': res('TrafficPolicy', 'q', '  service: a\n  subset: v1\n'),
      'r.yaml': res('TrafficPolicy', 'r', '  service: a\n  subset: v2\n'),
    });
    assert.deepEqual(found(r), []);
  });
});
