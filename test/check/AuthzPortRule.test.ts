import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, found, hints, res, run } from './yaml.js';

const services = { 's.yaml': BASE.svc('a') }; // port 8080, targetPort 3000
const policy = (ports: string, service = '  service: a\n'): string =>
  res('AuthorizationPolicy', 'p', `${service}  rules:\n    - to:\n        - ports: ${ports}\n`);

describe('AuthzPortRule (MESH3212)', () => {
  test('ports that are neither the port nor the targetPort of the named service', () => {
    const r = run({ ...services, 'p.yaml': policy('[9090, 9091]') });
    assert.deepEqual(found(r), [
      'p.yaml:8:18 MESH3212 service "a" is reached on port 8080 (app port 3000), so an operation with ports [9090, 9091] can never match',
    ]);
    assert.deepEqual(hints(r), ["list the service's port, or remove ports"]);
  });

  test('silent: the port, the targetPort, or a namespace-wide policy', () => {
    assert.deepEqual(found(run({ ...services, 'p.yaml': policy('[8080]') })), []);
    assert.deepEqual(found(run({ ...services, 'p.yaml': policy('[3000]') })), []);
    assert.deepEqual(found(run({ ...services, 'p.yaml': policy('[9090]', '') })), []);
  });
});
