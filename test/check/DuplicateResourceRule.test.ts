import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, found, hints, notes, res, run, split } from './yaml.js';

describe('DuplicateResourceRule (MESH3001)', () => {
  test('the same Service in two files is reported at the second name, with a note at the first', () => {
    const r = run({ 'a.yaml': BASE.svc('a'), 'b.yaml': BASE.svc('a') });
    assert.deepEqual(found(r), ['b.yaml:3:19 MESH3001 duplicate Service "a" in namespace "default"']);
    assert.deepEqual(notes(r), [['a.yaml:3:19 first defined here']]);
    assert.deepEqual(hints(r), ['(kind, namespace, name) must be unique across all inputs']);
  });

  test('an omitted namespace is "default"', () => {
    const r = run({ 'a.yaml': BASE.svc('a') + '---\n' + res('Service', 'a', '  port: 80\n  dns: a.example.com\n') });
    assert.deepEqual(found(r), ['a.yaml:18:19 MESH3001 duplicate Service "a" in namespace "default"']);
    assert.deepEqual(notes(r), [['a.yaml:3:19 first defined here']]);
  });

  test('every further copy points back at the first', () => {
    const r = run({ 'a.yaml': BASE.svc('a'), 'b.yaml': BASE.svc('a'), 'c.yaml': BASE.svc('a') });
    assert.deepEqual(found(r), [
      'b.yaml:3:19 MESH3001 duplicate Service "a" in namespace "default"',
      'c.yaml:3:19 MESH3001 duplicate Service "a" in namespace "default"',
    ]);
    assert.deepEqual(notes(r), [['a.yaml:3:19 first defined here'], ['a.yaml:3:19 first defined here']]);
  });

  test('silent: the same name in another namespace, or of another kind', () => {
    const r = run({
      'a.yaml': BASE.svc('a') + '---\n' + BASE.svc('a', '', 'prod'),
      'b.yaml': split('a', '    - { subset: v1, weight: 100 }\n', 'a'),
    });
    assert.deepEqual(found(r), []);
  });
});
