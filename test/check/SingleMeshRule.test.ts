import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, found, mesh, notes, run } from './yaml.js';

describe('SingleMeshRule (MESH3002)', () => {
  test('a second Mesh is reported at its kind, with a note at the first', () => {
    const r = run({ 'a.yaml': mesh('  trustDomain: a.local\n', 'one'), 'b.yaml': mesh('  trustDomain: b.local\n', 'two') });
    assert.deepEqual(found(r), ['b.yaml:2:7 MESH3002 more than one Mesh resource; a mesh is configured by exactly one']);
    assert.deepEqual(notes(r), [['a.yaml:2:7 first defined here']]);
  });

  test('three Meshes give two errors', () => {
    const r = run({ 'a.yaml': [mesh('  {}\n', 'one'), mesh('  {}\n', 'two'), mesh('  {}\n', 'three')].join('---\n') });
    assert.deepEqual(found(r), [
      'a.yaml:8:7 MESH3002 more than one Mesh resource; a mesh is configured by exactly one',
      'a.yaml:14:7 MESH3002 more than one Mesh resource; a mesh is configured by exactly one',
    ]);
  });

  test('silent: one Mesh, or none', () => {
    assert.deepEqual(found(run({ 'a.yaml': mesh('  trustDomain: a.local\n'), 's.yaml': BASE.svc('a') })), []);
    assert.deepEqual(found(run({ 's.yaml': BASE.svc('a') })), []);
  });
});
