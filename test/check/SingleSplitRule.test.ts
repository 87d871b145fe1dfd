import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, found, hints, notes, run, split } from './yaml.js';

const services = { 's.yaml': BASE.svc('a') + '---\n' + BASE.svc('b') };

describe('SingleSplitRule (MESH3008)', () => {
  test('a second split of a service, with a note at the first', () => {
    const r = run({
      ...services,
      'x.yaml': split('a', '    - { subset: v1, weight: 100 }\n', 's1'),
      'y.yaml': split('a', '    - { subset: v2, weight: 100 }\n', 's2'),
    });
    assert.deepEqual(found(r), ['y.yaml:5:12 MESH3008 service "a" has more than one TrafficSplit']);
    assert.deepEqual(notes(r), [['x.yaml:5:12 the other one is here']]);
    assert.deepEqual(hints(r), ['merge them into one']);
  });

  test('"a" and "a.default" are the same service', () => {
    const r = run({
      ...services,
      'x.yaml': split('a', '    - { subset: v1, weight: 100 }\n', 's1') + '---\n' + split('a.default', '    - { subset: v2, weight: 100 }\n', 's2'),
    });
    assert.deepEqual(found(r), ['x.yaml:13:12 MESH3008 service "a.default" has more than one TrafficSplit']);
  });

  test('silent: one split per service', () => {
    const r = run({
      ...services,
      'x.yaml': split('a', '    - { subset: v1, weight: 100 }\n', 's1') + '---\n' + split('b', '    - { subset: v2, weight: 100 }\n', 's2'),
    });
    assert.deepEqual(found(r), []);
  });
});
