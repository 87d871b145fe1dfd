import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, found, run } from './yaml.js';
import { gwRoute, PUBLIC } from './gateway.js';

describe('GatewayRuleTargetRule (MESH3114)', () => {
  test('a gateway rule with neither backends nor redirect: at the rule', () => {
    const r = run({ 's.yaml': BASE.svc('a'), 'g.yaml': PUBLIC, 'r.yaml': gwRoute('public', undefined, '    - timeout: 1s\n') });
    assert.deepEqual(found(r), ['r.yaml:7:7 MESH3114 a rule of a gateway route needs backends or a redirect']);
  });

  test('silent: backends, or a redirect', () => {
    const r = run({
      's.yaml': BASE.svc('a'),
      'g.yaml': PUBLIC,
      'r.yaml': gwRoute('public', undefined, '    - match: [{ path: { prefix: /x } }]\n      redirect: { host: a.example.com }\n    - backends: [{ service: a }]\n'),
    });
    assert.deepEqual(found(r), []);
  });
});
