import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PUBLIC } from './gateway.js';
import { BASE, found, hints, mesh, res, run } from './yaml.js';

const services = { 's.yaml': BASE.svc('a') + '---\n' + BASE.svc('b') + '---\n' + BASE.svc('old', '', 'legacy') };
const from = (target: string, action = 'allow'): string =>
  res(
    'AuthorizationPolicy',
    'p',
    `${target}  action: ${action}\n  rules:\n    - from:\n        - service: a\n        - identity: spiffe://cluster.local/ns/x/sa/y\n        - namespace: legacy\n        - ipBlock: 10.0.0.0/8\n`,
  );

describe('IdentityNeedsMtlsRule (MESH3205, MESH3215)', () => {
  test('identity sources on a service whose mTLS is disabled mesh-wide: one error per source, ipBlock is fine', () => {
    const r = run({ ...services, 'm.yaml': mesh('  mtls: { mode: disabled }\n'), 'p.yaml': from('  service: b\n') });
    assert.deepEqual(found(r).filter((l) => !l.includes('MESH3022')), [
      'p.yaml:9:20 MESH3205 source "service: a" matches a caller identity, but mTLS is disabled for service "b", so no caller identity is known',
      'p.yaml:10:21 MESH3205 source "identity: spiffe://cluster.local/ns/x/sa/y" matches a caller identity, but mTLS is disabled for service "b", so no caller identity is known',
      'p.yaml:11:22 MESH3205 source "namespace: legacy" matches a caller identity, but mTLS is disabled for service "b", so no caller identity is known',
    ]);
    assert.equal(hints(r)[1], 'enable mTLS for namespace "default" (Mesh spec.mtls), or match the caller by ipBlock');
  });

  test('a deny policy is checked too, and a namespace override decides', () => {
    const r = run({
      ...services,
      'm.yaml': mesh('  mtls: { namespaces: { legacy: disabled } }\n'),
      'p.yaml': from('  service: old\n', 'deny').replace('metadata: { name: p }', 'metadata: { name: p, namespace: legacy }'),
    });
    assert.deepEqual(
      found(r).filter((l) => l.includes('MESH3205')).map((l) => l.split(' MESH3205')[0]),
      ['p.yaml:9:20', 'p.yaml:10:21', 'p.yaml:11:22'],
    );
  });

  test('identity sources at a gateway, whose clients come from outside the mesh (MESH3215); ipBlock is fine', () => {
    const r = run({ ...services, 'g.yaml': PUBLIC, 'p.yaml': from('  gateway: public\n') });
    assert.deepEqual(found(r), [
      'p.yaml:9:20 MESH3215 source "service: a" matches a mesh identity, but the clients of gateway "public" come from outside the mesh and present none',
      'p.yaml:10:21 MESH3215 source "identity: spiffe://cluster.local/ns/x/sa/y" matches a mesh identity, but the clients of gateway "public" come from outside the mesh and present none',
      'p.yaml:11:22 MESH3215 source "namespace: legacy" matches a mesh identity, but the clients of gateway "public" come from outside the mesh and present none',
    ]);
    assert.equal(hints(r)[0], 'at a gateway, match clients by ipBlock, or by a header or JWT claim');
  });

  test('silent: strict and permissive services', () => {
    assert.deepEqual(found(run({ ...services, 'p.yaml': from('  service: b\n') })), []);
    const r = run({ ...services, 'm.yaml': mesh('  mtls: { mode: permissive }\n'), 'p.yaml': from('') });
    assert.deepEqual(found(r).filter((l) => !l.includes('MESH3021')), []);
  });
});
