/** The admin interface is always on 127.0.0.1: any attempt to move it is an error with a hint that says why. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileFiles, seen } from '../helpers/compile.js';
import { socketAddress } from '../../src/lower/envoy.js';
import { BASE } from '../helpers/compile.js';

const mesh = (spec: string): string => `apiVersion: meshc.dev/v1\nkind: Mesh\nmetadata: { name: m }\nspec:\n${spec}`;
const HINT =
  'the admin interface is always bound to 127.0.0.1 and only spec.proxy.adminPort can be set: on any other address, anyone who reaches it could reconfigure or stop the proxy';

describe('admin address (MESH2004 with a hint)', () => {
  test('proxy.adminAddress is an unknown field, with the reason as hint', () => {
    const r = compileFiles({ 'm.yaml': mesh('  proxy:\n    adminPort: 9901\n    adminAddress: 0.0.0.0\n'), 's.yaml': BASE.svc('a') });
    assert.deepEqual(seen(r), [{ code: 'MESH2004', line: 7, col: 5, message: 'unknown field "adminAddress" in spec.proxy' }]);
    assert.deepEqual(r.diagnostics.map((d) => d.hint), [HINT]);
    assert.equal(r.proxies, undefined);
  });

  test('an admin block in the spec gets the same hint', () => {
    const r = compileFiles({ 'm.yaml': mesh('  admin: { address: 0.0.0.0 }\n'), 's.yaml': BASE.svc('a') });
    assert.deepEqual(seen(r), [{ code: 'MESH2004', line: 5, col: 3, message: 'unknown field "admin" in spec' }]);
    assert.deepEqual(r.diagnostics.map((d) => d.hint), [HINT]);
  });

  test('other unknown fields keep their did-you-mean', () => {
    const r = compileFiles({ 'm.yaml': mesh('  proxy: { inboundPrt: 15006 }\n'), 's.yaml': BASE.svc('a') });
    assert.deepEqual(r.diagnostics.map((d) => d.hint), ['did you mean "inboundPort"?']);
  });

  test('every proxy binds admin to 127.0.0.1', () => {
    const r = compileFiles({ 'm.yaml': mesh('  proxy: { adminPort: 9000 }\n'), 's.yaml': BASE.svc('a') });
    for (const p of r.proxies!) assert.deepEqual(p.admin, { address: socketAddress('127.0.0.1', 9000) });
  });
});
