import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, found, mesh, route, run } from './yaml.js';

describe('PositiveDurationRule (MESH3027, MESH3028)', () => {
  test('a zero connect timeout and zero backoff intervals in the Mesh defaults', () => {
    const r = run({
      's.yaml': BASE.svc('a'),
      'm.yaml': mesh('  defaults:\n    connectTimeout: 0s\n    retries: { attempts: 1, backoff: { base: 0ms, max: 0s } }\n'),
    });
    assert.deepEqual(found(r), [
      'm.yaml:6:21 MESH3027 spec.defaults.connectTimeout must be longer than 0',
      'm.yaml:7:46 MESH3027 spec.defaults.retries.backoff.base must be longer than 0',
      'm.yaml:7:56 MESH3027 spec.defaults.retries.backoff.max must be longer than 0',
    ]);
  });

  test('a backoff whose max is shorter than its base, in a rule', () => {
    const r = run({ 's.yaml': BASE.svc('a'), 'r.yaml': route('a', '    - retries: { backoff: { base: 500ms, max: 100ms } }\n') });
    assert.deepEqual(found(r), ['r.yaml:7:47 MESH3028 retry backoff max (100ms) is shorter than its base (500ms)']);
  });

  test('silent: positive durations, equal base and max, and a zero route timeout (which disables it)', () => {
    const r = run({
      's.yaml': BASE.svc('a'),
      'r.yaml': route('a', '    - timeout: 0s\n      retries: { backoff: { base: 100ms, max: 100ms } }\n'),
      'm.yaml': mesh('  defaults: { connectTimeout: 250ms }\n'),
    });
    assert.deepEqual(found(r), []);
  });
});
