import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, found, hints, mesh, run } from './yaml.js';

const services = { 's.yaml': BASE.svc('a') };

describe('MtlsModeRule (MESH3021, MESH3022)', () => {
  test('permissive mTLS is a warning at the mode, and the compile still succeeds', () => {
    const r = run({ ...services, 'm.yaml': mesh('  mtls: { mode: permissive }\n') }, 'lower');
    assert.deepEqual(found(r), ['m.yaml:5:17 MESH3021 mtls mode "permissive" lets inbound listeners accept plaintext connections']);
    assert.deepEqual(
      r.diagnostics.map((d) => d.severity),
      ['warning'],
    );
    assert.deepEqual(hints(r), ['use it while migrating, then switch to strict']);
    assert.deepEqual(
      r.proxies?.map((p) => p.name),
      ['a'],
    );
  });

  test('disabled mTLS is a warning too, and the compile still succeeds', () => {
    const r = run({ ...services, 'm.yaml': mesh('  mtls:\n    mode: disabled\n') }, 'lower');
    assert.deepEqual(found(r), ['m.yaml:6:11 MESH3022 mtls mode "disabled": traffic between sidecars is neither encrypted nor authenticated']);
    assert.deepEqual(
      r.diagnostics.map((d) => d.severity),
      ['warning'],
    );
    assert.equal(r.proxies?.length, 1);
  });

  test('silent: strict, or no mtls setting', () => {
    assert.deepEqual(found(run({ ...services, 'm.yaml': mesh('  mtls: { mode: strict }\n') })), []);
    assert.deepEqual(found(run({ ...services, 'm.yaml': mesh('  mtls: {}\n') })), []);
  });
});
