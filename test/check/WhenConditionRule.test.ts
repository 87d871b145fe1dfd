import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, found, res, run } from './yaml.js';

const services = { 's.yaml': BASE.svc('a') };
const jwt = res('RequestAuthentication', 'j', '  service: a\n  providers: [{ name: p, issuer: i, jwks: { file: /jwks.json } }]\n');
const when = (item: string): string => res('AuthorizationPolicy', 'p', `  service: a\n  rules:\n    - when:\n        - ${item}\n`);

describe('WhenConditionRule (MESH3206)', () => {
  test('both header and claim: reported at the claim key', () => {
    const r = run({ ...services, 'j.yaml': jwt, 'p.yaml': when('{ header: x-a, claim: sub, values: [v] }') });
    assert.deepEqual(found(r), ['p.yaml:8:26 MESH3206 a condition must set exactly one of header or claim']);
  });

  test('neither: reported at the condition', () => {
    const r = run({ ...services, 'p.yaml': when('{ values: [v] }') });
    assert.deepEqual(found(r), ['p.yaml:8:11 MESH3206 a condition must set exactly one of header or claim']);
  });

  test('silent: a header, or a claim', () => {
    assert.deepEqual(found(run({ ...services, 'p.yaml': when('{ header: x-a, values: [v] }') })), []);
    assert.deepEqual(found(run({ ...services, 'j.yaml': jwt, 'p.yaml': when('{ claim: sub, values: [v] }') })), []);
  });
});
