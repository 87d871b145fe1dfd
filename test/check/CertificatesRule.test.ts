import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, found, mesh, run } from './yaml.js';

const services = { 's.yaml': BASE.svc('a') };
const files = 'files: { certificateChain: /c/cert.pem, privateKey: /c/key.pem, trustedCA: /c/ca.pem }';

describe('CertificatesRule (MESH3014)', () => {
  test('both sds and files: reported at the certificates key', () => {
    const r = run({ ...services, 'm.yaml': mesh(`  certificates:\n    sds: { socket: /run/agent.sock }\n    ${files}\n`) });
    assert.deepEqual(found(r), ['m.yaml:5:3 MESH3014 certificates must set exactly one of sds or files']);
  });

  test('neither sds nor files', () => {
    const r = run({ ...services, 'm.yaml': mesh('  certificates: {}\n') });
    assert.deepEqual(found(r), ['m.yaml:5:3 MESH3014 certificates must set exactly one of sds or files']);
  });

  test('silent: only sds, only files, or no certificates', () => {
    assert.deepEqual(found(run({ ...services, 'm.yaml': mesh('  certificates:\n    sds: { socket: /run/agent.sock }\n') })), []);
    assert.deepEqual(found(run({ ...services, 'm.yaml': mesh(`  certificates:\n    ${files}\n`) })), []);
    assert.deepEqual(found(run({ ...services, 'm.yaml': mesh('  trustDomain: a.local\n') })), []);
  });
});
