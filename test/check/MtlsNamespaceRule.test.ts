import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, found, hints, mesh, run } from './yaml.js';

const services = { 's.yaml': BASE.svc('a') + '---\n' + BASE.svc('db', '', 'legacy') };

describe('MtlsNamespaceRule (MESH3201, MESH3202, MESH3203)', () => {
  test('an override for a namespace without services is an error at its key, with did-you-mean', () => {
    const r = run({ ...services, 'm.yaml': mesh('  mtls:\n    namespaces:\n      legcy: strict\n') });
    assert.deepEqual(found(r), ['m.yaml:7:7 MESH3201 mtls.namespaces names namespace "legcy", which has no service']);
    assert.deepEqual(hints(r), ['did you mean "legacy"?']);
  });

  test('permissive for one namespace is a warning at the mode, and the compile succeeds', () => {
    const r = run({ ...services, 'm.yaml': mesh('  mtls:\n    namespaces:\n      legacy: permissive\n') }, 'lower');
    assert.deepEqual(found(r), ['m.yaml:7:15 MESH3202 mtls mode "permissive" for namespace "legacy": its sidecars accept plaintext connections']);
    assert.deepEqual(
      r.diagnostics.map((d) => d.severity),
      ['warning'],
    );
    assert.equal(r.proxies?.length, 2);
  });

  test('disabled for one namespace is a warning', () => {
    const r = run({ ...services, 'm.yaml': mesh('  mtls: { namespaces: { legacy: disabled } }\n') });
    assert.deepEqual(found(r), [
      'm.yaml:5:33 MESH3203 mtls mode "disabled" for namespace "legacy": traffic to its sidecars is neither encrypted nor authenticated',
    ]);
  });

  test('silent: a strict override of a namespace with services', () => {
    assert.deepEqual(found(run({ ...services, 'm.yaml': mesh('  mtls: { mode: strict, namespaces: { legacy: strict } }\n') })), []);
  });
});
