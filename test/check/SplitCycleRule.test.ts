import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, found, hints, run, split } from './yaml.js';

const services = { 's.yaml': [BASE.svc('a'), BASE.svc('b'), BASE.svc('c')].join('---\n') };
const aToB = split('a', '    - { service: b, weight: 100 }\n', 'sa');
const bToA = split('b', '    - { service: a, weight: 100 }\n', 'sb');

describe('SplitCycleRule (MESH3007)', () => {
  test('a → b → a is reported once, at the split of the smallest service', () => {
    const r = run({ ...services, 'x.yaml': aToB, 'y.yaml': bToA });
    assert.deepEqual(found(r), ['x.yaml:5:12 MESH3007 TrafficSplits form a cycle: a.default → b.default → a.default']);
    assert.deepEqual(hints(r), ['a split may send traffic to another split service, but never back to itself']);
  });

  test('the report does not depend on file order', () => {
    const r = run({ ...services, 'x.yaml': bToA, 'y.yaml': aToB });
    assert.deepEqual(found(r), ['y.yaml:5:12 MESH3007 TrafficSplits form a cycle: a.default → b.default → a.default']);
    const one = run({ ...services, 'x.yaml': aToB + '---\n' + bToA });
    const two = run({ ...services, 'x.yaml': bToA + '---\n' + aToB });
    assert.deepEqual(found(one), ['x.yaml:5:12 MESH3007 TrafficSplits form a cycle: a.default → b.default → a.default']);
    assert.deepEqual(found(two), ['x.yaml:13:12 MESH3007 TrafficSplits form a cycle: a.default → b.default → a.default']);
  });

  test('a longer cycle, entered from a split outside it, is reported once', () => {
    const r = run({
      ...services,
      'x.yaml': split('c', '    - { service: b, weight: 100 }\n', 'sc'),
      'y.yaml': split('b', '    - { service: c, weight: 50 }\n    - { service: a, weight: 50 }\n', 'sb'),
      'z.yaml': split('a', '    - { service: b, weight: 100 }\n', 'sa'),
    });
    assert.deepEqual(found(r), [
      'y.yaml:5:12 MESH3007 TrafficSplits form a cycle: b.default → c.default → b.default',
      'z.yaml:5:12 MESH3007 TrafficSplits form a cycle: a.default → b.default → a.default',
    ]);
  });

  test('a split back into its own service', () => {
    const r = run({ ...services, 'x.yaml': split('a', '    - { subset: v1, weight: 50 }\n    - { service: a, weight: 50 }\n') });
    assert.deepEqual(found(r), ['x.yaml:5:12 MESH3007 TrafficSplits form a cycle: a.default → a.default']);
  });

  test(
    'a backend with neither subset nor service is MESH3016, not a cycle',
    () => {
      const r = run({ ...services, 'x.yaml': split('a', '    - { weight: 100 }\n') });
      assert.deepEqual(found(r), ['x.yaml:7:7 MESH3016 a TrafficSplit backend needs a subset, a service, or both']);
    },
  );

  test('silent: a chain a → b → subset, and a subset of the own service', () => {
    const r = run({
      ...services,
      'x.yaml': aToB,
      'y.yaml': split('b', '    - { subset: v1, weight: 50 }\n    - { service: c, subset: v2, weight: 50 }\n', 'sb'),
      'z.yaml': split('c', '    - { service: c, subset: v1, weight: 100 }\n', 'sc'),
    });
    assert.deepEqual(found(r), []);
  });
});
