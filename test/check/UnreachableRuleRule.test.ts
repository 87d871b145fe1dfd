import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, found, hints, route, run } from './yaml.js';

const services = { 's.yaml': BASE.svc('a') };
const to = '      backends: [{ service: a }]\n';

describe('UnreachableRuleRule (MESH3009)', () => {
  test('every rule after a rule without match is reported, by name or index', () => {
    const r = run({
      ...services,
      'r.yaml': route('a', `    - name: all\n${to}    - match: [{ path: { prefix: /x } }]\n${to}    - name: last\n${to}`),
    });
    assert.deepEqual(found(r), [
      'r.yaml:9:7 MESH3009 rule #1 can never match: rule "all" before it matches every request',
      'r.yaml:11:7 MESH3009 rule "last" can never match: rule "all" before it matches every request',
    ]);
    assert.deepEqual(hints(r)[0], 'move the catch-all rule (the one without "match") to the end');
  });

  test('a match of only `prefix: /` is a catch-all too', () => {
    const r = run({ ...services, 'r.yaml': route('a', `    - match: [{ path: { prefix: / } }]\n${to}    - match: [{ method: GET }]\n${to}`) });
    assert.deepEqual(found(r), ['r.yaml:9:7 MESH3009 rule #1 can never match: rule #0 before it matches every request']);
  });

  test('a match list with one unconstrained item is a catch-all', () => {
    const r = run({
      ...services,
      'r.yaml': route('a', `    - match: [{ method: POST }, { path: { prefix: / } }]\n${to}    - name: rest\n${to}`),
    });
    assert.deepEqual(found(r), ['r.yaml:9:7 MESH3009 rule "rest" can never match: rule #0 before it matches every request']);
  });

  test('silent: `prefix: /` with a method, and a catch-all at the end', () => {
    const r = run({
      ...services,
      'r.yaml': route('a', `    - match: [{ path: { prefix: / }, method: GET }]\n${to}    - match: [{ path: { exact: / } }]\n${to}    - name: default\n${to}`),
    });
    assert.deepEqual(found(r), []);
  });
});
