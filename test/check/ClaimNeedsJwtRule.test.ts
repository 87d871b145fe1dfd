import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PUBLIC } from './gateway.js';
import { BASE, found, hints, res, run } from './yaml.js';

const services = { 's.yaml': BASE.svc('a') + '---\n' + BASE.svc('b') };
const policy = (target: string): string =>
  res('AuthorizationPolicy', 'p', `${target}  rules:\n    - when:\n        - claim: groups\n          values: [admin]\n`);
const jwt = res('RequestAuthentication', 'j', '  service: a\n  providers: [{ name: p, issuer: i, jwks: { file: /jwks.json } }]\n');

describe('ClaimNeedsJwtRule (MESH3204)', () => {
  test('a claim condition on a service without RequestAuthentication is an error at the claim', () => {
    const r = run({ ...services, 'p.yaml': policy('  service: b\n') });
    assert.deepEqual(found(r), [
      'p.yaml:8:18 MESH3204 claim condition on service "b", which has no RequestAuthentication: there is no validated token to read "groups" from',
    ]);
    assert.deepEqual(hints(r), ['add a RequestAuthentication for service "b", or match a header instead']);
  });

  test('a namespace-wide policy is reported once for each service that has no RequestAuthentication', () => {
    const r = run({ ...services, 'p.yaml': policy(''), 'j.yaml': jwt });
    assert.deepEqual(found(r), [
      'p.yaml:7:18 MESH3204 claim condition on service "b", which has no RequestAuthentication: there is no validated token to read "groups" from',
    ]);
  });

  test('a claim condition on a gateway without RequestAuthentication', () => {
    const r = run({ ...services, 'g.yaml': PUBLIC, 'p.yaml': policy('  gateway: public\n') });
    assert.deepEqual(found(r), [
      'p.yaml:8:18 MESH3204 claim condition on gateway "public", which has no RequestAuthentication: there is no validated token to read "groups" from',
    ]);
    const gwJwt = res('RequestAuthentication', 'g', '  gateway: public\n  providers: [{ name: p, issuer: i, jwks: { file: /jwks.json } }]\n');
    assert.deepEqual(found(run({ ...services, 'g.yaml': PUBLIC, 'p.yaml': policy('  gateway: public\n'), 'j.yaml': gwJwt })), []);
  });

  test('silent: the service has a RequestAuthentication', () => {
    assert.deepEqual(found(run({ ...services, 'p.yaml': policy('  service: a\n'), 'j.yaml': jwt })), []);
  });
});
